/**
 * The processes screen drawn as text lines: a header, then one line per
 * process in the window that keeps the selected one in view. Pure, so every
 * layout is a fixture in a table test.
 */
import { fit, formatBytes, formatDuration } from './format';
import type { ProcessRow } from './processRows';
import type { ProcSort } from './processesUi';

export interface ProcessLine {
  text: string;
  selected: boolean;
  pid: number | null;
}

/** The gutter before each line: "› " on the selected row, so selection reads without colour or inverse. */
const GUTTER = 2;

/** Fixed columns before the command line; the command takes the rest. */
const COLUMNS: ReadonlyArray<{ title: string; width: number; align: 'left' | 'right'; sort?: ProcSort }> = [
  { title: 'PID', width: 7, align: 'right', sort: 'pid' },
  { title: 'USER', width: 10, align: 'left', sort: 'user' },
  { title: 'CPU%', width: 6, align: 'right', sort: 'cpu' },
  { title: 'MEM%', width: 5, align: 'right', sort: 'memory' },
  { title: 'RSS', width: 9, align: 'right' },
  { title: 'S', width: 4, align: 'left' },
  { title: 'ELAPSED', width: 8, align: 'right', sort: 'time' },
];

const FIXED = GUTTER + COLUMNS.reduce((n, c) => n + c.width + 1, 0);

function cells(values: string[], width: number, command: string, selected = false): string {
  const head = COLUMNS.map((c, i) => fit(values[i] ?? '', c.width, c.align)).join(' ');
  return fit(`${selected ? '› ' : '  '}${head} ${command}`, width);
}

/** The header with the sort column marked (▼). */
export function processHeader(sort: ProcSort, width: number): string {
  return cells(
    COLUMNS.map((c) => (c.sort === sort ? `${c.title}▼` : c.title)),
    width,
    'COMMAND',
  );
}

function rowText(r: ProcessRow, width: number, selected: boolean): string {
  const p = r.process;
  const branch = r.depth > 0 ? `${'  '.repeat(r.depth - 1)}└ ` : '';
  return cells(
    [String(p.pid), p.user, p.cpuPercent.toFixed(1), p.memPercent.toFixed(1), formatBytes(p.rssBytes), p.state, formatDuration(p.elapsedSeconds)],
    width,
    branch + p.command,
    selected,
  );
}

/** The first row of the window of `height` rows that shows index `selected`. */
export function windowStart(selected: number, count: number, height: number): number {
  if (height <= 0 || count <= height || selected < 0) return 0;
  return Math.min(Math.max(0, selected - height + 1), count - height);
}

/**
 * Up to `height` lines: the header, then the rows of the window. The
 * selection is by PID; an empty list says why in words.
 */
export function processLines(
  rows: readonly ProcessRow[],
  opts: { selectedPid: number | null; sort: ProcSort; width: number; height: number; empty: string },
): ProcessLine[] {
  if (opts.height <= 0) return [];
  const out: ProcessLine[] = [{ text: processHeader(opts.sort, opts.width), selected: false, pid: null }];
  if (rows.length === 0) {
    if (opts.height > 1) out.push({ text: fit(opts.empty, opts.width), selected: false, pid: null });
    return out;
  }
  const h = opts.height - 1;
  const sel = opts.selectedPid === null ? -1 : rows.findIndex((r) => r.process.pid === opts.selectedPid);
  const start = windowStart(sel, rows.length, h);
  for (const r of rows.slice(start, start + h)) {
    const selected = r.process.pid === opts.selectedPid;
    out.push({ text: rowText(r, opts.width, selected), selected, pid: r.process.pid });
  }
  return out;
}

/** Columns the fixed fields take: a terminal narrower than this shows only part of them. */
export const PROCESS_FIXED_COLUMNS = FIXED;
