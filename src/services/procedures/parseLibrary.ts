/**
 * A library file (Markdown, the operations team's format) → procedures.
 *
 *   # Library title                      (ignored)
 *   ## Category                          every procedure below belongs to it
 *   ### DO-001: Title                    a procedure (an ID heading at ## also counts)
 *   **Purpose:** text                    a section: a bold label ending in ":" …
 *   **Procedure:** / **Immediate Response (0-15 minutes):**
 *   1. **Step title**  ```bash …```      … holding numbered steps (a phase) or
 *   - item / - [ ] item                  … bullet items (checklists when [ ])
 *   #### Heading                         also a section inside a procedure
 *
 * Pure: text in, model out; a problem is a LibraryError naming file:line.
 * Links between procedures are resolved later, over all files (links.ts).
 */
import { nodeCrypto } from '../../hosts/lazyBuiltins';
import type { Heading, Nodes, RootContent } from 'mdast';
import { LibraryError } from './LibraryError';
import { markdownTree } from './markdownTree';
import type { Link, Procedure, Section, SectionKind } from './model';
import { boldLabel, lineOf, plainText, slug } from './mdText';
import { parseSteps } from './parseSteps';
import { procedureParameters, procedureRisk } from './procedureFacts';

const ID_HEADING = /^([A-Z]{2,5}-\d{2,4}):\s*(.+)$/;
const ID_ATTEMPT = /^[A-Z]{2,5}[- ]?\d+\b/;
const FENCE_CLOSE = /^\s*(`{3,}|~{3,})\s*$/;

const KINDS: Array<[RegExp, SectionKind]> = [
  [/^purpose$/i, 'purpose'],
  [/^frequency$/i, 'frequency'],
  [/^schedule$/i, 'schedule'],
  [/^prerequisites?$/i, 'prerequisites'],
  [/^trigger( conditions)?$/i, 'trigger'],
  [/^(success criteria|recovery validation|validation criteria)$/i, 'success'],
  [/^escalation( criteria)?$/i, 'escalation'],
  [/^actions required$/i, 'actions'],
  [/^documentation$/i, 'documentation'],
  [/reporting$/i, 'reporting'],
  [/checklist$/i, 'checklist'],
];

function kindOf(label: string, hasSteps: boolean): SectionKind {
  for (const [re, kind] of KINDS) if (re.test(label)) return kind;
  return hasSteps ? 'phase' : 'notes';
}

interface Draft {
  id: string;
  title: string;
  category: string;
  heading: Heading;
  nodes: RootContent[];
}

/** Fences left open swallow the rest of their container; say where they began. */
function checkFences(nodes: Nodes[], lines: string[], file: string): void {
  for (const n of nodes) {
    if (n.type === 'code' && n.position) {
      const { start, end } = n.position;
      const opener = (lines[start.line - 1] ?? '').trim();
      if (/^(`{3,}|~{3,})/.test(opener) && (end.line === start.line || !FENCE_CLOSE.test(lines[end.line - 1] ?? ''))) {
        throw new LibraryError(file, start.line, 'this code fence is never closed');
      }
    }
    if ('children' in n) checkFences(n.children as Nodes[], lines, file);
  }
}

function collectLinks(nodes: Nodes[], file: string, out: Link[]): void {
  for (const n of nodes) {
    if (n.type === 'link' && n.url.startsWith('#')) {
      out.push({ text: plainText(n).trim(), target: n.url.slice(1), procedure: null, source: { file, line: lineOf(n) } });
    }
    if ('children' in n) collectLinks(n.children as Nodes[], file, out);
  }
}

function buildProcedure(d: Draft, file: string, text: string): Procedure {
  const sections: Section[] = [];
  const steps: Procedure['steps'] = [];
  let current: Section | null = null;
  const open = (label: string, line: number, rest: string): Section => {
    const s: Section = { label, kind: 'notes', source: { file, line }, text: rest, items: [], steps: [] };
    sections.push(s);
    return s;
  };
  for (const node of d.nodes) {
    if (node.type === 'paragraph' && boldLabel(node)) {
      const b = boldLabel(node)!;
      current = open(b.label, lineOf(node), b.rest);
    } else if (node.type === 'heading') {
      current = open(plainText(node).trim().replace(/:$/, ''), lineOf(node), '');
    } else if (node.type === 'list' && node.ordered) {
      current ??= open('Procedure', lineOf(node), '');
      const parsed = parseSteps(node, file, current.label);
      for (const s of parsed) {
        if (steps.some((o) => o.number === s.number)) throw new LibraryError(file, s.source.line, `step ${s.number} is numbered twice in ${d.id}`);
      }
      steps.push(...parsed);
      current.steps.push(...parsed.map((s) => s.number));
    } else if (node.type === 'list') {
      current ??= open('', lineOf(node), '');
      for (const li of node.children) current.items.push({ text: plainText(li).trim(), checked: li.checked ?? null, source: { file, line: lineOf(li) } });
    } else if (node.type === 'code') {
      // A code block outside a numbered list: an unnumbered step under its section.
      current ??= open('Procedure', lineOf(node), '');
      const number = (steps[steps.length - 1]?.number ?? 0) + 1;
      const [s] = parseSteps({ type: 'list', ordered: true, start: number, children: [{ type: 'listItem', children: [node], position: node.position }] }, file, current.label);
      if (s) {
        s.title = current.label || `Step ${number}`;
        steps.push(s);
        current.steps.push(s.number);
      }
    } else if (node.type !== 'thematicBreak' && node.type !== 'html' && node.type !== 'definition') {
      const t = plainText(node).trim();
      if (t) {
        current ??= open('', lineOf(node), '');
        current.text = current.text ? `${current.text}\n${t}` : t;
      }
    }
  }
  for (const s of sections) s.kind = kindOf(s.label, s.steps.length > 0);
  const checklist = sections.flatMap((s) => s.items.filter((i) => i.checked !== null || s.kind === 'success' || s.kind === 'checklist').map((i) => ({ ...i, section: s.label })));
  const links: Link[] = [];
  collectLinks(d.nodes as Nodes[], file, links);
  const startOffset = d.heading.position?.start.offset ?? 0;
  const last = d.nodes[d.nodes.length - 1];
  const endOffset = last?.position?.end.offset ?? d.heading.position?.end.offset ?? text.length;
  return {
    id: d.id,
    title: d.title,
    category: d.category,
    anchor: slug(plainText(d.heading)),
    source: { file, line: lineOf(d.heading) },
    sections,
    steps,
    parameters: procedureParameters(d.id, steps, file),
    checklist,
    links,
    maxRisk: procedureRisk(steps),
    hash: nodeCrypto().createHash('sha256').update(text.slice(startOffset, endOffset)).digest('hex'),
  };
}

/** A UTF-8 byte-order mark reads as nothing, CRLF (and a lone CR) as LF: a library saved on Windows parses as written. */
export function normaliseText(text: string): string {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return t.includes('\r') ? t.replace(/\r\n?/g, '\n') : t;
}

/** Parses one library file. Throws LibraryError (file:line) on anything it cannot read. */
export function parseLibrary(input: string, file: string): Procedure[] {
  if (input.includes('\0')) throw new LibraryError(file, null, 'not a text file (contains NUL bytes)');
  const text = normaliseText(input);
  const tree = markdownTree(text);
  checkFences(tree.children, text.split('\n'), file);
  const drafts: Draft[] = [];
  const seenIds = new Map<string, Draft>();
  let category = '';
  let cur: Draft | null = null;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      const t = plainText(node).trim();
      const m = ID_HEADING.exec(t);
      if (m && (node.depth === 2 || node.depth === 3)) {
        const seen = seenIds.get(m[1]!);
        if (seen) throw new LibraryError(file, lineOf(node), `${m[1]} is defined twice (first at ${file}:${lineOf(seen.heading)})`);
        cur = { id: m[1]!, title: m[2]!.trim(), category, heading: node, nodes: [] };
        drafts.push(cur);
        seenIds.set(cur.id, cur);
        continue;
      }
      if (node.depth <= 3 && ID_ATTEMPT.test(t)) {
        throw new LibraryError(file, lineOf(node), `"${t}" looks like a procedure heading but is not "ID: Title" (an ID like DO-001, then a colon)`);
      }
      if (node.depth === 1) cur = null;
      else if (node.depth === 2) {
        category = t;
        cur = null;
      } else if (node.depth === 3) cur = null;
      else cur?.nodes.push(node);
      continue;
    }
    cur?.nodes.push(node);
  }
  if (drafts.length === 0) throw new LibraryError(file, 1, 'no procedures found: a procedure starts with a heading like "### DO-001: Daily Health Check Procedure"');
  return drafts.map((d) => buildProcedure(d, file, text));
}
