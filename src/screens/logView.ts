/**
 * The logs view as pure functions over a buffer: which lines a filter lets
 * through, which rows fill the screen (walking back from the bottom line
 * only as far as the screen needs, so a 10 000-line buffer costs a screenful
 * per frame), and where a scroll lands. Ink has no scrolling: this is it.
 */
import type { LogLine } from '../services/logs/LogBuffer';

/** What the view reads of a LogBuffer. */
export interface LinesLike {
  readonly length: number;
  at(i: number): LogLine | undefined;
  indexOfSeq(seq: number): number;
}

/** Procedure DO-001's grep -i "warning\|error\|critical". */
export const ERRORS_RE = /warning|error|critical/i;

export interface CompiledFilter {
  match: (line: LogLine) => boolean;
  /** Something filters at all (text, invert or the errors view). */
  active: boolean;
  /** How the text was taken, for the title line. */
  mode: 'none' | 'regex' | 'text';
}

/**
 * Text filter as k9s does it: a regular expression, case-insensitive; text
 * that is not a valid regex ("[error") is taken literally. A leading "!" or
 * the invert toggle keeps the lines that do NOT match. The errors view
 * applies on top.
 */
export function compileFilter(text: string, invert: boolean, errorsOnly: boolean): CompiledFilter {
  let t = text.trim();
  let inv = invert;
  if (t.startsWith('!')) {
    inv = !inv;
    t = t.slice(1);
  }
  let test: ((s: string) => boolean) | null = null;
  let mode: CompiledFilter['mode'] = 'none';
  if (t !== '') {
    try {
      const re = new RegExp(t, 'i');
      test = (s) => re.test(s);
      mode = 'regex';
    } catch {
      const low = t.toLowerCase();
      test = (s) => s.toLowerCase().includes(low);
      mode = 'text';
    }
  }
  const byText = test;
  const match = (l: LogLine): boolean => {
    if (errorsOnly && !ERRORS_RE.test(l.text)) return false;
    if (!byText) return true;
    return byText(l.text) !== inv;
  };
  return { match, active: byText !== null || errorsOnly, mode };
}

export interface LogRow {
  seq: number;
  text: string;
  stream: LogLine['stream'];
  /** The first row of its line (the timestamp goes there). */
  first: boolean;
}

/** HH:MM:SS.mmm in local time, like the status bar's clock. */
export function formatLogTime(ts: number): string {
  const d = new Date(ts);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

/** One line as screen rows: cut at the width, or wrapped onto as many rows as it needs. */
export function lineRows(l: LogLine, width: number, wrap: boolean, timestamps: boolean): LogRow[] {
  const text = (timestamps ? `${formatLogTime(l.ts)} ` : '') + l.text.replace(/\t/g, '    ');
  const w = Math.max(1, width);
  if (!wrap || text.length <= w) return [{ seq: l.seq, text, stream: l.stream, first: true }];
  const rows: LogRow[] = [];
  for (let i = 0; i < text.length; i += w) rows.push({ seq: l.seq, text: text.slice(i, i + w), stream: l.stream, first: i === 0 });
  return rows;
}

/** Index of the bottom line: the anchor (or the newest line older than it), else the end. */
function bottomIndex(buf: LinesLike, anchor: number | null): number {
  if (anchor === null) return buf.length - 1;
  return buf.indexOfSeq(anchor);
}

export interface WindowArgs {
  buf: LinesLike;
  match: (l: LogLine) => boolean;
  /** null: the newest line at the bottom (following). */
  anchor: number | null;
  height: number;
  width: number;
  wrap: boolean;
  timestamps: boolean;
}

/** The rows on screen, oldest first; an anchor that fell out of the buffer shows its oldest screenful. */
export function logWindow(a: WindowArgs): LogRow[] {
  if (a.height <= 0 || a.buf.length === 0) return [];
  let i = bottomIndex(a.buf, a.anchor);
  if (i < 0) {
    // The paused line was pushed out by newer ones: show the oldest lines still held.
    const rows: LogRow[] = [];
    for (let j = 0; j < a.buf.length && rows.length < a.height; j++) {
      const l = a.buf.at(j)!;
      if (a.match(l)) rows.push(...lineRows(l, a.width, a.wrap, a.timestamps));
    }
    return rows.slice(0, a.height);
  }
  const out: LogRow[][] = [];
  let n = 0;
  for (; i >= 0 && n < a.height; i--) {
    const l = a.buf.at(i)!;
    if (!a.match(l)) continue;
    const rows = lineRows(l, a.width, a.wrap, a.timestamps);
    out.push(rows);
    n += rows.length;
  }
  const flat = out.reverse().flat();
  // A wrapped top line that does not fit shows its end, like a terminal scrolled up to it.
  return flat.slice(Math.max(0, flat.length - a.height));
}

/**
 * Where a scroll of `by` matching lines from the bottom line lands (its sequence
 * number); 'top' is the screenful of the oldest matches. null: nothing matches.
 */
export function scrollAnchor(
  buf: LinesLike,
  match: (l: LogLine) => boolean,
  anchor: number | null,
  by: number | 'top' | 'bottom',
  height: number,
): number | null {
  if (buf.length === 0) return null;
  if (by === 'bottom') {
    for (let i = buf.length - 1; i >= 0; i--) if (match(buf.at(i)!)) return buf.at(i)!.seq;
    return null;
  }
  if (by === 'top') {
    let seen = 0;
    let last: number | null = null;
    for (let i = 0; i < buf.length && seen < Math.max(1, height); i++) {
      const l = buf.at(i)!;
      if (match(l)) {
        seen++;
        last = l.seq;
      }
    }
    return last;
  }
  let i = bottomIndex(buf, anchor);
  if (i < 0) i = 0;
  // The bottom line itself may not match (the filter changed): start from the nearest match at or above it.
  while (i > 0 && !match(buf.at(i)!)) i--;
  let left = Math.abs(by);
  const step = by < 0 ? -1 : 1;
  let best = match(buf.at(i)!) ? buf.at(i)!.seq : null;
  for (let j = i + step; j >= 0 && j < buf.length && left > 0; j += step) {
    const l = buf.at(j)!;
    if (!match(l)) continue;
    best = l.seq;
    left--;
  }
  return best;
}

/** How many held lines the filter lets through (for the title: "312 of 10 000"). */
export function countMatches(buf: LinesLike, match: (l: LogLine) => boolean): number {
  let n = 0;
  for (let i = 0; i < buf.length; i++) if (match(buf.at(i)!)) n++;
  return n;
}
