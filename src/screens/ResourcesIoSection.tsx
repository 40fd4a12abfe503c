/**
 * The resources screen's network and disk I/O: one table of interfaces
 * (received and sent bytes/s and packets/s, errors, drops, a five-minute
 * sparkline of the traffic) and one of whole disks (read and written
 * bytes/s, IOPS, busy %, a sparkline of busy %). Loopback and interfaces
 * that never moved a byte are left out: `riskctl status --json` lists them.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { HISTORY_LEN, type HostHistory, type NamedHistory } from '../services/liveStore';
import type { DiskIo, InterfaceIo, ResourcesSnapshot } from '../services/types';
import { formatBytes, formatPercent, MISSING, truncate, type Thresholds } from './format';
import { sparkline } from './widgets/sparklineText';
import { Table } from './widgets/Table';
import type { Column } from './widgets/tableLayout';

/** The library's busy line for a disk (PM-001: a saturated device). */
export const DEFAULT_DISK_BUSY = 90;

/** Interfaces the screen shows: not loopback, and not one that never carried a byte (ifb, dummy devices). */
export function shownInterfaces(list: readonly InterfaceIo[] | undefined): InterfaceIo[] {
  return (list ?? []).filter((i) => i.interface !== 'lo' && i.rxBytes + i.txBytes > 0);
}

/** Lines the section needs for a snapshot: a title and header per table, a row per item (or one "none" row); 0 without figures. */
export function ioSectionRows(d: ResourcesSnapshot | null | undefined): number {
  if (!d || (d.network === undefined && d.diskIo === undefined)) return 0;
  return 2 + Math.max(1, shownInterfaces(d.network).length) + 2 + Math.max(1, (d.diskIo ?? []).length);
}

/** "12.5 MiB/s"; a dash before the second poll. */
export function formatRate(bytesPerSecond: number | null): string {
  return bytesPerSecond === null ? MISSING : `${formatBytes(bytesPerSecond)}/s`;
}

/** Counts and per-second counts: "7", "12.5", "3.4k", "1.2M". */
export function formatCount(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return MISSING;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

const historyOf = (list: readonly NamedHistory[] | undefined, name: string) => list?.find((h) => h.name === name)?.values.toArray() ?? [];

/** Five minutes of samples at the default refresh, where the terminal is that wide. */
const SPARK_MAX = HISTORY_LEN;

/** Fixed columns, then a sparkline column taking what is left of `width` (none under 6 cells). */
function withSparkline<R>(fixed: Column<R>[], width: number, title: string, values: (r: R) => readonly number[], max?: number): Column<R>[] {
  const used = fixed.reduce((s, c) => s + (c.width === 'flex' ? (c.minWidth ?? 1) : c.width) + 1, 0);
  const sparkW = Math.min(SPARK_MAX, width - used);
  if (sparkW < 6) return fixed;
  return [...fixed, { title, width: sparkW, cell: (r) => ({ text: sparkline(values(r), sparkW, max).padStart(sparkW), tone: 'accent' }) }];
}

export function networkColumns(width: number, history: HostHistory): Column<InterfaceIo>[] {
  return withSparkline<InterfaceIo>(
    [
      { title: 'INTERFACE', width: 'flex', minWidth: 9, maxWidth: 16, cell: (i) => ({ text: i.interface, bold: true }) },
      { title: 'RX/s', width: 10, align: 'right', cell: (i) => ({ text: formatRate(i.rxBytesPerSecond) }) },
      { title: 'TX/s', width: 10, align: 'right', cell: (i) => ({ text: formatRate(i.txBytesPerSecond) }) },
      { title: 'RXpk/s', width: 6, align: 'right', cell: (i) => ({ text: formatCount(i.rxPacketsPerSecond) }) },
      { title: 'TXpk/s', width: 6, align: 'right', cell: (i) => ({ text: formatCount(i.txPacketsPerSecond) }) },
      {
        title: 'ERR',
        width: 5,
        align: 'right',
        // Errors since the interface came up; warning while they are rising.
        cell: (i) => {
          const rising = (i.newErrors ?? 0) > 0;
          return { text: formatCount(i.rxErrors + i.txErrors), tone: rising ? 'warning' : i.rxErrors + i.txErrors > 0 ? undefined : 'muted', bold: rising };
        },
      },
      {
        title: 'DROP',
        width: 5,
        align: 'right',
        cell: (i) => ({ text: formatCount(i.rxDrops + i.txDrops), tone: i.rxDrops + i.txDrops > 0 ? undefined : 'muted' }),
      },
    ],
    width,
    'RX+TX HISTORY',
    (i) => historyOf(history.network, i.interface),
  );
}

export function diskIoColumns(width: number, history: HostHistory, thresholds: Thresholds): Column<DiskIo>[] {
  const busyLine = thresholds.diskBusy ?? DEFAULT_DISK_BUSY;
  return withSparkline<DiskIo>(
    [
      {
        title: 'DEVICE',
        width: 'flex',
        minWidth: 9,
        maxWidth: 16,
        cell: (d) => ({ text: d.partitions.length > 0 ? `${d.device} +${d.partitions.length}p` : d.device, bold: true }),
      },
      { title: 'READ/s', width: 10, align: 'right', cell: (d) => ({ text: formatRate(d.readBytesPerSecond) }) },
      { title: 'WRITE/s', width: 10, align: 'right', cell: (d) => ({ text: formatRate(d.writeBytesPerSecond) }) },
      { title: 'IOPS', width: 6, align: 'right', cell: (d) => ({ text: formatCount(d.iops) }) },
      {
        title: 'BUSY%',
        width: 6,
        align: 'right',
        cell: (d) => {
          const hot = d.busyPercent !== null && d.busyPercent >= busyLine;
          return { text: d.busyPercent === null ? MISSING : formatPercent(d.busyPercent), tone: hot ? 'warning' : undefined, bold: hot };
        },
      },
    ],
    width,
    'BUSY HISTORY',
    (d) => historyOf(history.diskBusy, d.device),
    100,
  );
}

export interface ResourcesIoSectionProps {
  d: ResourcesSnapshot;
  history: HostHistory;
  thresholds: Thresholds;
  height: number;
  width: number;
  color: boolean;
}

/**
 * Both tables in `height` lines: the interfaces get what they need first
 * (at most half when both do not fit), the disks the rest.
 */
export function ResourcesIoSection({ d, history, thresholds, height, width, color }: ResourcesIoSectionProps): React.JSX.Element {
  if (height < 2) return <></>;
  const ifaces = shownInterfaces(d.network);
  const disks = d.diskIo ?? [];
  const netNeed = 2 + Math.max(1, ifaces.length);
  const diskNeed = 2 + Math.max(1, disks.length);
  const netH = netNeed + diskNeed <= height ? netNeed : Math.min(netNeed, Math.max(2, Math.ceil(height / 2)));
  const diskH = height - netH;
  const hidden = (d.network ?? []).length - ifaces.length;
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text dimColor wrap="truncate">
        {truncate(`network${hidden > 0 ? ` · ${hidden} hidden (loopback, idle)` : ''}`, width)}
      </Text>
      <Table
        columns={networkColumns(width, history)}
        rows={ifaces}
        rowKey={(i) => i.interface}
        selected={-1}
        start={0}
        height={netH - 1}
        width={width}
        color={color}
        empty={d.network === undefined ? 'no /proc/net/dev on this host' : 'no interface with traffic'}
      />
      {diskH >= 2 ? (
        <>
          <Text dimColor wrap="truncate">
            {truncate('disk I/O · whole disks, partitions folded in', width)}
          </Text>
          <Table
            columns={diskIoColumns(width, history, thresholds)}
            rows={disks}
            rowKey={(x) => x.device}
            selected={-1}
            start={0}
            height={diskH - 1}
            width={width}
            color={color}
            empty={d.diskIo === undefined ? 'no /proc/diskstats on this host' : 'no disk with I/O'}
          />
        </>
      ) : null}
    </Box>
  );
}
