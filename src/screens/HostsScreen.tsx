/**
 * The inventory as the transports see it: where each host is, its tags, its
 * connection state and since when, the last error. c / d connect and
 * disconnect the selected host; Enter switches to it.
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { HostEntry } from '../services/liveStore';
import { oneLine, truncate } from './format';
import { sinceCell } from './hostCells';
import { type HostListProps, nameWidth, useHostRows, type HostRow } from './hostRows';
import { selectHosts, selectOrder, selectReadOnly } from './selectors';
import { PROD_LABEL } from './widgets/ProductionBadge';
import { Table, useListWindow } from './widgets/Table';
import type { Column } from './widgets/tableLayout';
import { stateTone } from './widgets/tone';
import { useClockedCtx } from './clock';
import { wrapText } from './wrapText';

/** The error worth reading: the connection's, else the last poll's. */
export function lastError(h: HostEntry): string {
  if (h.error) return oneLine(h.error);
  if (h.resources.error) return `poll: ${oneLine(h.resources.error)}`;
  return '';
}

/** Widths that follow the content (capped), so LAST ERROR keeps the room. */
export function contentWidth(texts: readonly string[], min: number, max: number): number {
  return Math.min(max, Math.max(min, ...texts.map((t) => t.length)));
}

export function hostsColumns(now: number, nameW: number, addressW = 22, tagsW = 16): Column<HostRow>[] {
  return [
    { title: '#', width: 3, align: 'right', cell: (r) => ({ text: String(r.n), tone: 'muted' }) },
    { title: 'NAME', width: nameW, cell: (r) => ({ text: r.entry.name, bold: true }) },
    {
      title: '',
      width: PROD_LABEL.length,
      cell: (r) => (r.entry.production ? { text: PROD_LABEL, tone: 'critical', inverse: true, bold: true } : { text: '' }),
    },
    { title: 'ADDRESS', width: addressW, cell: (r) => ({ text: r.entry.address }) },
    { title: 'TAGS', width: tagsW, cell: (r) => ({ text: r.entry.tags.join(','), tone: 'muted' }) },
    { title: 'STATE', width: 12, cell: (r) => ({ text: r.entry.state, tone: stateTone(r.entry.state), bold: r.entry.state === 'error' }) },
    { title: 'SINCE', width: 5, align: 'right', cell: (r) => sinceCell(r.entry, now) },
    { title: 'LAST ERROR', width: 'flex', minWidth: 10, cell: (r) => ({ text: lastError(r.entry), tone: 'critical' }) },
  ];
}

export function HostsScreen({ store, selected, filter, ctx: given, clock, height, width, color }: HostListProps): React.JSX.Element {
  const ctx = useClockedCtx(given, clock);
  const rows = useHostRows(store, filter);
  const order = useStore(store, selectOrder);
  const readOnly = useStore(store, selectReadOnly);
  const nameW = useMemo(() => nameWidth(order), [order]);
  const hosts = useStore(store, selectHosts);
  const [addressW, tagsW] = useMemo(() => {
    const entries = order.map((n) => hosts[n]).filter((h): h is HostEntry => h !== undefined);
    return [
      contentWidth(
        entries.map((h) => h.address),
        7,
        28,
      ),
      contentWidth(
        entries.map((h) => h.tags.join(',')),
        4,
        20,
      ),
    ];
  }, [order, hosts]);
  const columns = useMemo(() => hostsColumns(ctx.now, nameW, addressW, tagsW), [ctx.now, nameW, addressW, tagsW]);
  const sel = rows.findIndex((r) => r.entry.name === selected);
  const selEntry = sel >= 0 ? rows[sel]?.entry : undefined;
  // The selected host's error in full, wrapped: LAST ERROR's cell cuts it (a host key's fingerprints and file:line).
  const error = selEntry ? lastError(selEntry) : '';
  const errorRows = useMemo(() => (error ? wrapText(`${selEntry?.name}: ${error}`, width) : []), [error, selEntry?.name, width]);
  const hintH = height >= 4 ? 1 : 0;
  // The table keeps its header and a row.
  const errorH = height >= 5 ? Math.min(errorRows.length, height - 1 - hintH - 2) : 0;
  const tableH = Math.max(0, height - 1 - hintH - errorH);
  const win = useListWindow(sel, rows.length, tableH);
  if (height <= 0) return <></>;
  const parts = [`${order.length} configured`];
  if (filter.trim() !== '') parts.push(`filter "${filter.trim()}": ${rows.length} shown`);
  if (readOnly) parts.push('read-only');
  if (win.label) parts.push(win.label);
  const hint = 'c connect · d disconnect · Enter switch · / filter';
  const empty = order.length === 0 ? 'no hosts configured' : `no host matches "${filter.trim()}" (Esc clears the filter)`;
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Text bold wrap="truncate">
        {truncate(`Hosts · ${parts.join(' · ')}`, width)}
      </Text>
      <Table
        columns={columns}
        rows={rows}
        rowKey={(r) => r.entry.name}
        selected={sel}
        start={win.start}
        height={tableH}
        width={width}
        color={color}
        epoch={ctx.now}
        empty={empty}
        marker
      />
      {errorRows.slice(0, errorH).map((row, i) => (
        <Text key={`e${i}`} color={color ? 'red' : undefined} wrap="truncate">
          {i === errorH - 1 && errorH < errorRows.length ? truncate(`${row}…`, width) : row}
        </Text>
      ))}
      {hintH ? (
        <Text dimColor wrap="truncate">
          {truncate(hint, width)}
        </Text>
      ) : null}
    </Box>
  );
}
