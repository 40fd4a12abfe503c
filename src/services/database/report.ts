/**
 * The `database` member of `riskctl status --json` (a contract for scripts:
 * extend, never rename), and the one headless reading that fills it.
 */
import type { Host } from '../../hosts/Host';
import type { HostConfig } from '../../hosts/HostConfig';
import { DatabaseCollector } from './DatabaseCollector';
import { readBackups, unavailable } from './DatabaseService';
import { dbErrorText, PgSession, type PgSessionOptions } from './PgSession';
import type { BackupsSnapshot, DatabaseSnapshot, DbFeature } from './types';

export interface DatabaseReport {
  available: boolean;
  error: string | null;
  connections: { total: number; active: number; idle: number; idleInTransaction: number; max: number } | null;
  longRunning: Array<{ pid: number; user: string | null; durationSeconds: number; state: string | null; query: string | null }>;
  blocked: Array<{ pid: number; blockedBy: number[] }>;
  /** Percent. */
  cacheHitRatio: number | null;
  sizeBytes: number | null;
  /** null when there is no replication (or it could not be read). */
  replicationLagSeconds: number | null;
  topStatements: Array<{ query: string; user: string | null; calls: number; totalMs: number; meanMs: number; rows: number }>;
  migrations: Array<{ version: string; appliedAt: string }>;
  lastBackup: { path: string; ageSeconds: number } | null;
  /** Features switched off or partial, with the reason ("needs pg_monitor"). */
  degraded: Partial<Record<DbFeature, string>>;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function databaseReport(snap: DatabaseSnapshot | null, error: string | null, backups: BackupsSnapshot | null): DatabaseReport {
  const lastBackup = backups?.newest ? { path: backups.newest.path, ageSeconds: backups.newest.ageSeconds } : null;
  if (!snap || error) {
    return {
      available: false,
      error: error ?? unavailable('no reading'),
      connections: null,
      longRunning: [],
      blocked: [],
      cacheHitRatio: null,
      sizeBytes: null,
      replicationLagSeconds: null,
      topStatements: [],
      migrations: [],
      lastBackup,
      degraded: {},
    };
  }
  const c = snap.connections;
  return {
    available: true,
    error: null,
    connections: { total: c.total, active: c.active, idle: c.idle, idleInTransaction: c.idleInTransaction, max: c.max },
    longRunning: snap.longRunning.map((s) => ({
      pid: s.pid,
      user: s.user,
      durationSeconds: Math.round(s.durationSeconds ?? 0),
      state: s.state,
      query: s.query,
    })),
    blocked: snap.blocked,
    cacheHitRatio: snap.cacheHitRatio === null ? null : round1(snap.cacheHitRatio),
    sizeBytes: snap.sizeBytes,
    replicationLagSeconds: snap.replication?.lagSeconds ?? null,
    topStatements: (snap.topStatements ?? []).map((s) => ({ ...s, totalMs: round1(s.totalMs), meanMs: round1(s.meanMs) })),
    migrations: snap.migrations ?? [],
    lastBackup,
    degraded: snap.degraded,
  };
}

/**
 * One reading for `riskctl status`: the database through the (connected)
 * host, and the backups folder through the host even when the database is
 * down — the age of the last backup matters most then. null: no `postgres:`.
 */
export async function collectDatabaseReport(
  host: Host,
  cfg: Pick<HostConfig, 'postgres' | 'backups'>,
  opts: { longQuerySeconds: number; session?: PgSessionOptions },
): Promise<DatabaseReport | null> {
  if (!cfg.postgres) return null;
  const session = new PgSession(host, cfg.postgres, opts.session);
  const [db, backups] = await Promise.all([
    new DatabaseCollector(session)
      .collect({ longQuerySeconds: opts.longQuerySeconds, slowMaxAgeMs: 0 })
      .then((snap) => ({ snap, error: null }))
      .catch((e: unknown) => ({ snap: null, error: unavailable(dbErrorText(e, host.name)) })),
    readBackups(host, cfg.backups.dir, cfg.postgres).catch(() => ({ data: null, error: null })),
  ]).finally(() => session.close());
  return databaseReport(db.snap, db.error, backups.data);
}
