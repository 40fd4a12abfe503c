/**
 * A config's YAML read into a document, every problem with it as one
 * `line:column: what` in riskctl's words: the yaml library's syntax errors
 * (their codes, not their messages, which speak of the library's API), and
 * what a config never needs and an attacker would use — nesting deeper than
 * any field, aliases that expand without bound, tags, keys that are lists,
 * control characters. The document is walked with an explicit stack: a
 * recursive walk is what a deep document overflows.
 */
import { isAlias, isCollection, isNode, isPair, isScalar, LineCounter, parseDocument, type Document, type Node, type YAMLError } from 'yaml';
import { positionAt } from './configText';

export { positionAt };

/** Collections inside collections: a config's deepest field (hosts[0].health[0].url) is 5. */
export const MAX_DEPTH = 20;
/** Nodes aliases may expand to in all (the yaml library's own default bound). */
export const MAX_ALIAS_NODES = 100;

export interface YamlProblem {
  /** Offset in the text where the problem is. */
  offset: number;
  problem: string;
}

/** The characters riskctl refuses in keys and values: C0 controls but tab and newline, DEL, C1. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A short, printable rendering of a piece of the text: what the operator typed, never more than a few words. */
export function shownText(s: string, max = 40): string {
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The key written at offset (plain or quoted), for a duplicate-key message. */
function keyAt(text: string, offset: number): string {
  const rest = text.slice(offset, offset + 200);
  const m = /^"((?:[^"\\\n]|\\.)*)"|^'((?:[^'\n]|'')*)'|^([^:,{}[\]\n#]*?)\s*(?::|$)/m.exec(rest);
  return shownText((m?.[1] ?? m?.[2] ?? m?.[3] ?? '').trim());
}

function syntaxProblem(e: YAMLError, text: string): string {
  const m = e.message;
  switch (e.code) {
    case 'DUPLICATE_KEY':
      return `"${keyAt(text, e.pos[0])}" appears twice in one mapping (each key once)`;
    case 'MULTIPLE_DOCS':
      return "a second document ('---'): a config is one YAML document";
    case 'TAB_AS_INDENT':
      return 'a tab in the indentation (indent with spaces)';
    case 'BLOCK_IN_FLOW':
      return 'an indented list or mapping inside [ ] or { } (is a bracket left open?)';
    case 'BAD_INDENT':
      if (/end with a [\]}]/.test(m))
        return `a ${/end with a \]/.test(m) ? '[ list ]' : '{ mapping }'} is not closed before this line (or its lines are not indented enough)`;
      return /same column/.test(m) ? 'list items do not start at the same column' : 'the indentation does not line up with the lines above';
    case 'MISSING_CHAR':
      if (/closing "quote/.test(m)) return 'a "quoted" value is not closed';
      if (/closing 'quote/.test(m)) return "a 'quoted' value is not closed";
      if (/Sequence item without/.test(m)) return "a list item without '-' (or the indentation is off)";
      if (/Missing space after :/.test(m)) return "a ':' without a space after it";
      if (/Missing , /.test(m)) return "a ',' missing between items of [ ] or { }";
      if (/followed by map values/.test(m)) return "a key without ':' and a value";
      if (/Comments must be separated/.test(m)) return "a '#' comment needs a space before it";
      if (/separated from the next token/.test(m)) return 'an anchor or tag needs a space after it';
      return "something is missing here (a closing bracket or quote, a ':' or a ',')";
    case 'UNEXPECTED_TOKEN':
      if (/Unexpected , in/.test(m)) return "an extra ','";
      if (/Unexpected empty item/.test(m)) return 'an empty item in [ ] or { }';
      if (/Unexpected [\]}]/.test(m) || /flow-(seq|map)-end/.test(m)) return 'a closing bracket that closes nothing';
      return 'unexpected text here (check the indentation and the ":" before it)';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return /Nested mappings/.test(m) ? "a second ': ' on one line (quote the value if it contains ': ')" : 'a list used as a key';
    case 'MULTILINE_IMPLICIT_KEY':
      return "a key that runs over more than one line (is a ':' missing?)";
    case 'BAD_DQ_ESCAPE':
      return 'an unknown \\ escape in a "double-quoted" value (use single quotes for backslashes)';
    case 'BAD_SCALAR_START':
      return `a value cannot start with ${shownText(text.charAt(e.pos[0]) || 'this character')} (quote the value)`;
    case 'KEY_OVER_1024_CHARS':
      return 'a key longer than 1024 characters';
    case 'ALIAS_PROPS':
    case 'BAD_ALIAS':
      return 'an alias (*name) that is not a plain alias';
    case 'MULTIPLE_ANCHORS':
      return 'two anchors (&) on one value';
    case 'MULTIPLE_TAGS':
    case 'TAG_RESOLVE_FAILED':
    case 'BAD_COLLECTION_TYPE':
      return 'a tag (!…): a config uses none';
    case 'BAD_PROP_ORDER':
      return 'an anchor or tag out of place';
    case 'BAD_DIRECTIVE':
      return "a '%' directive: a config uses none";
    case 'NON_STRING_KEY':
      return 'a key must be a name, not a list or mapping';
    case 'RESOURCE_EXHAUSTION':
      return `nested too deeply (a config needs ${MAX_DEPTH} levels at most)`;
    default:
      return 'not valid YAML here';
  }
}

/** Nesting the quick scan lets through to the parser: far above MAX_DEPTH, far below what overflows the parser's stack. */
const SCAN_DEPTH = 64;

/**
 * A linear scan that bounds how deep the text nests before the yaml library
 * sees it: its composer recurses per level (a few thousand levels overflow
 * the stack) and its parser slows with depth (500 000 "[" took 9 s). Counts
 * indentation levels, compact "- " items and open brackets outside quotes
 * and comments — an over-estimate, which is all a guard needs. Returns the
 * offset where the bound is passed, or -1.
 */
export function tooDeepAt(text: string): number {
  const indents: number[] = [];
  let flow = 0;
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    let i = pos;
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i < end && text[i] !== '#' && text[i] !== '\r') {
      const indent = i - pos;
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      let depth = indents.length;
      while (i + 1 < end && (text[i] === '-' || text[i] === '?') && text[i + 1] === ' ') {
        depth++;
        i += 2;
        while (i < end && text.charCodeAt(i) === 32) i++;
        if (depth + flow > SCAN_DEPTH) return i;
      }
      let quote = '';
      for (; i < end; i++) {
        const c = text[i]!;
        if (quote) {
          if (c === '\\' && quote === '"') i++;
          else if (c === quote) quote = '';
          continue;
        }
        if (c === '#' && (i === pos || text[i - 1] === ' ')) break;
        if ((c === '"' || c === "'") && (i === pos || /[\s[{,:]/.test(text[i - 1]!))) quote = c;
        else if (c === '[' || c === '{') {
          flow++;
          if (depth + flow > SCAN_DEPTH) return i;
        } else if ((c === ']' || c === '}') && flow > 0) flow--;
      }
      if (depth + flow > SCAN_DEPTH) return pos;
    }
    pos = end + 1;
  }
  return -1;
}

interface Visit {
  node: unknown;
  depth: number;
}

/** A node starts after its tag: the "!" of the word before it, if that is one. */
function tagStart(text: string, offset: number): number {
  let j = offset - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  while (j >= 0 && !' \t\n[{,'.includes(text[j]!)) j--;
  return text[j + 1] === '!' ? j + 1 : offset;
}

/** The first shape problem of a parsed document, in document order; null: none. */
function shapeProblem(doc: Document, text: string): YamlProblem | null {
  const anchors = new Set<string>();
  const stack: Visit[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || node === undefined) continue;
    if (isPair(node)) {
      if (isNode(node.key) && !isScalar(node.key) && !isAlias(node.key))
        return { offset: node.key.range?.[0] ?? 0, problem: 'a key must be a name, not a list or mapping' };
      stack.push({ node: node.value, depth }, { node: node.key, depth });
      continue;
    }
    if (!isNode(node)) continue;
    const offset = node.range?.[0] ?? 0;
    if (isAlias(node)) {
      if (!anchors.has(node.source)) return { offset, problem: `the alias *${shownText(node.source)} has no anchor &${shownText(node.source)} before it` };
      continue;
    }
    if (node.tag) return { offset: tagStart(text, offset), problem: 'a tag (!…): a config uses none' };
    if (node.anchor) anchors.add(node.anchor);
    if (isScalar(node)) {
      if (typeof node.value === 'string') {
        const c = CONTROL.exec(node.value);
        if (c) return { offset, problem: `a control character (${codePoint(c[0])}) in a key or value` };
      }
      continue;
    }
    if (isCollection(node)) {
      if (depth + 1 > MAX_DEPTH) return { offset, problem: `nested too deeply (a config needs ${MAX_DEPTH} levels at most)` };
      const items = (node.items as unknown[]).slice().reverse();
      for (const it of items) stack.push({ node: it, depth: depth + 1 });
    }
  }
  return null;
}

/** The first alias that copies a collection (where an alias bomb multiplies), else the first alias. */
function aliasBombAt(doc: Document): number {
  const anchors = new Map<string, Node>();
  const stack: unknown[] = [doc.contents];
  let first: number | null = null;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (!isNode(node)) continue;
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? 0;
      first ??= offset;
      if (isCollection(anchors.get(node.source))) return offset;
      continue;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    if (isCollection(node)) for (const it of (node.items as unknown[]).slice().reverse()) stack.push(it);
  }
  return first ?? 0;
}

export interface ParsedYaml {
  doc: Document;
  lc: LineCounter;
  /** The document as plain data (aliases and merge keys resolved). */
  value: unknown;
}

export class YamlProblemError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly problem: string,
  ) {
    super(`${line}:${column}: ${problem}`);
    this.name = 'YamlProblemError';
  }
}

/** Parses a config's text; throws YamlProblemError at the first problem. */
export function parseYaml(text: string): ParsedYaml {
  const lc = new LineCounter();
  const fail = (offset: number, problem: string): never => {
    const p = positionAt(text, offset);
    throw new YamlProblemError(p.line, p.column, problem);
  };
  const nul = text.indexOf('\u0000');
  if (nul >= 0) fail(nul, 'a NUL byte: this is not a text file');
  const deep = tooDeepAt(text);
  if (deep >= 0) fail(deep, `nested too deeply (a config needs ${MAX_DEPTH} levels at most)`);
  let doc: Document;
  try {
    // logLevel 'error': the library's warnings (it prints them itself) are not printed; they are errors here.
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, merge: true, logLevel: 'error' });
  } catch (e) {
    return fail(text.length, e instanceof RangeError ? `nested too deeply (a config needs ${MAX_DEPTH} levels at most)` : 'not valid YAML');
  }
  const err = doc.errors[0] ?? doc.warnings[0];
  if (err) fail(err.pos[0], syntaxProblem(err, text));
  const shape = shapeProblem(doc, text);
  if (shape) fail(shape.offset, shape.problem);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_NODES });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message))
      fail(aliasBombAt(doc), `aliases expand to more than ${MAX_ALIAS_NODES} values (a config needs few; is this an alias bomb?)`);
    if (e instanceof RangeError) fail(0, `nested too deeply (a config needs ${MAX_DEPTH} levels at most)`);
    throw e;
  }
  return { doc, lc, value };
}
