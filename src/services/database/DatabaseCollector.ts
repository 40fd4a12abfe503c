/**
 * One reading of a host's PostgreSQL. Two tiers: connections and sessions on
 * every poll (two cheap queries over pg_stat_activity), and the slow figures
 * (size, largest tables, cache, replication, statements, migrations, WAL) only
 * when they are older than the caller allows — every 10 s while the database
 * screen shows the host, every minute otherwise.
 *
 * Degrades per feature, like pg_activity: a privilege error or a missing
 * object switches that one feature off with the reason (until the next
 * connection, when privileges may have changed); a transport error fails the
 * whole reading (the database is unavailable).
 */
import {
  CACHE_SQL,
  cacheRatio,
  CONNECTIONS_SQL,
  longRunning,
  blockedSessions,
  MIGRATIONS_SQL,
  SESSIONS_SQL,
  SIZE_SQL,
  STANDBY_LAG_SQL,
  STANDBYS_SQL,
  STATEMENTS_EXTENSION_SQL,
  statementsHidden,
  statementsSql,
  TABLES_SQL,
  toConnections,
  toMigration,
  toSession,
  toStandby,
  toStatement,
  toTable,
  WAL_SQL,
  type ConnectionsRow,
  type SessionRow,
} from './queries';
import { sqlState, type PgSession } from './PgSession';
import type { DatabaseSnapshot, DbFeature, DbReplication } from './types';

type Slow = Pick<DatabaseSnapshot, 'cacheHitRatio' | 'sizeBytes' | 'largestTables' | 'replication' | 'topStatements' | 'migrations' | 'walBytes'>;

const NO_SLOW: Slow = {
  cacheHitRatio: null,
  sizeBytes: null,
  largestTables: null,
  replication: null,
  topStatements: null,
  migrations: null,
  walBytes: null,
};

/** SQLSTATEs that mean "this feature cannot work with this role/server": switch it off. */
const OFF_CODES = new Set([
  '42501', // insufficient_privilege
  '42883', // undefined_function
  '42P01', // undefined_table
  '3F000', // invalid_schema_name
  '55000', // object_not_in_prerequisite_state (pg_stat_statements not preloaded)
  '0A000', // feature_not_supported
]);

const PRIVILEGE_HINT: Record<DbFeature, string> = {
  sessions: 'needs pg_monitor',
  cache: 'needs pg_monitor',
  size: 'needs CONNECT on the database or pg_monitor',
  tables: 'needs pg_monitor',
  replication: 'needs pg_monitor',
  statements: 'needs pg_monitor',
  migrations: 'needs SELECT on risk_platform.schema_migrations',
  wal: 'needs pg_monitor',
};

export function featureMessage(feature: DbFeature, code: string, message: string): string {
  if (code === '42501') return PRIVILEGE_HINT[feature];
  if (feature === 'migrations' && (code === '42P01' || code === '3F000')) return 'no risk_platform.schema_migrations table';
  if (code === '57014') return 'timed out (statement_timeout)';
  if (code === '55P03') return 'waited too long for a lock (lock_timeout)';
  return `${message} (${code})`;
}

export interface CollectOptions {
  /** Active queries / open transactions at least this old are long-running. */
  longQuerySeconds: number;
  /** Re-read the slow figures when older than this (0: now). */
  slowMaxAgeMs: number;
  now?: () => number;
}

export class DatabaseCollector {
  private off = new Map<DbFeature, string>();
  private generation = -1;
  private slow: Slow = NO_SLOW;
  private slowDegraded: Partial<Record<DbFeature, string>> = {};
  private slowAt: number | null = null;
  private statementsSchema: string | null = null;

  constructor(private readonly session: PgSession) {}

  async collect(opts: CollectOptions): Promise<DatabaseSnapshot> {
    const now = opts.now ?? Date.now;
    const [conn] = await this.session.query<ConnectionsRow>(CONNECTIONS_SQL);
    if (!conn) throw new Error('pg_stat_activity returned nothing');
    if (this.session.generation !== this.generation) {
      // A new connection: privileges or extensions may have changed since.
      this.generation = this.session.generation;
      this.off.clear();
      this.statementsSchema = null;
      this.slowAt = null;
    }
    const sessions = (await this.session.query<SessionRow>(SESSIONS_SQL)).map(toSession);
    const privileged = conn.privileged === true;
    if (this.slowAt === null || now() - this.slowAt >= opts.slowMaxAgeMs) {
      await this.readSlow(conn, privileged);
      this.slowAt = now();
    }
    const degraded: Partial<Record<DbFeature, string>> = { ...this.slowDegraded };
    if (!privileged) degraded.sessions = "other roles' sessions hidden: needs pg_monitor";
    for (const [f, why] of this.off) degraded[f] = why;
    return {
      target: this.session.label,
      serverVersion: conn.server_version,
      inRecovery: conn.in_recovery,
      ownPid: this.session.ownPid ?? -1,
      privileged,
      connections: toConnections(conn),
      sessions,
      longRunning: longRunning(sessions, opts.longQuerySeconds),
      blocked: blockedSessions(sessions),
      ...this.slow,
      degraded,
      slowAt: this.slowAt,
    };
  }

  /** Runs one feature; null when it is off or failed this time (the reason lands in slowDegraded / off). */
  private async feature<T>(f: DbFeature, run: () => Promise<T>): Promise<T | null> {
    if (this.off.has(f)) return null;
    try {
      return await run();
    } catch (e) {
      const code = sqlState(e);
      // Not the server's answer: the connection is gone, and so is the whole reading.
      if (code === null || code.startsWith('08') || code.startsWith('57P')) throw e;
      const why = featureMessage(f, code, e instanceof Error ? e.message : String(e));
      if (OFF_CODES.has(code)) this.off.set(f, why);
      else this.slowDegraded[f] = why;
      return null;
    }
  }

  private async readSlow(conn: ConnectionsRow, privileged: boolean): Promise<void> {
    this.slowDegraded = {};
    const q = this.session;
    const cache = await this.feature('cache', async () => cacheRatio((await q.query<{ hit: number; read: number }>(CACHE_SQL))[0]));
    const size = await this.feature('size', async () => (await q.query<{ bytes: number }>(SIZE_SQL))[0]?.bytes ?? null);
    const tables = await this.feature('tables', async () => (await q.query<Parameters<typeof toTable>[0]>(TABLES_SQL)).map(toTable));
    const replication = await this.feature('replication', () => this.replication(conn.in_recovery, privileged));
    const statements = await this.feature('statements', async () => {
      if (this.statementsSchema === null) {
        const [ext] = await q.query<{ schema: string }>(STATEMENTS_EXTENSION_SQL);
        if (!ext) {
          this.off.set('statements', 'pg_stat_statements is not installed in this database (CREATE EXTENSION pg_stat_statements)');
          return null;
        }
        this.statementsSchema = ext.schema;
      }
      const list = (await q.query<Parameters<typeof toStatement>[0]>(statementsSql(this.statementsSchema, conn.server_version_num))).map(toStatement);
      if (statementsHidden(list)) this.slowDegraded.statements = "other roles' statements hidden: needs pg_monitor";
      return list;
    });
    const migrations = await this.feature('migrations', async () => (await q.query<Parameters<typeof toMigration>[0]>(MIGRATIONS_SQL)).map(toMigration));
    const wal = await this.feature('wal', async () => (await q.query<{ bytes: number }>(WAL_SQL))[0]?.bytes ?? null);
    this.slow = {
      cacheHitRatio: cache,
      sizeBytes: size,
      largestTables: tables,
      replication,
      topStatements: statements,
      migrations,
      walBytes: wal,
    };
  }

  private async replication(inRecovery: boolean, privileged: boolean): Promise<DbReplication> {
    if (inRecovery) {
      const [r] = await this.session.query<{ lag_seconds: number | null }>(STANDBY_LAG_SQL);
      return { role: 'standby', lagSeconds: r?.lag_seconds ?? null, standbys: [] };
    }
    const standbys = (await this.session.query<Parameters<typeof toStandby>[0]>(STANDBYS_SQL)).map(toStandby);
    if (standbys.length > 0 && !privileged) this.slowDegraded.replication = 'standby details hidden: needs pg_monitor';
    const lags = standbys.map((s) => s.lagSeconds).filter((l): l is number => l !== null);
    return { role: 'primary', lagSeconds: lags.length > 0 ? Math.max(...lags) : null, standbys };
  }
}
