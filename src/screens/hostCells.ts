/**
 * Pure renderers of one host's figures into table cells, shared by the
 * overview and hosts screens (k9s-style: renderers are functions of data,
 * tested on fixtures, no Ink involved).
 */
import type { HostEntry } from '../services/liveStore';
import type { DiskUsage } from '../services/types';
import { formatAge, formatDuration, formatLoad, formatPercent, formatUpdated, isStale, levelFor, MISSING, oneLine, type Thresholds } from './format';
import type { Cell } from './widgets/tableLayout';
import { stateTone } from './widgets/tone';

/** The NAME column's width for these host names: 4 to 24 columns. */
export function nameWidth(order: readonly string[]): number {
  return Math.min(24, Math.max(4, ...order.map((n) => n.length)));
}

/** Connection state in words: "connected", "error (auth failed)", "disconnected (closed by peer)". */
export function stateText(h: Pick<HostEntry, 'state' | 'error'>): string {
  const reason = h.error ? oneLine(h.error) : '';
  if ((h.state === 'error' || h.state === 'disconnected') && reason) return `${h.state} (${reason})`;
  return h.state;
}

export function stateCell(h: Pick<HostEntry, 'state' | 'error'>): Cell {
  return { text: stateText(h), tone: stateTone(h.state), bold: h.state === 'error' };
}

/** The fullest filesystem: the one that will page someone first. */
export function worstDisk(disks: readonly DiskUsage[]): DiskUsage | null {
  let worst: DiskUsage | null = null;
  for (const d of disks) if (worst === null || d.usedPercent > worst.usedPercent) worst = d;
  return worst;
}

export interface FigureContext {
  now: number;
  refreshMs: number;
  thresholds: Thresholds;
}

/** Old figures are shown dimmed: they say what WAS, not what is. */
function staleTone(h: HostEntry, ctx: FigureContext) {
  return isStale(h.resources.updatedAt, ctx.now, ctx.refreshMs) ? ('muted' as const) : undefined;
}

export function cpuCell(h: HostEntry, ctx: FigureContext): Cell {
  const d = h.resources.data;
  if (!d) return { text: MISSING, tone: 'muted' };
  const level = levelFor('cpu', d.cpuPercent, d.cores, ctx.thresholds);
  return { text: d.cpuPercent === null ? '…' : formatPercent(d.cpuPercent), tone: level !== 'ok' ? level : staleTone(h, ctx) };
}

export function memCell(h: HostEntry, ctx: FigureContext): Cell {
  const d = h.resources.data;
  if (!d) return { text: MISSING, tone: 'muted' };
  const level = levelFor('memory', d.memoryPercent, d.cores, ctx.thresholds);
  return { text: formatPercent(d.memoryPercent), tone: level !== 'ok' ? level : staleTone(h, ctx) };
}

export function diskCell(h: HostEntry, ctx: FigureContext): Cell {
  const d = h.resources.data;
  const disk = d ? worstDisk(d.disks) : null;
  if (!disk) return { text: MISSING, tone: 'muted' };
  const level = levelFor('disk', disk.usedPercent, 1, ctx.thresholds);
  return { text: `${formatPercent(disk.usedPercent)} ${disk.mount}`, tone: level !== 'ok' ? level : staleTone(h, ctx), bold: level === 'critical' };
}

export function loadCell(h: HostEntry, ctx: FigureContext): Cell {
  const d = h.resources.data;
  if (!d) return { text: MISSING, tone: 'muted' };
  const level = levelFor('load', d.load1, d.cores, ctx.thresholds);
  return { text: formatLoad(d.load1, d.cores), tone: level !== 'ok' ? level : staleTone(h, ctx) };
}

export function uptimeCell(h: HostEntry, ctx: FigureContext): Cell {
  const d = h.resources.data;
  return d ? { text: formatDuration(d.uptimeSeconds), tone: staleTone(h, ctx) } : { text: MISSING, tone: 'muted' };
}

/** "5s ago" / "stale 2m" / "never"; a failed last poll says so even while the figures stay. */
export function updatedCell(h: HostEntry, ctx: FigureContext): Cell {
  const text = formatUpdated(h.resources.updatedAt, ctx.now, ctx.refreshMs);
  if (h.resources.error) return { text: `${text} ✗`, tone: 'warning' };
  return { text, tone: isStale(h.resources.updatedAt, ctx.now, ctx.refreshMs) ? 'warning' : 'muted' };
}

/** How long the host has been in its state: "3m". */
export function sinceCell(h: HostEntry, now: number): Cell {
  return { text: formatAge(now - h.since), tone: 'muted' };
}
