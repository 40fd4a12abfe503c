/**
 * The database pane's service: per host with a `postgres:` entry, a session
 * through the host, a collector, and two pollers — `database` on the refresh
 * interval (the overview's column and the alert rules need every host's
 * summary) and `backups` (the newest file of the backups folder, read through
 * the Host: an exec there), once a minute for the host the database screen
 * shows and every five minutes for the others, whose listing only the alert
 * rules read (a backup's age counts in hours). Carries out cancel/terminate
 * for the screens.
 */
import type { Host } from '../../hosts/Host';
import type { HostConfig, PostgresTarget } from '../../hosts/HostConfig';
import type { AuditLog } from '../AuditLog';
import { readHostFacts } from '../hostFacts/hostFacts';
import type { BatchedCommandQueue, BatchedCommandQueues } from '../resources/BatchedCommandQueue';
import { setBackups, setDatabase, setDatabaseError, type LiveStore } from '../liveStore';
import type { Poller } from '../Monitor';
import { signalBackend } from './backendSignal';
import { DatabaseCollector } from './DatabaseCollector';
import { dbErrorText, PgSession, type PgSessionOptions } from './PgSession';
import type { BackendSignal, BackendSignalResult, BackupsSnapshot, DatabaseActions } from './types';
import { DAEMON_RETRY_MAX_MS, SLOW_FACTS_FIRST_DELAY_MS, SLOW_FACTS_INTERVAL_MS } from '../refreshTiming';

/** Slow figures while the database screen shows the host, and otherwise. */
export const SLOW_DETAIL_MS = 10_000;
export const SLOW_IDLE_MS = 60_000;
export const BACKUPS_INTERVAL_MS = 60_000;
/**
 * Longest wait between attempts while the database does not answer: the
 * alert rules read every host's database (and its screen may show it), so a
 * server that comes back is seen within this, like a reconnected SSH host.
 */
export const DATABASE_RETRY_MAX_MS = DAEMON_RETRY_MAX_MS;

export interface DatabaseServiceOptions {
  /** Seconds after which an active query or an open transaction is long-running (config longQueryMinutes × 60). */
  longQuerySeconds: number;
  intervalMs: number;
  audit?: AuditLog | null;
  session?: PgSessionOptions;
  /** Poll the database pollers now (the monitor's wake-up), e.g. when the screen changes. */
  wake?: () => void;
  /** The backups listing batchQueue along in the host's resources exec (one exec per poll). */
  batchQueue?: BatchedCommandQueues;
}

interface Entry {
  host: Host;
  target: PostgresTarget;
  backupsDir: string;
  session: PgSession;
  collector: DatabaseCollector;
  /** When the backups folder was last read (Date.now()), or null. */
  backupsReadAt: number | null;
}

export function unavailable(reason: string): string {
  return `database unavailable: ${reason}`;
}

export async function readBackups(
  host: Host,
  dir: string,
  postgres: PostgresTarget | undefined,
  signal?: AbortSignal,
  batchQueue?: BatchedCommandQueue,
): Promise<{ data: BackupsSnapshot | null; error: string | null }> {
  const facts = await readHostFacts(host, { certificates: [], backups: { dir }, postgres }, signal, batchQueue);
  const b = facts.backups;
  if (!b) return { data: null, error: null };
  if (b.error) return { data: null, error: `${dir}: ${b.error}` };
  const newest =
    b.newestAt !== null && b.newestName !== null
      ? { path: `${dir.replace(/\/+$/, '')}/${b.newestName}`, ageSeconds: Math.max(0, Math.round((Date.now() - b.newestAt) / 1000)) }
      : null;
  return { data: { dir, newest }, error: null };
}

export class DatabaseService implements DatabaseActions {
  private entries = new Map<string, Entry>();
  private detailHost: string | null = null;

  constructor(
    private readonly store: LiveStore,
    private readonly opts: DatabaseServiceOptions,
  ) {}

  /** The pollers for one host; none when it has no `postgres:` entry. */
  add(host: Host, cfg: Pick<HostConfig, 'postgres' | 'backups'>): Poller[] {
    if (!cfg.postgres) return [];
    const session = new PgSession(host, cfg.postgres, this.opts.session);
    const entry: Entry = { host, target: cfg.postgres, backupsDir: cfg.backups.dir, session, collector: new DatabaseCollector(session), backupsReadAt: null };
    this.entries.set(host.name, entry);
    return [this.databasePoller(entry), this.backupsPoller(entry)];
  }

  hostNames(): string[] {
    return [...this.entries.keys()];
  }

  /** The screen on view: the database screen's host gets its slow figures every 10 s, at once on arrival. */
  setView(view: { screen: string; host: string | null }): void {
    const h = view.screen === 'database' ? view.host : null;
    if (h === this.detailHost) return;
    this.detailHost = h;
    if (h !== null && this.entries.has(h)) this.opts.wake?.();
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.entries.values()].map((e) => e.session.close()));
  }

  async signalBackend(hostName: string, pid: number, how: BackendSignal, confirmed: boolean): Promise<BackendSignalResult> {
    const e = this.entries.get(hostName);
    const host = this.store.getState().hosts[hostName];
    const result = await signalBackend({
      host: hostName,
      session: e?.session ?? null,
      snapshot: host?.database.data ?? null,
      pid,
      how,
      confirmed,
      readOnly: this.store.getState().readOnly,
      audit: this.opts.audit ?? null,
    });
    if (result.ok) this.opts.wake?.();
    return result;
  }

  private databasePoller(e: Entry): Poller {
    const name = e.host.name;
    return {
      host: name,
      name: 'database',
      intervalMs: this.opts.intervalMs,
      maxBackoffMs: DATABASE_RETRY_MAX_MS,
      run: async () => {
        try {
          const snap = await e.collector.collect({
            longQuerySeconds: this.opts.longQuerySeconds,
            slowMaxAgeMs: this.detailHost === name ? SLOW_DETAIL_MS : SLOW_IDLE_MS,
          });
          setDatabase(this.store, name, snap);
        } catch (err) {
          setDatabaseError(this.store, name, unavailable(dbErrorText(err, name)));
          throw err;
        }
      },
    };
  }

  private backupsPoller(e: Entry): Poller {
    const name = e.host.name;
    return {
      host: name,
      name: 'backups',
      intervalMs: BACKUPS_INTERVAL_MS,
      firstDelayMs: () => (this.detailHost === name ? 0 : SLOW_FACTS_FIRST_DELAY_MS),
      run: async (signal) => {
        // Polled once a minute; a host off the database screen is read on every fifth.
        const now = Date.now();
        if (this.detailHost !== name && e.backupsReadAt !== null && now - e.backupsReadAt < SLOW_FACTS_INTERVAL_MS - BACKUPS_INTERVAL_MS / 2) return;
        e.backupsReadAt = now;
        const r = await readBackups(e.host, e.backupsDir, e.target, signal, this.opts.batchQueue?.for(name));
        setBackups(this.store, name, r.data, r.error);
      },
    };
  }
}
