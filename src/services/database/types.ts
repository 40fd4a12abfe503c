/**
 * What the database pane knows about one host's PostgreSQL, as plain data.
 * Durations are seconds, sizes bytes, ratios percent (0–100). A figure that
 * could not be read is null, and `degraded` says why in words an operator can
 * act on ("needs pg_monitor"), so one missing privilege never blanks the pane.
 */

/** The parts that can be switched off one by one. */
export type DbFeature = 'sessions' | 'cache' | 'size' | 'tables' | 'replication' | 'statements' | 'migrations' | 'wal';

export interface DbSession {
  pid: number;
  /** null: hidden from a role without pg_monitor (pg_stat_activity shows only the pid). */
  user: string | null;
  database: string | null;
  application: string;
  /** "10.0.0.7:51234", "local" (unix socket), or null when hidden. */
  client: string | null;
  /** active, idle, idle in transaction, …; null when hidden. */
  state: string | null;
  waitEventType: string | null;
  waitEvent: string | null;
  /** How long the session has been doing what it does now: the query (active), the transaction (idle in transaction), else since its state changed. */
  durationSeconds: number | null;
  /** Query text (up to the server's track_activity_query_size); null when hidden. */
  query: string | null;
  /** Backends holding the lock this one waits for (pg_blocking_pids). */
  blockedBy: number[];
}

export interface DbConnections {
  /** Client backends, ours included: what counts against max_connections. */
  total: number;
  active: number;
  idle: number;
  /** "idle in transaction" and "idle in transaction (aborted)". */
  idleInTransaction: number;
  /** Rows whose state a role without pg_monitor cannot see. */
  hidden: number;
  /** The server's max_connections. */
  max: number;
}

export interface DbTable {
  schema: string;
  name: string;
  /** Table + indexes + TOAST (pg_total_relation_size). */
  totalBytes: number;
  /** The planner's row estimate (reltuples); null before the first ANALYZE. */
  rowsEstimate: number | null;
}

export interface DbStatement {
  query: string;
  user: string | null;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
}

export interface DbStandby {
  name: string;
  client: string | null;
  state: string | null;
  lagSeconds: number | null;
}

export interface DbReplication {
  role: 'primary' | 'standby';
  /** Primary: the largest replay lag of its standbys (null: none connected). Standby: its replay delay. */
  lagSeconds: number | null;
  standbys: DbStandby[];
}

export interface DbMigration {
  version: string;
  /** ISO 8601. */
  appliedAt: string;
}

export interface DbBackup {
  /** Full path on the host of the newest file in the backups folder. */
  path: string;
  ageSeconds: number;
}

/** The host's backups folder (BR-001), read through the Host, not the database. */
export interface BackupsSnapshot {
  dir: string;
  /** null: the folder holds no file. */
  newest: DbBackup | null;
}

export interface DatabaseSnapshot {
  /** "risk_platform_app@127.0.0.1:5432/risk_platform" (never a password). */
  target: string;
  serverVersion: string;
  inRecovery: boolean;
  /** riskctl's own backend: never offered for cancel/terminate. */
  ownPid: number;
  /** Superuser or member of pg_read_all_stats (which pg_monitor includes). */
  privileged: boolean;
  connections: DbConnections;
  /** Every client backend but ours, most interesting first (waiting, then oldest). */
  sessions: DbSession[];
  /** Active queries and open transactions older than the threshold, longest first. */
  longRunning: DbSession[];
  /** Sessions waiting for a lock, with the backends they wait for. */
  blocked: Array<{ pid: number; blockedBy: number[] }>;
  /** Heap blocks served from cache over all user tables (PM-001); null before any read. */
  cacheHitRatio: number | null;
  sizeBytes: number | null;
  largestTables: DbTable[] | null;
  replication: DbReplication | null;
  topStatements: DbStatement[] | null;
  migrations: DbMigration[] | null;
  /** Size of pg_wal (pg_ls_waldir: needs pg_monitor). */
  walBytes: number | null;
  /** Why a feature is off or partial. */
  degraded: Partial<Record<DbFeature, string>>;
  /** When the slow figures (size, tables, statements, migrations …) were last read (ms). */
  slowAt: number | null;
}

export type BackendSignal = 'cancel' | 'terminate';

export interface BackendSignalResult {
  ok: boolean;
  /** One line for the status bar. */
  message: string;
}

/** What screens may ask of the database service (through CockpitActions.database). */
export interface DatabaseActions {
  /**
   * Cancel the query of, or terminate, a backend. `confirmed: false` records
   * the operator's "no" (or the read-only refusal) in the audit log and does
   * nothing else.
   */
  signalBackend(host: string, pid: number, how: BackendSignal, confirmed: boolean): Promise<BackendSignalResult>;
}
