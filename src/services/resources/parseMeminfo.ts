import { isLineBlank, skipLineBlanks } from './counterFields';
import { round1 } from './round';

export interface MemoryFigures {
  memTotalBytes: number;
  memAvailableBytes: number;
  /** (total − available) / total: memory that cannot be handed to a new workload. */
  memoryPercent: number;
  swapTotalBytes: number;
  swapFreeBytes: number;
  /** null when the host has no swap: 0 % would read as "swap fine", which it is not. */
  swapPercent: number | null;
  /** true when MemAvailable was missing (kernels before 3.14) and had to be estimated. */
  availableEstimated: boolean;
}

/** The fields the figures use; readFields puts each at its index here. */
const USED = ['MemTotal', 'MemFree', 'MemAvailable', 'Buffers', 'Cached', 'SwapTotal', 'SwapFree'] as const;
const slot = (name: (typeof USED)[number]) => USED.indexOf(name);
const TOTAL = slot('MemTotal');
const FREE = slot('MemFree');
const AVAILABLE = slot('MemAvailable');
const BUFFERS = slot('Buffers');
const CACHED = slot('Cached');
const SWAP_TOTAL = slot('SwapTotal');
const SWAP_FREE = slot('SwapFree');

const isNameChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 40 || c === 41;

/**
 * The value of one /proc/meminfo line `Name: 123 kB` in bytes (the file says
 * kB and means KiB; counters such as HugePages_Total have no unit and stay
 * counts), read from the colon at `colon` to `to` without slicing; NaN when
 * the line is not of that shape.
 */
function lineValue(text: string, colon: number, to: number): number {
  let i = skipLineBlanks(text, colon + 1, to);
  // At least one blank between the colon and the number.
  if (i === colon + 1) return NaN;
  const digitsFrom = i;
  let n = 0;
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  if (i === digitsFrom) return NaN;
  let j = skipLineBlanks(text, i, to);
  if (j === to) return n;
  // A unit: blanks, then exactly "kB", then nothing but blanks.
  if (j === i || !text.startsWith('kB', j)) return NaN;
  for (j += 2; j < to; j++) if (!isLineBlank(text.charCodeAt(j))) return NaN;
  return n * 1024;
}

/**
 * The used fields of /proc/meminfo into `out` (NaN where absent), scanned in
 * place: a sample's meminfo allocates no line, no match and no map. A field
 * given twice takes its last value.
 */
function readFields(text: string, out: number[]): void {
  out.fill(NaN);
  let from = 0;
  while (from < text.length) {
    let eol = text.indexOf('\n', from);
    if (eol === -1) eol = text.length;
    const start = skipLineBlanks(text, from, eol);
    let colon = start;
    while (colon < eol && isNameChar(text.charCodeAt(colon))) colon++;
    if (colon > start && colon < eol && text.charCodeAt(colon) === 58) {
      const len = colon - start;
      for (let k = 0; k < USED.length; k++) {
        const name = USED[k]!;
        if (name.length === len && text.startsWith(name, start)) {
          const v = lineValue(text, colon, eol);
          if (!Number.isNaN(v)) out[k] = v;
          break;
        }
      }
    }
    from = eol + 1;
  }
}

const fields: number[] = new Array<number>(USED.length).fill(NaN);
const has = (v: number) => !Number.isNaN(v);

/** Memory and swap figures, or null when MemTotal is missing or zero. */
export function parseMeminfo(text: string): MemoryFigures | null {
  readFields(text, fields);
  const total = fields[TOTAL]!;
  if (!has(total) || total === 0) return null;
  let available = fields[AVAILABLE]!;
  const availableEstimated = !has(available);
  // Pre-3.14 kernels: the classic `free` estimate. It overstates a little (not
  // all cache is reclaimable) but it is what tools of that era showed.
  if (availableEstimated) available = orZero(fields[FREE]!) + orZero(fields[BUFFERS]!) + orZero(fields[CACHED]!);
  available = Math.min(available, total);
  const swapTotal = orZero(fields[SWAP_TOTAL]!);
  const swapFree = Math.min(orZero(fields[SWAP_FREE]!), swapTotal);
  return {
    memTotalBytes: total,
    memAvailableBytes: available,
    memoryPercent: round1(((total - available) / total) * 100),
    swapTotalBytes: swapTotal,
    swapFreeBytes: swapFree,
    swapPercent: swapTotal > 0 ? round1(((swapTotal - swapFree) / swapTotal) * 100) : null,
    availableEstimated,
  };
}

const orZero = (v: number) => (has(v) ? v : 0);
