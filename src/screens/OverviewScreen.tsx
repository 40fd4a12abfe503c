/**
 * Every host at a glance, one row each in config order: state, CPU, memory,
 * fullest disk, load, uptime, age of the figures. Windowed, so 1 host and
 * 50 hosts both fit the terminal.
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { HostEntry } from '../services/liveStore';
import { oneLine, truncate } from './format';
import { type HostListProps, nameWidth, useHostRows, type HostRow } from './hostRows';
import { cpuCell, diskCell, loadCell, memCell, stateCell, updatedCell, uptimeCell, type FigureContext } from './hostCells';
import { selectOrder } from './selectors';
import { useClockedCtx } from './clock';
import { wrapText } from './wrapText';
import { dbLimits, dbOverviewCell } from './databaseRows';
import { servicesCell } from './serviceRows';
import { PROD_LABEL } from './widgets/ProductionBadge';
import { Table, useListWindow } from './widgets/Table';
import type { Column } from './widgets/tableLayout';

/**
 * `withDb`: the DB column, shown when any host has a database configured.
 * `withSvc`: the SVC column (Docker containers running/total, unhealthy), once any host's engine answered or failed.
 */
export function overviewColumns(ctx: FigureContext, nameW: number, withDb = false, withSvc = false): Column<HostRow>[] {
  const cols: Column<HostRow>[] = [
    { title: '#', width: 3, align: 'right', cell: (r) => ({ text: String(r.n), tone: 'muted' }) },
    { title: 'NAME', width: nameW, cell: (r) => ({ text: r.entry.name, bold: true }) },
    {
      title: '',
      width: PROD_LABEL.length,
      cell: (r) => (r.entry.production ? { text: PROD_LABEL, tone: 'critical', inverse: true, bold: true } : { text: '' }),
    },
    { title: 'STATE', width: 'flex', minWidth: 12, maxWidth: 48, cell: (r) => stateCell(r.entry) },
    { title: 'CPU', width: 4, align: 'right', cell: (r) => cpuCell(r.entry, ctx) },
    { title: 'MEM', width: 4, align: 'right', cell: (r) => memCell(r.entry, ctx) },
    { title: 'DISK', width: 14, cell: (r) => diskCell(r.entry, ctx) },
    { title: 'LOAD', width: 9, align: 'right', cell: (r) => loadCell(r.entry, ctx) },
    { title: 'UPTIME', width: 7, align: 'right', cell: (r) => uptimeCell(r.entry, ctx) },
    { title: 'UPDATED', width: 10, align: 'right', cell: (r) => updatedCell(r.entry, ctx) },
  ];
  if (withSvc) cols.splice(cols.findIndex((c) => c.title === 'LOAD') + 1, 0, { title: 'SVC', width: 9, cell: (r) => servicesCell(r.entry) });
  if (withDb) {
    // Connections against the library's 50 and long queries; "down" when the database does not answer.
    const limits = dbLimits(ctx.thresholds);
    cols.splice(cols.findIndex((c) => c.title === (withSvc ? 'SVC' : 'LOAD')) + 1, 0, { title: 'DB', width: 11, cell: (r) => dbOverviewCell(r.entry, limits) });
  }
  return cols;
}

/** The selected host's full error, the text the truncated STATE cell could not hold (shown wrapped). */
export function detailLine(entry: HostEntry | undefined): string | null {
  if (!entry) return null;
  if (entry.error && (entry.state === 'error' || entry.state === 'disconnected')) return `${entry.name}: ${oneLine(entry.error)}`;
  if (entry.resources.error) return `${entry.name}: last poll failed: ${oneLine(entry.resources.error)}`;
  return null;
}


export function OverviewScreen({ store, selected, filter, ctx: given, clock, height, width, color }: HostListProps): React.JSX.Element {
  const ctx = useClockedCtx(given, clock);
  const rows = useHostRows(store, filter);
  const order = useStore(store, selectOrder);
  const nameW = useMemo(() => nameWidth(order), [order]);
  const withDb = rows.some((r) => r.entry.databaseTarget !== null);
  const withSvc = rows.some((r) => r.entry.services.data !== null || r.entry.services.error !== null);
  const columns = useMemo(() => overviewColumns(ctx, nameW, withDb, withSvc), [ctx, nameW, withDb, withSvc]);
  const sel = rows.findIndex((r) => r.entry.name === selected);
  const selEntry = sel >= 0 ? rows[sel]?.entry : undefined;
  const detail = detailLine(selEntry);
  const detailRows = useMemo(() => (detail ? wrapText(detail, width) : []), [detail, width]);
  const prod = rows.filter((r) => r.entry.production).length;
  const errors = rows.filter((r) => r.entry.state === 'error').length;

  const parts = [`${order.length} host${order.length === 1 ? '' : 's'}`];
  if (prod > 0) parts.push(`${prod} production`);
  if (errors > 0) parts.push(`${errors} in error`);
  if (filter.trim() !== '') parts.push(`filter "${filter.trim()}": ${rows.length} shown`);
  // Title and the detail's rows first (the table keeps its header and a row); the table gets the rest.
  const detailH = height >= 4 ? Math.min(detailRows.length, height - 3) : 0;
  const tableH = Math.max(0, height - 1 - detailH);
  const win = useListWindow(sel, rows.length, tableH);
  if (win.label) parts.push(win.label);
  const title = `Overview · ${parts.join(' · ')}`;
  const empty = order.length === 0 ? 'no hosts configured' : `no host matches "${filter.trim()}" (Esc clears the filter)`;
  if (height <= 0) return <></>;
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold wrap="truncate">
        {truncate(title, width)}
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
        epoch={ctx}
        empty={empty}
        marker
      />
      {detailRows.slice(0, detailH).map((row, i) => (
        <Text key={`d${i}`} color={color ? 'red' : undefined} wrap="truncate">
          {i === detailH - 1 && detailH < detailRows.length ? truncate(`${row}…`, width) : row}
        </Text>
      ))}
    </Box>
  );
}
