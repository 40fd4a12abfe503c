/**
 * A table with columns as data, windowed to `height` lines (header included).
 * Rows are memoised: a poll of one host re-renders one row, not fifty.
 */
import React, { useMemo, useRef } from 'react';
import { Box, Text } from 'ink';
import chalk from 'chalk';
import { styledRuns } from './styledRuns';
import { headerLine, layoutColumns, rowRuns, scrollWindow, windowLabel, type Column } from './tableLayout';

export interface TableProps<R> {
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  /** Index of the highlighted row, -1 for none. */
  selected: number;
  /** Lines available, header included. */
  height: number;
  width: number;
  color: boolean;
  /** First row shown: from useListWindow, so the screen can show "21–40 of 50" too. */
  start: number;
  /** Anything the cells depend on besides the row itself (e.g. the clock). */
  epoch?: unknown;
  empty?: string;
  /** A "› " gutter on the selected row, so selection reads without colour or inverse. */
  marker?: boolean;
}

interface RowProps<R> {
  row: R;
  columns: readonly Column<R>[];
  widths: readonly number[];
  selected: boolean;
  color: boolean;
  epoch: unknown;
  marker: boolean;
}

/**
 * A Text whose props are strings and flags: a row whose line did not change
 * skips its render and Ink's commit. Ink's Text makes a new style object and
 * transform at every render, so an unchanged row would otherwise count as
 * changed in Ink's commit.
 */
const StaticText = React.memo(Text);

/**
 * One row, one Text: the cells' styles are SGR codes in its line
 * (styledRuns), so Ink lays out, measures and writes one node a row instead
 * of two a cell, and writes the line as it is (patches/ink+6.8.0.patch). A
 * row wider than the table is cut as a whole, as any line.
 */
function RowView<R>({ row, columns, widths, selected, color, marker }: RowProps<R>): React.JSX.Element {
  // Styled as Ink styles its Texts: with the level its chalk found in the terminal (0: none).
  const line = styledRuns(rowRuns(row, columns, widths, selected, color, marker), chalk.level > 0);
  return <StaticText wrap="truncate">{line}</StaticText>;
}

/**
 * Which rows a table of `height` lines (header included) shows. With a
 * selection the window follows it with the least scroll (the list does not
 * jump while the cursor moves inside it); without one, `offset` is the first
 * row. The start is view state (where the eye is), not UI state: a ref suffices.
 */
export function useListWindow(selected: number, count: number, height: number, offset = 0): { start: number; label: string } {
  const size = Math.max(0, height - 1);
  const startRef = useRef(0);
  const start = selected >= 0 ? scrollWindow(startRef.current, selected, count, size) : scrollWindow(offset, -1, count, size);
  startRef.current = start;
  return { start, label: windowLabel(start, Math.min(size, count - start), count) };
}

// React.memo loses generics; the cast keeps call sites typed.
const Row = React.memo(RowView) as typeof RowView;

export function Table<R>(props: TableProps<R>): React.JSX.Element {
  const { columns, rows, rowKey, selected, height, width, color, start, epoch, empty, marker = false } = props;
  const gutter = marker ? 2 : 0;
  const widths = useMemo(() => layoutColumns(columns, width - gutter), [columns, width, gutter]);
  const bodyRows = Math.max(0, height - 1);
  if (height <= 0) return <></>;
  const shown = rows.slice(start, start + bodyRows);
  const header = headerLine(columns, widths, gutter);
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <StaticText bold wrap="truncate">
        {header}
      </StaticText>
      {shown.length === 0 && empty && bodyRows > 0 ? (
        <Text dimColor wrap="truncate">
          {empty}
        </Text>
      ) : null}
      {shown.map((row, i) => (
        <Row key={rowKey(row)} row={row} columns={columns} widths={widths} selected={start + i === selected} color={color} epoch={epoch} marker={marker} />
      ))}
    </Box>
  );
}
