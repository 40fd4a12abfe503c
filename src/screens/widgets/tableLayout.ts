/**
 * The pure half of the Table widget: column widths from column data, and
 * which slice of rows fits in the height (Ink has no scrolling: every list
 * is windowed by hand, k9s-style).
 */
import { fit } from '../format';
import type { Run } from './styledRuns';
import { toneColor, type Tone } from './tone';

export interface Cell {
  text: string;
  tone?: Tone;
  bold?: boolean;
  inverse?: boolean;
}

export interface Column<R> {
  title: string;
  /** Fixed width, or 'flex' to share what the fixed columns leave. */
  width: number | 'flex';
  /** A flex column never shrinks below this (then columns on its right are cut). */
  minWidth?: number;
  /** A flex column stops growing here (figures should not drift off to the far right). */
  maxWidth?: number;
  align?: 'left' | 'right';
  cell: (row: R) => Cell;
}

export const GAP = 1;

/** Widths per column for a total width; columns that do not fit get 0. */
export function layoutColumns(columns: readonly Pick<Column<unknown>, 'width' | 'minWidth' | 'maxWidth'>[], total: number): number[] {
  const fixed = columns.reduce((sum, c) => sum + (c.width === 'flex' ? 0 : c.width), 0);
  const gaps = Math.max(0, columns.length - 1) * GAP;
  const flexCount = columns.filter((c) => c.width === 'flex').length;
  const spare = Math.max(0, total - fixed - gaps);
  const flexEach = flexCount > 0 ? Math.floor(spare / flexCount) : 0;
  let left = total;
  return columns.map((c, i) => {
    const want = c.width === 'flex' ? Math.min(Math.max(flexEach, c.minWidth ?? 1), c.maxWidth ?? Infinity) : c.width;
    const w = Math.max(0, Math.min(want, left));
    left -= w + (i < columns.length - 1 ? GAP : 0);
    return w;
  });
}

/**
 * First visible row so that `selected` stays in view with the least scroll
 * from `prev` (the list does not jump while the cursor moves inside it).
 */
export function scrollWindow(prev: number, selected: number, count: number, size: number): number {
  if (size <= 0 || count <= size) return 0;
  const maxStart = count - size;
  let start = Math.max(0, Math.min(prev, maxStart));
  if (selected >= 0) {
    if (selected < start) start = selected;
    else if (selected >= start + size) start = selected - size + 1;
  }
  return start;
}

/** "21–40 of 50", or '' when everything fits. */
export function windowLabel(start: number, shown: number, count: number): string {
  if (count <= shown) return '';
  return `${start + 1}–${start + shown} of ${count}`;
}

/**
 * One row of a table as styled runs: the "› " gutter when it has one, each
 * shown column's cell fitted to its width and the gap after it. A selected
 * row is inverse from end to end, its cells' own styles kept.
 */
export function rowRuns<R>(row: R, columns: readonly Column<R>[], widths: readonly number[], selected: boolean, color: boolean, marker: boolean): Run[] {
  const runs: Run[] = [];
  if (marker) runs.push({ text: selected ? '› ' : '  ', inverse: selected });
  for (let i = 0; i < columns.length; i++) {
    const w = widths[i] ?? 0;
    if (w === 0) continue;
    const col = columns[i]!;
    const cell = col.cell(row);
    runs.push({ text: fit(cell.text, w, col.align), color: toneColor(cell.tone, color), bold: cell.bold, inverse: selected || cell.inverse });
    if (i < columns.length - 1) runs.push({ text: ' '.repeat(GAP), inverse: selected });
  }
  return runs;
}

/** The header's line: each shown column's title fitted to its width, after the gutter. */
export function headerLine(columns: readonly Pick<Column<unknown>, 'title' | 'align'>[], widths: readonly number[], gutter: number): string {
  const titles: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    const w = widths[i] ?? 0;
    if (w > 0) titles.push(fit(columns[i]!.title, w, columns[i]!.align));
  }
  return ' '.repeat(gutter) + titles.join(' '.repeat(GAP));
}
