/**
 * One PostgreSQL connection per host, opened through the Host: for an SSH
 * host a `direct-tcpip` channel of its one SSH connection, for this machine a
 * plain socket. pg is loaded only when a host first needs it. The session
 * reconnects by itself on the next query after any loss, and tags itself
 * (application_name=riskctl) so it is recognisable, and excludable, on the server.
 *
 * One connection, not a pool: pg queues queries on a client, and a poll is a
 * handful of millisecond queries, so an action waits at most one poll.
 */
import type { Duplex } from 'node:stream';
import type { Client, QueryResultRow } from 'pg';
import type { Host } from '../../hosts/Host';
import type { PostgresTarget } from '../../hosts/HostConfig';
import { lookupPassword, type PasswordEnv } from './password';
import { APPLICATION_NAME } from './queries';
import { targetLabel } from './targetLabel';

export interface PgSessionOptions {
  /** Server-side limit for every statement (statement_timeout). */
  statementTimeoutMs?: number;
  /** Opening the tunnel plus the startup handshake. */
  connectTimeoutMs?: number;
  passwordEnv?: PasswordEnv;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;

/** An error from the server (has a SQLSTATE) rather than from the transport. */
export function sqlState(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** One line an operator can read; the host prefix of HostErrors is dropped (the pane names the host). */
export function dbErrorText(e: unknown, host: string): string {
  let msg = e instanceof Error ? e.message : String(e);
  if (msg.startsWith(`${host}: `)) msg = msg.slice(host.length + 2);
  msg = msg.replace(/\s+/g, ' ').trim();
  if (msg === 'Connection terminated unexpectedly') msg = 'connection lost';
  return msg || 'unknown error';
}

/**
 * pg's Connection calls stream.connect(port, host) and waits for 'connect'.
 * The Host hands over a stream that is already connected, so connecting is
 * only announced; setNoDelay/setKeepAlive are no-ops on an SSH channel.
 */
function preconnected(stream: Duplex): Duplex {
  const s = stream as Duplex & Record<string, unknown>;
  s.connect = () => {
    process.nextTick(() => s.emit('connect'));
    return s;
  };
  if (typeof s.setNoDelay !== 'function') s.setNoDelay = () => s;
  if (typeof s.setKeepAlive !== 'function') s.setKeepAlive = () => s;
  return s;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string, onLate: (v: T) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  return Promise.race([
    p.then((v) => {
      if (late) onLate(v);
      return v;
    }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        late = true;
        reject(new Error(`${what}: no answer within ${ms / 1000} s`));
      }, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A session that found no password for its server tries the server itself again this often (it may stop asking). */
export const NO_PASSWORD_RECHECK_MS = 60_000;

const noPasswordText = (user: string, why: string) => `no password for ${user}: ${why}`;

export class PgSession {
  private client: Client | null = null;
  /** When the server last asked for a password the lookup did not have; null once one was found or never asked. */
  private noPasswordAt: number | null = null;
  private opening: Promise<Client> | null = null;
  private closed = false;
  /** Bumped on every new connection: features switched off are retried on a new one. */
  generation = 0;
  /** Our backend's pid on the current connection. */
  ownPid: number | null = null;
  readonly label: string;
  private readonly statementTimeoutMs: number;
  private readonly connectTimeoutMs: number;

  constructor(
    private readonly host: Host,
    private readonly target: PostgresTarget,
    private readonly opts: PgSessionOptions = {},
  ) {
    this.label = targetLabel(target);
    this.statementTimeoutMs = opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
  }

  async query<R extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    const client = await this.connect();
    try {
      const res = await client.query<R>(sql, params);
      return res.rows;
    } catch (e) {
      // A server error leaves the connection usable; anything else does not.
      if (sqlState(e) === null || sqlState(e)?.startsWith('57P') || sqlState(e)?.startsWith('08')) this.drop(client);
      throw e;
    }
  }

  /** Whether a connection is open now (no I/O). */
  connected(): boolean {
    return this.client !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    const c = this.client;
    this.client = null;
    if (c) await c.end().catch(() => {});
  }

  private connect(): Promise<Client> {
    if (this.closed) return Promise.reject(new Error('database session closed'));
    if (this.client) return Promise.resolve(this.client);
    this.opening ??= this.open().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  private async open(): Promise<Client> {
    const t = this.target;
    const passwordEnv = this.opts.passwordEnv ?? { env: process.env };
    const now = (passwordEnv.now ?? Date.now)();
    // The server asked for a password we do not have: until the lookup finds one
    // (the pgpass file is read once per retry round, for every host), retrying
    // fails the same way, so it opens no tunnel and starts no server process —
    // except once a recheck period, should the server stop asking.
    if (this.noPasswordAt !== null && now - this.noPasswordAt < NO_PASSWORD_RECHECK_MS && now >= this.noPasswordAt) {
      const found = await lookupPassword(t, passwordEnv);
      if (found.password === null) throw new Error(noPasswordText(t.user, found.why));
    }
    this.noPasswordAt = null;
    const { default: pg } = await import('pg');
    const stream = await withTimeout(this.host.openTcp(t.host, t.port), this.connectTimeoutMs, `opening ${t.host}:${t.port}`, (s) => s.destroy());
    const client = new pg.Client({
      stream: () => preconnected(stream),
      host: t.host,
      port: t.port,
      user: t.user,
      database: t.database,
      // Asked for only when the server wants one; pg never sees our environment or ~/.pgpass itself.
      password: async () => {
        const found = await lookupPassword(t, passwordEnv);
        if (found.password === null) {
          this.noPasswordAt = now;
          throw new Error(noPasswordText(t.user, found.why));
        }
        return found.password;
      },
      ssl: false,
      application_name: APPLICATION_NAME,
      statement_timeout: this.statementTimeoutMs,
      // Catalog reads (sizes) wait for no one's ALTER TABLE.
      lock_timeout: Math.min(1000, this.statementTimeoutMs),
      // Client-side too: a tunnel that goes silent must not hold a poll forever.
      query_timeout: this.statementTimeoutMs + 5_000,
      connectionTimeoutMillis: this.connectTimeoutMs,
    });
    // Without a listener, an error on an idle client (server shut down) would crash the cockpit.
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
      const rows = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      this.ownPid = rows.rows[0]?.pid ?? null;
    } catch (e) {
      stream.destroy();
      throw e;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      throw new Error('database session closed');
    }
    this.generation++;
    this.client = client;
    return client;
  }

  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.ownPid = null;
    client.end().catch(() => {});
  }
}
