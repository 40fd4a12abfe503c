/**
 * The orders the overview lists a fleet in. "worst" puts what needs a look
 * on top: open alerts first (criticals, then warnings), then the connection
 * state, then the figure closest to (or furthest past) its threshold — the
 * highest of CPU, memory and fullest disk, each divided by its warning
 * threshold. Ties keep config order, so the list does not shuffle between
 * polls of equal hosts.
 */
import type { HostEntry } from '../services/liveStore';
import type { Thresholds } from './format';
import { worstDisk } from './hostCells';
import { byName } from '../services/byName';

export type HostSort = 'config' | 'worst' | 'name' | 'cpu' | 'memory' | 'disk';

/** The order the sort key steps through. */
export const HOST_SORTS: readonly HostSort[] = ['config', 'worst', 'name', 'cpu', 'memory', 'disk'];

/** How the title says the order. */
export const SORT_TITLES: Record<HostSort, string> = {
  config: 'config order',
  worst: 'worst first',
  name: 'by name',
  cpu: 'by CPU',
  memory: 'by memory',
  disk: 'by disk',
};

export function nextSort(s: HostSort): HostSort {
  return HOST_SORTS[(HOST_SORTS.indexOf(s) + 1) % HOST_SORTS.length] ?? 'config';
}

/** Open alerts on one host (not counting those expected in maintenance). */
export interface HostAlertCount {
  critical: number;
  warning: number;
}

export type HostAlertCounts = ReadonlyMap<string, HostAlertCount>;

/** Connection states, worst first: a host that cannot be read is the first to look at. */
const STATE_RANK: Record<HostEntry['state'], number> = { error: 0, disconnected: 1, connecting: 2, idle: 3, connected: 4 };

export type Figure = 'cpu' | 'memory' | 'disk';

export interface FigureReading {
  figure: Figure;
  value: number;
  /** value / its warning threshold: 1 is at the threshold. */
  ratio: number;
}

/** The figures of a host measured so far, each against its warning threshold. */
export function figureReadings(h: HostEntry, t: Thresholds): FigureReading[] {
  const d = h.resources.data;
  if (!d) return [];
  const out: FigureReading[] = [];
  const add = (figure: Figure, value: number | null, threshold: number) => {
    if (value !== null && Number.isFinite(value)) out.push({ figure, value, ratio: value / Math.max(1, threshold) });
  };
  add('cpu', d.cpuPercent, t.cpu);
  add('memory', d.memoryPercent, t.memory);
  add('disk', worstDisk(d.disks)?.usedPercent ?? null, t.disk);
  return out;
}

/** The host's figure highest against its threshold, or null before the first sample. */
export function worstFigure(h: HostEntry, t: Thresholds): FigureReading | null {
  let worst: FigureReading | null = null;
  for (const r of figureReadings(h, t)) if (worst === null || r.ratio > worst.ratio) worst = r;
  return worst;
}

/** One figure's value, -1 when not measured (sorts below every measured host). */
export function figureValue(h: HostEntry, figure: Figure): number {
  const d = h.resources.data;
  if (!d) return -1;
  const v = figure === 'cpu' ? d.cpuPercent : figure === 'memory' ? d.memoryPercent : (worstDisk(d.disks)?.usedPercent ?? null);
  return v === null || !Number.isFinite(v) ? -1 : v;
}

const NO_ALERTS: HostAlertCount = { critical: 0, warning: 0 };

/** The numbers a host sorts by, highest first, worked out once per host rather than per comparison. */
function sortKey(h: HostEntry, sort: HostSort, t: Thresholds, alerts: HostAlertCounts): number[] {
  switch (sort) {
    case 'worst': {
      const a = alerts.get(h.name) ?? NO_ALERTS;
      return [a.critical, a.warning, -STATE_RANK[h.state], worstFigure(h, t)?.ratio ?? -1];
    }
    case 'cpu':
    case 'memory':
    case 'disk':
      return [figureValue(h, sort)];
    default:
      return [];
  }
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The entries (given in config order) in the order `sort` lists them. Pure:
 * the thresholds and each host's open alerts come in as arguments.
 */
export function sortHosts(entries: readonly HostEntry[], sort: HostSort, t: Thresholds, alerts: HostAlertCounts = new Map()): HostEntry[] {
  if (sort === 'config') return [...entries];
  const keyed = entries.map((e, i) => ({ e, i, k: sortKey(e, sort, t, alerts) }));
  const nameOrder = (a: HostEntry, b: HostEntry) => (sort === 'name' ? byName(a.name, b.name) : 0);
  return keyed.sort((x, y) => nameOrder(x.e, y.e) || compareKeys(x.k, y.k) || x.i - y.i).map((x) => x.e);
}
