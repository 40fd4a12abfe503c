/**
 * The database pane's readings → the alert rules' DatabaseInput, from the
 * live store (cockpit) or from the status report (headless). The one place
 * the rules learn the database's shape.
 */
import type { DatabaseInput } from './inputs';
import type { Snapshot } from '../types';
import type { DatabaseReport } from '../database/report';
import type { DatabaseSnapshot } from '../database/types';

const PREFIX = 'database unavailable: ';
const reason = (e: string | null) => (e && e.startsWith(PREFIX) ? e.slice(PREFIX.length) : e);

/** Figures older than `maxAgeMs` are not judged (the rule would fire on what WAS). */
export function databaseInputFromSnapshot(s: Snapshot<DatabaseSnapshot>, now: number, maxAgeMs: number): DatabaseInput | undefined {
  if (s.error) return { available: false, error: reason(s.error), connections: null, longQueries: [], cacheHitRatio: null };
  const d = s.data;
  if (!d || s.updatedAt === null || now - s.updatedAt > maxAgeMs) return undefined;
  return {
    available: true,
    error: null,
    connections: d.connections.total,
    maxConnections: d.connections.max,
    longQueries: d.longRunning.map((l) => ({ pid: l.pid, seconds: l.durationSeconds ?? 0, query: l.query ?? '', user: l.user })),
    cacheHitRatio: d.cacheHitRatio,
  };
}

export function databaseInputFromReport(r: DatabaseReport): DatabaseInput {
  return {
    available: r.available,
    error: reason(r.error),
    connections: r.connections?.total ?? null,
    maxConnections: r.connections?.max ?? null,
    longQueries: r.longRunning.map((l) => ({ pid: l.pid, seconds: l.durationSeconds, query: l.query ?? '', user: l.user })),
    cacheHitRatio: r.cacheHitRatio,
  };
}
