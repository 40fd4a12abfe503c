/**
 * A table with columns as data, windowed to `height` lines (header included).
 * Rows are memoised: a poll of one host re-renders one row, not fifty; a row's
 * cells are Texts of their own, so Ink styles again only the cells that changed.
 */
import React, { useMemo, useRef } from 'react';
import { Box, Text } from 'ink';
import { fit } from '../format';
import { GAP, layoutColumns, scrollWindow, windowLabel, type Column } from './tableLayout';
import { toneColor } from './tone';

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
  /** The table's width: a row that would pass it is drawn as one truncated Text. */
  width: number;
  selected: boolean;
  color: boolean;
  epoch: unknown;
  marker: boolean;
}

/**
 * A Text whose props are strings and flags: a row re-renders when any of its
 * cells changed, and the cells that did not (a host's name, its disk) skip
 * their render and Ink's commit. Ink's Text makes a new style object and
 * transform at every render, so an unchanged cell would otherwise count as
 * changed in Ink's commit.
 */
const StaticText = React.memo(Text);

interface CellProps {
  text: string;
  color: string | undefined;
  bold: boolean | undefined;
  inverse: boolean | undefined;
  /** The gap after the cell, outside its style: an inverse badge must not bleed into it. */
  sep: string;
  selected: boolean;
}

/**
 * One cell and its gap, a Text of its own: Ink turns each Text into styled
 * characters once and reuses them while the Text's text stays the same, so a
 * poll that changes a host's CPU re-styles that cell, not the whole row.
 */
const CellView = React.memo(function CellView({ text, color, bold, inverse, sep, selected }: CellProps): React.JSX.Element {
  return (
    <Text wrap="truncate" inverse={selected}>
      <StaticText color={color} bold={bold} inverse={inverse}>
        {text}
      </StaticText>
      {sep}
    </Text>
  );
});

function RowView<R>({ row, columns, widths, width, selected, color, marker }: RowProps<R>): React.JSX.Element {
  const cells: CellProps[] = [];
  let used = marker ? 2 : 0;
  for (let i = 0; i < columns.length; i++) {
    const w = widths[i] ?? 0;
    if (w === 0) continue;
    const col = columns[i]!;
    const cell = col.cell(row);
    const text = fit(cell.text, w, col.align);
    const sep = i < columns.length - 1 ? ' '.repeat(GAP) : '';
    used += text.length + sep.length;
    cells.push({ text, color: toneColor(cell.tone, color), bold: cell.bold, inverse: cell.inverse, sep, selected });
  }
  const gutter = marker ? (selected ? '› ' : '  ') : '';
  // A row wider than the table (a trailing gap) is one Text, truncated as a whole like any line.
  if (used > width) {
    return (
      <Text wrap="truncate" inverse={selected}>
        {gutter}
        {cells.map((c, i) => (
          <React.Fragment key={i}>
            <StaticText color={c.color} bold={c.bold} inverse={c.inverse}>
              {c.text}
            </StaticText>
            {c.sep}
          </React.Fragment>
        ))}
      </Text>
    );
  }
  return (
    <Box>
      {marker ? (
        <StaticText wrap="truncate" inverse={selected}>
          {gutter}
        </StaticText>
      ) : null}
      {cells.map((c, i) => (
        <CellView key={i} {...c} />
      ))}
    </Box>
  );
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
  const header = columns
    .map((c, i) => ({ c, w: widths[i] ?? 0 }))
    .filter(({ w }) => w > 0)
    .map(({ c, w }) => fit(c.title, w, c.align))
    .join(' '.repeat(GAP));
  const headerLine = ' '.repeat(gutter) + header;
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <StaticText bold wrap="truncate">
        {headerLine}
      </StaticText>
      {shown.length === 0 && empty && bodyRows > 0 ? (
        <Text dimColor wrap="truncate">
          {empty}
        </Text>
      ) : null}
      {shown.map((row, i) => (
        <Row
          key={rowKey(row)}
          row={row}
          columns={columns}
          widths={widths}
          width={width}
          selected={start + i === selected}
          color={color}
          epoch={epoch}
          marker={marker}
        />
      ))}
    </Box>
  );
}
