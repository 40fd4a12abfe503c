import { isLineBlank } from './counterFields';

export interface LoadAverage {
  load1: number;
  load5: number;
  load15: number;
  /** Runnable scheduling entities now (the "3" of "3/467"); null if absent. */
  running: number | null;
  /** All scheduling entities (threads) on the host; null if absent. */
  threads: number | null;
}

/** The whole file is scanned, so a newline is a blank too. */
const isSpace = (c: number) => c === 10 || isLineBlank(c);

/** A run of decimal digits from..to as a number; NaN when empty or not all digits. */
function digits(text: string, from: number, to: number): number {
  if (from >= to) return NaN;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return NaN;
    n = n * 10 + (c - 48);
  }
  return n;
}

/**
 * Parses /proc/loadavg ("0.52 0.58 0.59 3/467 12345"); null when it is not
 * that. Read field by field in place: a sample's loadavg allocates its three
 * figures' text and the result, no array of parts.
 */
export function parseLoadavg(text: string): LoadAverage | null {
  const loads = [NaN, NaN, NaN];
  let running: number | null = null;
  let threads: number | null = null;
  let i = 0;
  const end = text.length;
  for (let field = 0; field < 4; field++) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    if (i >= end) break;
    const from = i;
    while (i < end && !isSpace(text.charCodeAt(i))) i++;
    if (field < 3) {
      loads[field] = Number(text.slice(from, i));
      continue;
    }
    const slash = text.indexOf('/', from);
    if (slash !== -1 && slash < i) {
      const r = digits(text, from, slash);
      const t = digits(text, slash + 1, i);
      if (!Number.isNaN(r) && !Number.isNaN(t)) {
        running = r;
        threads = t;
      }
    }
  }
  const [load1, load5, load15] = loads as [number, number, number];
  if (!(load1 >= 0) || !(load5 >= 0) || !(load15 >= 0) || !Number.isFinite(load1 + load5 + load15)) return null;
  return { load1, load5, load15, running, threads };
}
