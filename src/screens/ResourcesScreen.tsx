/**
 * One host in detail: gauges with history sparklines, the filesystem table,
 * what the machine is. A failed poll keeps the last figures on screen,
 * marked stale, with the error in words above them.
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { HostEntry, LiveStore } from '../services/liveStore';
import type { DiskUsage, ResourcesSnapshot } from '../services/types';
import { useClockedCtx, type ClockStore } from './clock';
import { formatBytes, formatDuration, formatPercent, formatUpdated, isStale, levelFor, oneLine, truncate, type Thresholds } from './format';
import { stateText, type FigureContext } from './hostCells';
import { wrapText } from './wrapText';
import { ioSectionRows, ResourcesIoSection } from './ResourcesIoSection';
import { selectHost } from './selectors';
import { Gauge } from './widgets/Gauge';
import { PROD_LABEL } from './widgets/ProductionBadge';
import { Segments, type Segment } from './widgets/Segments';
import { Sparkline } from './widgets/Sparkline';
import { Table, useListWindow } from './widgets/Table';
import type { Column } from './widgets/tableLayout';
import { stateTone } from './widgets/tone';
import type { ProcessesStore } from '../services/processes/ProcessesWatch';
import { TOP_PROCESSES_ROWS, TopProcesses } from './TopProcesses';

export interface ResourcesLayout {
  errorH: number;
  gaugesH: number;
  /** The top processes under the gauges (0: not shown, or no room). */
  processesH: number;
  spacerH: number;
  tableH: number;
  /** The network and disk I/O section, under the filesystems. */
  ioH: number;
}

/** Lines the filesystem table keeps before the I/O section gets any: its header and three rows. */
const FS_MIN_ROWS = 4;

const GAUGES = 4;
const NO_DISKS: DiskUsage[] = [];

/**
 * Lines per section for a body height: title, then the error (its wrapped
 * rows; true: one), gauges, the top processes (when given and a few
 * filesystem rows still fit), table, and up to `ioRows` for the I/O section.
 */
export function resourcesLayout(height: number, errorRows: number | boolean, withProcesses = false, ioRows = 0): ResourcesLayout {
  let left = Math.max(0, height - 1);
  const errorH = Math.min(Number(errorRows), left);
  left -= errorH;
  const gaugesH = Math.min(GAUGES, left);
  left -= gaugesH;
  const processesH = withProcesses && left >= TOP_PROCESSES_ROWS + 4 ? TOP_PROCESSES_ROWS : 0;
  left -= processesH;
  const spacerH = left > 3 ? 1 : 0;
  left -= spacerH;
  const fits = Math.min(ioRows, Math.max(0, left - FS_MIN_ROWS));
  // Under four lines not even one row of each table shows.
  const ioH = fits >= 4 ? fits : 0;
  return { errorH, gaugesH, processesH, spacerH, tableH: left - ioH, ioH };
}

export function hasResourcesError(entry: HostEntry | null): boolean {
  return entry !== null && errorLine(entry) !== null;
}

/** How far j/k can scroll the filesystem table of this host at this size (without a width: the error on one row). */
export function fsScrollMax(entry: HostEntry | null, height: number, width?: number, withProcesses = false): number {
  const disks = entry?.resources.data?.disks.length ?? 0;
  const errRows = entry && width !== undefined ? errorRows(entry, width).length : hasResourcesError(entry);
  const { tableH } = resourcesLayout(height, errRows, withProcesses, ioSectionRows(entry?.resources.data));
  return Math.max(0, disks - Math.max(0, tableH - 1));
}

export function fsColumns(thresholds: Thresholds): Column<DiskUsage>[] {
  return [
    // A filesystem remounted read-only (ext4 after I/O errors) is worth an operator's eye.
    {
      title: 'MOUNT',
      width: 'flex',
      minWidth: 8,
      cell: (d) => (d.readOnly ? { text: `${d.mount} (ro)`, bold: true, tone: 'warning' } : { text: d.mount, bold: true }),
    },
    { title: 'FILESYSTEM', width: 16, cell: (d) => ({ text: d.type ? `${d.fs} ${d.type}` : d.fs, tone: 'muted' }) },
    { title: 'SIZE', width: 9, align: 'right', cell: (d) => ({ text: formatBytes(d.sizeBytes) }) },
    { title: 'USED', width: 9, align: 'right', cell: (d) => ({ text: formatBytes(d.usedBytes) }) },
    { title: 'AVAIL', width: 9, align: 'right', cell: (d) => ({ text: formatBytes(d.availBytes) }) },
    {
      title: 'USE%',
      width: 5,
      align: 'right',
      cell: (d) => {
        const level = levelFor('disk', d.usedPercent, 1, thresholds);
        return { text: formatPercent(d.usedPercent), tone: level, bold: level === 'critical' };
      },
    },
  ];
}

/**
 * Title pieces, most important first because a narrow terminal cuts from the
 * right: name, PROD, state, age of the figures, then what the machine is.
 */
export function titleSegments(h: HostEntry, ctx: FigureContext): Segment[] {
  const d = h.resources.data;
  const segs: Segment[] = [{ text: ` ${h.name} `, bold: true, inverse: true }];
  if (h.production) segs.push({ text: PROD_LABEL, tone: 'critical', bold: true, inverse: true });
  segs.push({ text: ' ' }, { text: h.state, tone: stateTone(h.state) });
  const stale = isStale(h.resources.updatedAt, ctx.now, ctx.refreshMs);
  segs.push({ text: ` · updated ${formatUpdated(h.resources.updatedAt, ctx.now, ctx.refreshMs)}`, tone: stale ? 'warning' : 'muted', bold: stale });
  if (d) segs.push({ text: ` · ${d.hostname} · up ${formatDuration(d.uptimeSeconds)} · ${d.cores} cores · ${d.os}` });
  return segs;
}

/**
 * Why the figures may be old or partial, in words: the poll's error first,
 * else the connection's, else the parts of the last poll that could not be read.
 */
export function errorLine(h: HostEntry): string | null {
  const why = h.resources.error ? `last poll failed: ${oneLine(h.resources.error)}` : h.state === 'error' && h.error ? stateText(h) : null;
  if (why) return h.resources.data ? `✗ ${why} — showing the last figures (stale)` : `✗ ${why}`;
  const warnings = h.resources.data?.warnings ?? [];
  return warnings.length > 0 ? `⚠ ${warnings.map(oneLine).join('; ')}` : null;
}

/** errorLine folded onto rows of the screen's width: a host-key refusal's fingerprints and file:line are never cut off. */
export function errorRows(h: HostEntry, width: number): string[] {
  const line = errorLine(h);
  return line === null ? [] : wrapText(line, width);
}

/** "52%", with iowait and steal when the host reports them: they explain a slow box that is not busy. */
export function cpuValue(d: ResourcesSnapshot): string {
  if (d.cpuPercent === null) return 'measuring…';
  const extra: string[] = [];
  if (d.cpuIowait != null && d.cpuIowait >= 1) extra.push(`wa ${formatPercent(d.cpuIowait)}`);
  if (d.cpuSteal != null && d.cpuSteal >= 1) extra.push(`st ${formatPercent(d.cpuSteal)}`);
  return extra.length > 0 ? `${formatPercent(d.cpuPercent)} ${extra.join(' ')}` : formatPercent(d.cpuPercent);
}

function GaugeRows({ d, h, ctx, width, rows, color }: { d: ResourcesSnapshot; h: HostEntry; ctx: FigureContext; width: number; rows: number; color: boolean }) {
  const gaugeW = width >= 70 ? Math.floor(width * 0.6) : width;
  const sparkW = width - gaugeW - 2 >= 8 ? width - gaugeW - 2 : 0;
  const used = Math.max(0, d.memTotalBytes - d.memAvailableBytes);
  const loadPct = d.cores > 0 ? (d.load1 / d.cores) * 100 : null;
  // The histories are appended to in place once a sample: read again when the sample changes.
  const hist = useMemo(
    () => ({ cpu: h.history.cpu.toArray(), memory: h.history.memory.toArray(), load1: h.history.load1.toArray() }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [h.history, h.resources],
  );
  const loadMax = Math.max(d.cores, ...hist.load1);
  const t = ctx.thresholds;
  const lines = [
    {
      k: 'cpu',
      g: { label: 'CPU', percent: d.cpuPercent, value: cpuValue(d), level: levelFor('cpu', d.cpuPercent, d.cores, t) },
      s: { values: hist.cpu, max: 100 },
    },
    {
      k: 'mem',
      g: {
        label: 'MEM',
        percent: d.memoryPercent,
        value: `${formatPercent(d.memoryPercent)} ${formatBytes(used)}/${formatBytes(d.memTotalBytes)}`,
        level: levelFor('memory', d.memoryPercent, d.cores, t),
      },
      s: { values: hist.memory, max: 100 },
    },
    {
      k: 'swap',
      g: { label: 'SWAP', percent: d.swapPercent, value: d.swapPercent === null ? 'none' : formatPercent(d.swapPercent), level: 'ok' as const },
      s: null,
    },
    {
      k: 'load',
      g: {
        label: 'LOAD',
        percent: loadPct,
        value: `${d.load1.toFixed(2)} ${d.load5.toFixed(2)} ${d.load15.toFixed(2)} /${d.cores}`,
        level: levelFor('load', d.load1, d.cores, t),
      },
      s: { values: hist.load1, max: loadMax },
    },
  ].slice(0, rows);
  return (
    <>
      {lines.map((l) => (
        <Box key={l.k} flexDirection="row" width={width} height={1}>
          <Box width={gaugeW} height={1}>
            <Gauge {...l.g} width={gaugeW} color={color} />
          </Box>
          {sparkW > 0 && l.s ? (
            <Box width={sparkW + 2} height={1}>
              <Text>{'  '}</Text>
              <Sparkline values={l.s.values} width={sparkW} max={l.s.max} color={color} />
            </Box>
          ) : null}
        </Box>
      ))}
    </>
  );
}

export interface ResourcesScreenProps {
  store: LiveStore;
  host: string | null;
  scroll: number;
  ctx: FigureContext;
  /** The cockpit's clock: the "updated" age moves with it (ctx.now otherwise). */
  clock?: ClockStore;
  height: number;
  width: number;
  color: boolean;
  /** The processes stream (watching this host while the screen shows): its top five under the gauges. */
  processes?: ProcessesStore;
}

export function ResourcesScreen({ store, host, scroll, ctx: given, clock, height, width, color, processes }: ResourcesScreenProps): React.JSX.Element {
  const ctx = useClockedCtx(given, clock);
  const entry = useStore(store, selectHost(host));
  const columns = useMemo(() => fsColumns(ctx.thresholds), [ctx.thresholds]);
  // Hooks before any early return: the layout is computed for a missing entry too.
  const err = entry ? errorLine(entry) : null;
  const errRows = useMemo(() => (entry ? errorRows(entry, width) : []), [entry, width]);
  const layout = resourcesLayout(height, errRows.length, processes !== undefined, ioSectionRows(entry?.resources.data));
  const disks = entry?.resources.data?.disks ?? NO_DISKS;
  const win = useListWindow(-1, disks.length, layout.tableH, scroll);
  if (height <= 0) return <></>;
  if (!entry) {
    const msg = host === null ? 'No host selected: pick one on the overview (o), with 1–9, or :host NAME.' : `Unknown host "${host}".`;
    return (
      <Box flexDirection="column" height={height} overflowY="hidden">
        <Text wrap="truncate">{truncate(msg, width)}</Text>
      </Box>
    );
  }
  const d = entry.resources.data;
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Segments segments={titleSegments(entry, ctx)} width={width} color={color} />
      {errRows.slice(0, layout.errorH).map((row, i) => (
        <Text key={`e${i}`} color={color ? (err?.startsWith('⚠') ? 'yellow' : 'red') : undefined} bold wrap="truncate">
          {i === layout.errorH - 1 && layout.errorH < errRows.length ? truncate(`${row}…`, width) : row}
        </Text>
      ))}
      {!d ? (
        layout.gaugesH > 0 ? (
          <Text dimColor wrap="truncate">
            {truncate(
              entry.state === 'connected' || entry.state === 'connecting' ? 'Waiting for the first poll…' : `No figures yet (${stateText(entry)}).`,
              width,
            )}
          </Text>
        ) : null
      ) : (
        <>
          <GaugeRows d={d} h={entry} ctx={ctx} width={width} rows={layout.gaugesH} color={color} />
          {processes && layout.processesH > 0 ? <TopProcesses store={processes} host={entry.name} width={width} /> : null}
          {layout.spacerH ? (
            <Text dimColor wrap="truncate">
              {win.label ? truncate(`filesystems ${win.label} · j/k scroll`, width) : ' '}
            </Text>
          ) : null}
          <Table
            columns={columns}
            rows={d.disks}
            rowKey={(x) => x.mount}
            selected={-1}
            start={win.start}
            // With the I/O section below, the filesystems take only the lines they fill.
            height={layout.ioH > 0 ? Math.min(layout.tableH, d.disks.length + 1) : layout.tableH}
            width={width}
            color={color}
            empty="no filesystems reported"
          />
          {layout.ioH > 0 ? (
            <ResourcesIoSection d={d} history={entry.history} thresholds={ctx.thresholds} height={layout.ioH} width={width} color={color} />
          ) : null}
        </>
      )}
    </Box>
  );
}
