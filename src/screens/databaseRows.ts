/**
 * The database screen's figures as pure data: which sessions show in which
 * order, blocking chains, the overview's DB cell, the one-line facts. No Ink,
 * so each rule is a table row in a test.
 */
import type { HostEntry } from '../services/liveStore';
import type { BackupsSnapshot, DatabaseSnapshot, DbSession } from '../services/database/types';
import { formatBytes, formatDuration, MISSING, oneLine, type Thresholds } from './format';
import type { DbSort } from './databaseUi';
import type { Cell } from './widgets/tableLayout';

/** The library's figures (DO-001, PM-001), unless the config says otherwise. */
export interface DbLimits {
  /** DO-001: "Connection count < 50". */
  connections: number;
  /** DO-001: "No long-running queries (>5 minutes)". */
  longQuerySeconds: number;
  /** PM-001: "Database cache hit ratio: >95%". */
  cacheHitRatio: number;
  /** BR-001 runs daily: older than this is a missed backup. */
  backupHours: number;
}

export const DEFAULT_DB_LIMITS: DbLimits = { connections: 50, longQuerySeconds: 300, cacheHitRatio: 95, backupHours: 26 };

/** The limits from the config's thresholds (which the App merges over the defaults). */
export function dbLimits(t: Partial<Thresholds> | undefined): DbLimits {
  return {
    connections: t?.connections ?? DEFAULT_DB_LIMITS.connections,
    longQuerySeconds: (t?.longQueryMinutes ?? DEFAULT_DB_LIMITS.longQuerySeconds / 60) * 60,
    cacheHitRatio: t?.cacheHitRatio ?? DEFAULT_DB_LIMITS.cacheHitRatio,
    backupHours: t?.backupHours ?? DEFAULT_DB_LIMITS.backupHours,
  };
}

export function sessionMatches(s: DbSession, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (f === '') return true;
  return [String(s.pid), s.user, s.application, s.client, s.state, s.query, s.waitEvent].some((v) => v?.toLowerCase().includes(f));
}

const byText = (a: string | null, b: string | null) => (a ?? '\uffff').localeCompare(b ?? '\uffff');

/** Sorted and filtered; every sort falls back to the pid, so equal rows never swap between polls. */
export function visibleSessions(sessions: readonly DbSession[], sort: DbSort, filter: string): DbSession[] {
  const list = sessions.filter((s) => sessionMatches(s, filter));
  const cmp: Record<DbSort, (a: DbSession, b: DbSession) => number> = {
    duration: (a, b) => (b.durationSeconds ?? -1) - (a.durationSeconds ?? -1),
    pid: () => 0,
    user: (a, b) => byText(a.user, b.user),
    state: (a, b) => byText(a.state, b.state),
  };
  return list.sort((a, b) => cmp[sort](a, b) || a.pid - b.pid);
}

/**
 * Who blocks whom, as paths from a blocker that waits for no one down to each
 * waiter at the end of a chain: [[4512, 4513, 4514], [4512, 4515]].
 */
export function blockingPaths(sessions: readonly DbSession[], max = 20): number[][] {
  const waitsFor = new Map<number, number[]>();
  for (const s of sessions) if (s.blockedBy.length > 0) waitsFor.set(s.pid, s.blockedBy);
  const children = new Map<number, number[]>();
  for (const [waiter, blockers] of waitsFor) {
    for (const b of blockers) children.set(b, [...(children.get(b) ?? []), waiter]);
  }
  const roots = [...children.keys()].filter((pid) => !waitsFor.has(pid)).sort((a, b) => a - b);
  // Everyone in a cycle waits: start from the smallest pid so a deadlock still shows.
  if (roots.length === 0 && children.size > 0) roots.push(Math.min(...children.keys()));
  const paths: number[][] = [];
  const walk = (path: number[]) => {
    if (paths.length >= max) return;
    const last = path[path.length - 1]!;
    const next = (children.get(last) ?? []).filter((c) => !path.includes(c)).sort((a, b) => a - b);
    if (next.length === 0) paths.push(path);
    for (const c of next) walk([...path, c]);
  };
  for (const r of roots) walk([r]);
  return paths;
}

/** Pids that block someone (the sessions an operator may want to end). */
export function blockerPids(sessions: readonly DbSession[]): Set<number> {
  return new Set(sessions.flatMap((s) => s.blockedBy));
}

export function stateLabel(s: DbSession): string {
  if (s.state === null) return 'hidden';
  return s.state.replace('idle in transaction', 'idle in tx');
}

/** "2m 5s" for a query, "—" when unknown. */
export function durationText(s: DbSession): string {
  return s.durationSeconds === null ? MISSING : formatDuration(s.durationSeconds);
}

export function queryText(s: DbSession): string {
  if (s.query === null) return s.state === null ? '(hidden: needs pg_monitor)' : MISSING;
  return oneLine(s.query);
}

/** The overview's DB column: "down", or connections against the limit and any long queries or blocking. */
export function dbOverviewCell(h: Pick<HostEntry, 'databaseTarget' | 'database'>, limits: DbLimits): Cell {
  if (h.databaseTarget === null) return { text: MISSING, tone: 'muted' };
  const { data, error } = h.database;
  if (error) return { text: 'down', tone: 'critical', bold: true };
  if (!data) return { text: '…', tone: 'muted' };
  const c = data.connections.total;
  const long = data.longRunning.length;
  const blocked = data.blocked.length;
  let text = `${c}/${limits.connections}`;
  if (long > 0) text += ` ${long} long`;
  else if (blocked > 0) text += ` ${blocked} blkd`;
  const bad = c >= limits.connections || long > 0 || blocked > 0;
  return { text, tone: bad ? 'warning' : 'good', bold: c >= limits.connections };
}

/** The newest backup in words, and whether it is too old (BR-001 runs daily). */
export function backupText(b: BackupsSnapshot | null, limits: DbLimits): { text: string; late: boolean } {
  if (!b) return { text: 'backup: not read yet', late: false };
  if (!b.newest) return { text: `backup: none in ${b.dir}`, late: true };
  const rel = b.newest.path.startsWith(`${b.dir.replace(/\/+$/, '')}/`) ? b.newest.path.slice(b.dir.replace(/\/+$/, '').length + 1) : b.newest.path;
  return { text: `backup ${formatDuration(b.newest.ageSeconds)} ago (${rel})`, late: b.newest.ageSeconds > limits.backupHours * 3600 };
}

/** size · WAL · replication · latest migration, in the order an operator scans them. */
export function factsText(d: DatabaseSnapshot, now: number): string {
  const parts: string[] = [`size ${formatBytes(d.sizeBytes)}`];
  if (d.walBytes !== null) parts.push(`WAL ${formatBytes(d.walBytes)}`);
  const r = d.replication;
  if (r?.role === 'standby') parts.push(`standby, replay lag ${r.lagSeconds === null ? MISSING : formatDuration(r.lagSeconds)}`);
  else if (r && r.standbys.length > 0)
    parts.push(
      `primary, ${r.standbys.length} standby${r.standbys.length === 1 ? '' : 's'}, lag ${r.lagSeconds === null ? '0s' : formatDuration(r.lagSeconds)}`,
    );
  else if (r) parts.push('primary, no standbys');
  const m = d.migrations?.[0];
  if (m) parts.push(`migration ${m.version} (${formatDuration((now - Date.parse(m.appliedAt)) / 1000)} ago)`);
  return parts.join(' · ');
}
