/**
 * Pure formatting for the screens: numbers as operators read them, and the
 * threshold levels of the ops library. No React here, so every rule is a
 * table-driven unit test.
 */
import { inertLine } from '../services/inertText';

export type Level = 'ok' | 'warning' | 'critical';

/** Same shape as the config's `thresholds` (config may override any of them). */
export interface Thresholds {
  cpu: number;
  memory: number;
  disk: number;
  diskCritical: number;
  /** The database pane's; the config always has them, screen tests may not. */
  connections?: number;
  longQueryMinutes?: number;
  cacheHitRatio?: number;
  backupHours?: number;
  /** A disk's busy % that warns (the I/O section's; default 90). */
  diskBusy?: number;
}

/**
 * The library's figures (ops-procedures-library: "CPU usage < 70%", "Memory
 * usage < 80%", "Disk usage < 85%", MA-001 "Disk space >95%" is CRITICAL,
 * "Load average < number of CPU cores").
 */
export const DEFAULT_THRESHOLDS: Thresholds = { cpu: 70, memory: 80, disk: 85, diskCritical: 95 };

export type Metric = 'cpu' | 'memory' | 'disk' | 'load';

/**
 * Level of one figure. The library states what is healthy ("< 70%"), so a
 * percentage AT the warning threshold already warns; CRITICAL is MA-001's
 * "> 95%"; load warns above the core count.
 * null (not measured yet) is never an alarm.
 */
export function levelFor(metric: Metric, value: number | null | undefined, cores = 1, thresholds: Thresholds = DEFAULT_THRESHOLDS): Level {
  if (value === null || value === undefined || Number.isNaN(value)) return 'ok';
  switch (metric) {
    case 'cpu':
      return value >= thresholds.cpu ? 'warning' : 'ok';
    case 'memory':
      return value >= thresholds.memory ? 'warning' : 'ok';
    case 'disk':
      if (value > thresholds.diskCritical) return 'critical';
      return value >= thresholds.disk ? 'warning' : 'ok';
    case 'load':
      return value > Math.max(1, cores) ? 'warning' : 'ok';
  }
}

/** The worse of two levels (a row is as bad as its worst figure). */
export function worst(a: Level, b: Level): Level {
  const rank: Record<Level, number> = { ok: 0, warning: 1, critical: 2 };
  return rank[a] >= rank[b] ? a : b;
}

export const MISSING = '—';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 1536 → "1.5 KiB": binary units like `df -h`, three significant figures at most. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return MISSING;
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  if (i === 0) return `${Math.round(v)} B`;
  // 1023.6 MiB would print as "1024 MiB": carry into the next unit instead.
  if (v >= 1023.95 && i < UNITS.length - 1) return `1.0 ${UNITS[i + 1]}`;
  const digits = v < 10 ? 1 : 0;
  return `${v.toFixed(digits)} ${UNITS[i]}`;
}

/** Uptime-style: the two largest units, "3d 4h", "4h 12m", "12m 5s", "45s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return MISSING;
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  if (m > 0) return sec > 0 ? `${m}m ${sec}s` : `${m}m`;
  return `${sec}s`;
}

/** Whole percent: a tenth of a percent is noise on a dashboard. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return `${Math.round(value)}%`;
}

/** "1.25/4": load against the core count it must stay below. */
export function formatLoad(load1: number | null | undefined, cores: number | null | undefined): string {
  if (load1 === null || load1 === undefined || !Number.isFinite(load1)) return MISSING;
  const c = cores && cores > 0 ? `/${cores}` : '';
  return `${load1.toFixed(2)}${c}`;
}

/** The one age format of the UI: "5s", "3m", "2h", "4d" (the coarsest unit only). */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** How many missed polls make a figure stale. */
export const STALE_POLLS = 3;

export function isStale(updatedAt: number | null, now: number, refreshMs: number): boolean {
  if (updatedAt === null) return false;
  return now - updatedAt > STALE_POLLS * refreshMs;
}

/** "5s ago", "stale 2m" (in words, so it still reads under NO_COLOR), or "never". */
export function formatUpdated(updatedAt: number | null, now: number, refreshMs: number): string {
  if (updatedAt === null) return 'never';
  const age = formatAge(now - updatedAt);
  return isStale(updatedAt, now, refreshMs) ? `stale ${age}` : `${age} ago`;
}

/** Cut to `width` columns with an ellipsis, so truncation is visible. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  if (width === 1) return '…';
  return `${text.slice(0, width - 1)}…`;
}

/** Truncate then pad to exactly `width` columns, on one row: a newline in a cell (a label's) shows as ␊, never as a row of its own. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const t = truncate(inertLine(text), width);
  return align === 'right' ? t.padStart(width) : t.padEnd(width);
}

/** Errors arrive with newlines and stack-ish padding; a table cell needs one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** HH:MM in local time, for the status bar clock (it ticks every few seconds, so no seconds). */
export function formatClock(now: number): string {
  const d = new Date(now);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}`;
}
