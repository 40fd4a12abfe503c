/**
 * The SQL of the database pane and the pure functions that turn its rows into
 * the snapshot. Definitions follow the operations library where it has one
 * (PM-001's connection states and cache hit ratio, DP-001's migrations).
 * bigint columns are cast to float8: pg returns int8 as strings.
 */
import type { DbConnections, DbMigration, DbSession, DbStandby, DbStatement, DbTable } from './types';

/**
 * Which pg_stat_activity rows are connections: client backends (background
 * workers do not count against max_connections). A role without pg_monitor
 * sees neither the state nor even the backend_type of other roles' rows, only
 * that they belong to a role: those count, as hidden (the logical replication
 * launcher looks the same, so the total may be one too high for such a role).
 */
const CONNECTION_ROWS = `(backend_type = 'client backend' OR (backend_type IS NULL AND usesysid IS NOT NULL))`;

/** How riskctl's own database sessions name themselves on the server (pg_stat_activity.application_name). */
export const APPLICATION_NAME = 'riskctl';

/** Connections by state: one aggregate. */
export const CONNECTIONS_SQL = `
SELECT count(*)::int AS total,
  count(*) FILTER (WHERE state = 'active')::int AS active,
  count(*) FILTER (WHERE state = 'idle')::int AS idle,
  count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS idle_in_transaction,
  count(*) FILTER (WHERE backend_type IS NULL)::int AS hidden,
  current_setting('max_connections')::int AS max,
  pg_is_in_recovery() AS in_recovery,
  current_setting('server_version') AS server_version,
  current_setting('server_version_num')::int AS server_version_num,
  (SELECT rolsuper OR pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER') FROM pg_roles WHERE rolname = current_user) AS privileged
FROM pg_stat_activity
WHERE ${CONNECTION_ROWS}`;

export interface ConnectionsRow {
  total: number;
  active: number;
  idle: number;
  idle_in_transaction: number;
  hidden: number;
  max: number;
  in_recovery: boolean;
  server_version: string;
  server_version_num: number;
  privileged: boolean | null;
}

export function toConnections(r: ConnectionsRow): DbConnections {
  return { total: r.total, active: r.active, idle: r.idle, idleInTransaction: r.idle_in_transaction, hidden: r.hidden, max: r.max };
}

/**
 * Every client backend but riskctl's own: this one, and those of its other
 * hosts and other operators' cockpits on the same server (each tags itself
 * application_name=riskctl, see PgSession), which are not the platform's
 * work. They still count in CONNECTIONS_SQL: they hold connections.
 * pg_blocking_pids takes the lock manager's locks, so it is asked only for
 * sessions that wait on a lock. Waiting sessions first, then the oldest work,
 * so the LIMIT never hides what matters.
 */
export const SESSIONS_SQL = `
SELECT pid, usename AS user, datname AS database, coalesce(application_name, '') AS application,
  CASE WHEN client_addr IS NOT NULL THEN host(client_addr) || ':' || client_port
       WHEN client_port = -1 THEN 'local' END AS client,
  state, wait_event_type, wait_event,
  extract(epoch FROM now() - query_start)::float8 AS query_seconds,
  extract(epoch FROM now() - xact_start)::float8 AS xact_seconds,
  extract(epoch FROM now() - state_change)::float8 AS state_seconds,
  query,
  CASE WHEN wait_event_type = 'Lock' THEN pg_blocking_pids(pid) ELSE '{}'::int[] END AS blocked_by
FROM pg_stat_activity
WHERE ${CONNECTION_ROWS} AND pid <> pg_backend_pid() AND application_name IS DISTINCT FROM '${APPLICATION_NAME}'
ORDER BY (wait_event_type = 'Lock') IS TRUE DESC, (state = 'idle') IS TRUE, state IS NULL, coalesce(xact_start, query_start) NULLS LAST
LIMIT 500`;

export interface SessionRow {
  pid: number;
  user: string | null;
  database: string | null;
  application: string;
  client: string | null;
  state: string | null;
  wait_event_type: string | null;
  wait_event: string | null;
  query_seconds: number | null;
  xact_seconds: number | null;
  state_seconds: number | null;
  query: string | null;
  blocked_by: number[] | null;
}

const HIDDEN_QUERY = '<insufficient privilege>';

export function toSession(r: SessionRow): DbSession {
  const hidden = r.query === HIDDEN_QUERY;
  const state = hidden ? null : r.state;
  let duration: number | null;
  if (state === 'active') duration = r.query_seconds;
  else if (state?.startsWith('idle in transaction')) duration = r.xact_seconds;
  else duration = r.state_seconds;
  return {
    pid: r.pid,
    user: r.user,
    database: r.database,
    application: r.application,
    client: r.client,
    state,
    waitEventType: r.wait_event_type,
    waitEvent: r.wait_event,
    durationSeconds: duration === null ? null : Math.max(0, duration),
    query: hidden ? null : r.query,
    blockedBy: r.blocked_by ?? [],
  };
}

/** Running queries and open transactions at least `thresholdSeconds` old, longest first. */
export function longRunning(sessions: readonly DbSession[], thresholdSeconds: number): DbSession[] {
  return sessions
    .filter((s) => (s.state === 'active' || s.state?.startsWith('idle in transaction')) && (s.durationSeconds ?? 0) >= thresholdSeconds)
    .sort((a, b) => (b.durationSeconds ?? 0) - (a.durationSeconds ?? 0));
}

export function blockedSessions(sessions: readonly DbSession[]): Array<{ pid: number; blockedBy: number[] }> {
  return sessions.filter((s) => s.blockedBy.length > 0).map((s) => ({ pid: s.pid, blockedBy: s.blockedBy }));
}

/** PM-001's cache hit ratio: heap blocks over every user table of this database. */
export const CACHE_SQL = `
SELECT coalesce(sum(heap_blks_hit), 0)::float8 AS hit, coalesce(sum(heap_blks_read), 0)::float8 AS read
FROM pg_statio_user_tables`;

export function cacheRatio(r: { hit: number; read: number } | undefined): number | null {
  if (!r || r.hit + r.read === 0) return null;
  return (r.hit / (r.hit + r.read)) * 100;
}

export const SIZE_SQL = `SELECT pg_database_size(current_database())::float8 AS bytes`;

export const TABLES_SQL = `
SELECT n.nspname AS schema, c.relname AS name, pg_total_relation_size(c.oid)::float8 AS total_bytes,
  CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::float8 END AS rows_estimate
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
ORDER BY pg_total_relation_size(c.oid) DESC
LIMIT 10`;

export function toTable(r: { schema: string; name: string; total_bytes: number; rows_estimate: number | null }): DbTable {
  return { schema: r.schema, name: r.name, totalBytes: r.total_bytes, rowsEstimate: r.rows_estimate };
}

export const STANDBYS_SQL = `
SELECT coalesce(application_name, '') AS name, host(client_addr) AS client, state,
  extract(epoch FROM replay_lag)::float8 AS lag_seconds
FROM pg_stat_replication`;

export function toStandby(r: { name: string; client: string | null; state: string | null; lag_seconds: number | null }): DbStandby {
  return { name: r.name, client: r.client, state: r.state, lagSeconds: r.lag_seconds };
}

/** A standby that has replayed all it received is not behind, however old the last commit. */
export const STANDBY_LAG_SQL = `
SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END::float8 AS lag_seconds`;

export const STATEMENTS_EXTENSION_SQL = `
SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = 'pg_stat_statements'`;

/** Top statements of this database by total time (PM-001); PostgreSQL 13 renamed total_time. */
export function statementsSql(schema: string, serverVersionNum: number): string {
  const total = serverVersionNum >= 130000 ? 'total_exec_time' : 'total_time';
  const mean = serverVersionNum >= 130000 ? 'mean_exec_time' : 'mean_time';
  const ident = `"${schema.replaceAll('"', '""')}"`;
  return `
SELECT s.query, r.rolname AS user, s.calls::float8 AS calls, s.${total}::float8 AS total_ms, s.${mean}::float8 AS mean_ms, s.rows::float8 AS rows
FROM ${ident}.pg_stat_statements s LEFT JOIN pg_roles r ON r.oid = s.userid
WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
ORDER BY s.${total} DESC
LIMIT 10`;
}

export function toStatement(r: { query: string | null; user: string | null; calls: number; total_ms: number; mean_ms: number; rows: number }): DbStatement {
  return { query: r.query ?? HIDDEN_QUERY, user: r.user, calls: r.calls, totalMs: r.total_ms, meanMs: r.mean_ms, rows: r.rows };
}

export function statementsHidden(list: readonly DbStatement[]): boolean {
  return list.some((s) => s.query === HIDDEN_QUERY);
}

/**
 * DP-001's check: the latest five versions. Ordered by version, not by time:
 * migrations applied in one transaction share applied_at (now() is the
 * transaction's start). The column's own type orders (m.version, not the
 * text alias).
 */
export const MIGRATIONS_SQL = `
SELECT m.version::text AS version, m.applied_at
FROM risk_platform.schema_migrations m ORDER BY m.version DESC LIMIT 5`;

export function toMigration(r: { version: string; applied_at: Date | string }): DbMigration {
  const at = r.applied_at instanceof Date ? r.applied_at : new Date(r.applied_at);
  return { version: r.version, appliedAt: at.toISOString() };
}

/** pg_ls_waldir needs pg_monitor (or superuser): the feature the limited role loses outright. */
export const WAL_SQL = `SELECT coalesce(sum(size), 0)::float8 AS bytes FROM pg_ls_waldir()`;
