/**
 * Every host at a glance, one row each: state, CPU, memory, fullest disk,
 * load, uptime, age of the figures. In config order, worst first, by name or
 * by a figure, optionally grouped by tag (overviewRows). Windowed, so 1 host
 * and 100 hosts both fit the terminal.
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { HostEntry } from '../services/liveStore';
import { oneLine, truncate } from './format';
import { type HostListProps, nameWidth, type HostRow } from './hostRows';
import { selectHosts } from './selectors';
import { isGroupRow, overviewRows, type OverviewOrder, type OverviewRow } from './overviewRows';
import { withGroupRows } from './groupRowCells';
import { overviewColumns } from './overviewColumns';
import { overviewTitle } from './overviewTitle';
import { hostAlertCounts } from './hostAlertCounts';
import { createAlertStore, type AlertStore } from '../services/alerts/alertStore';
import { selectOrder } from './selectors';
import { useClockedCtx } from './clock';
import { wrapText } from './wrapText';
import { Table, useListWindow } from './widgets/Table';

const overviewRowKey = (r: OverviewRow): string => (isGroupRow(r) ? `group:${r.group.tag}` : r.entry.name);

/** The selected host's full error, the text the truncated STATE cell could not hold (shown wrapped). */
export function detailLine(entry: HostEntry | undefined): string | null {
  if (!entry) return null;
  if (entry.error && (entry.state === 'error' || entry.state === 'disconnected')) return `${entry.name}: ${oneLine(entry.error)}`;
  if (entry.resources.error) return `${entry.name}: last poll failed: ${oneLine(entry.resources.error)}`;
  return null;
}

export interface OverviewProps extends HostListProps {
  /** Sort and grouping (the UI store's); config order, ungrouped without it. */
  listing?: OverviewOrder;
  /** Open alerts put a host first when sorted worst first. */
  alerts?: AlertStore;
}

const CONFIG_ORDER: OverviewOrder = { sort: 'config', byTag: false };
const NO_ALERTS = createAlertStore();

export function OverviewScreen({
  store,
  selected,
  filter,
  ctx: given,
  clock,
  height,
  width,
  color,
  listing = CONFIG_ORDER,
  alerts,
}: OverviewProps): React.JSX.Element {
  const ctx = useClockedCtx(given, clock);
  const order = useStore(store, selectOrder);
  const hosts = useStore(store, selectHosts);
  const alertList = useStore(alerts ?? NO_ALERTS, (s) => s.alerts);
  const perHost = useMemo(() => (listing.sort === 'worst' ? hostAlertCounts(alertList) : undefined), [listing.sort, alertList]);
  const th = ctx.thresholds;
  // Rebuilt when the hosts, the listing or the filter change, not at every clock tick.
  const rows = useMemo(() => overviewRows(order, hosts, filter, listing, th, perHost), [order, hosts, filter, listing, th, perHost]);
  const hostRows = useMemo(() => rows.filter((r): r is HostRow => !isGroupRow(r)), [rows]);
  // A group's line names its tag in the NAME column: wide enough for "▾ production" too.
  const groupLabels = useMemo(() => rows.flatMap((r) => (isGroupRow(r) ? [`▾ ${r.group.tag}`] : [])).join('\n'), [rows]);
  const nameW = useMemo(() => nameWidth(groupLabels === '' ? order : [...order, ...groupLabels.split('\n')]), [order, groupLabels]);
  const withDb = hostRows.some((r) => r.entry.databaseTarget !== null);
  const withSvc = hostRows.some((r) => r.entry.services.data !== null || r.entry.services.error !== null);
  const columns = useMemo(() => withGroupRows(overviewColumns(ctx, nameW, withDb, withSvc), ctx.thresholds), [ctx, nameW, withDb, withSvc]);
  const sel = rows.findIndex((r) => !isGroupRow(r) && r.entry.name === selected);
  const selRow = sel >= 0 ? rows[sel] : undefined;
  const selEntry = selRow && !isGroupRow(selRow) ? selRow.entry : undefined;
  const detail = detailLine(selEntry);
  const detailRows = useMemo(() => (detail ? wrapText(detail, width) : []), [detail, width]);
  // Title and the detail's rows first (the table keeps its header and a row); the table gets the rest.
  const detailH = height >= 4 ? Math.min(detailRows.length, height - 3) : 0;
  const tableH = Math.max(0, height - 1 - detailH);
  const win = useListWindow(sel, rows.length, tableH);
  const title = overviewTitle(order.length, rows, filter, listing, win.label);
  const empty = order.length === 0 ? 'no hosts configured' : `no host matches "${filter.trim()}" (Esc clears the filter)`;
  if (height <= 0) return <></>;
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Text bold wrap="truncate">
        {truncate(title, width)}
      </Text>
      <Table
        columns={columns}
        rows={rows}
        rowKey={overviewRowKey}
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
