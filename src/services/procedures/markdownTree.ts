/**
 * A library's Markdown → one mdast tree, in time linear in its length.
 *
 * micromark's cost grows faster than the text when one document holds
 * thousands of blocks (every resolution pass splices the document's whole
 * event list), so a large library is parsed in parts of a bounded size, cut
 * just before a heading of level 1–3 at the start of a line — where
 * CommonMark ends every open block anyway — and the parts' trees are joined
 * with their positions shifted back into the whole text. A cut is made only
 * where it cannot change the reading: never inside a fenced code block or an
 * HTML block, and never in a text with link reference definitions (they
 * reach across the whole document), which is parsed whole.
 */
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/** A part's target size: big enough that per-parse setup is noise, small enough that micromark stays linear. */
const PART_CHARS = 16_384;

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^#{1,3}(?:[ \t]|$)/;
const HTML_START = /^ {0,3}</;
const DEFINITION = /^ {0,3}\[[^\]]+\]:/m;

export interface Part {
  text: string;
  /** Lines before the part (0 for the first). */
  line: number;
  /** Characters before the part. */
  offset: number;
}

/** Offsets (line starts) where the text may be cut without changing how it parses. */
export function cutPoints(text: string): number[] {
  const cuts: number[] = [];
  let fence: { char: string; length: number } | null = null;
  let html = false;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    if (fence) {
      const m = FENCE_OPEN.exec(line);
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.length && line.slice(m[0].length).trim() === '') fence = null;
    } else if (html) {
      // Conservative: an HTML block (of any kind) is taken to run to the next blank line or comment end.
      if (line.trim() === '' || line.includes('-->')) html = false;
    } else {
      const m = FENCE_OPEN.exec(line);
      if (m) fence = { char: m[1]![0]!, length: m[1]!.length };
      else if (HTML_START.test(line)) html = !(line.includes('<!--') && line.includes('-->'));
      else if (HEADING.test(line) && pos > 0) cuts.push(pos);
    }
    pos = end + 1;
  }
  return cuts;
}

/** The text in parts of about `partChars`, each starting at a cut point (one part when none fits). */
export function splitParts(text: string, partChars = PART_CHARS): Part[] {
  if (text.length <= partChars || DEFINITION.test(text)) return [{ text, line: 0, offset: 0 }];
  const parts: Part[] = [];
  let start = 0;
  let line = 0;
  for (const cut of cutPoints(text)) {
    if (cut - start < partChars) continue;
    const t = text.slice(start, cut);
    parts.push({ text: t, line, offset: start });
    line += countLines(t);
    start = cut;
  }
  parts.push({ text: text.slice(start), line, offset: start });
  return parts;
}

function countLines(t: string): number {
  let n = 0;
  for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) n++;
  return n;
}

function shift(node: Nodes, line: number, offset: number): void {
  const p = node.position;
  if (p) {
    p.start.line += line;
    p.end.line += line;
    if (p.start.offset !== undefined) p.start.offset += offset;
    if (p.end.offset !== undefined) p.end.offset += offset;
  }
  if ('children' in node) for (const c of node.children as Nodes[]) shift(c, line, offset);
}

export function markdownTree(text: string, partChars = PART_CHARS): Root {
  const options = { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };
  const parts = splitParts(text, partChars);
  if (parts.length === 1) return fromMarkdown(text, options);
  const root: Root = { type: 'root', children: [] };
  for (const part of parts) {
    const tree = fromMarkdown(part.text, options);
    for (const c of tree.children) {
      shift(c, part.line, part.offset);
      root.children.push(c);
    }
  }
  root.position = { start: { line: 1, column: 1, offset: 0 }, end: { line: countLines(text) + 1, column: 1, offset: text.length } };
  return root;
}
