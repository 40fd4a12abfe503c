/**
 * The panes' snapshots — database and backups, services and health — as rule
 * input: the one mapping from a host's readings to what the rules read. The
 * cockpit hands in its live-store entry (fromHostEntry.ts), the headless
 * commands the same snapshots made from one reading (evaluateOnce.ts), so a
 * fault reads the same in `status`, `alerts` and the cockpit. Typed
 * structurally — only the fields the rules read — so the alerts neither
 * import nor break on the rest of a pane's shape.
 */
import type { HostState } from '../../hosts/Host';
import { DOCKER_UNAVAILABLE } from '../docker/dockerErrors';
import type { Snapshot } from '../types';
import type { HostFacts } from '../hostFacts/hostFacts';
import type { AlertResources, BackupsInput, DatabaseInput, HealthInput, HostAlertInput, ServicesInputs } from './inputs';

export interface DbLike {
  connections: { total: number; max: number };
  longRunning: Array<{ pid: number; durationSeconds: number | null; query: string | null; user: string | null; state: string | null }>;
  cacheHitRatio: number | null;
}

export interface BackupsLike {
  dir: string;
  newest: { path: string; ageSeconds: number } | null;
}

export interface ContainerLike {
  name: string;
  project: string | null;
  service: string | null;
  state: string;
  health: string | null;
}

/** Whatever of the panes' fields a host carries (absent on hosts without them). */
export interface PaneFields {
  services?: Snapshot<{ containers: ContainerLike[] }>;
  health?: Snapshot<HealthInput[]>;
  /** Non-null: the host has a `postgres:` entry. */
  databaseTarget?: string | null;
  database?: Snapshot<DbLike>;
  backups?: Snapshot<BackupsLike>;
  /** The host's `docker:` is written in the config: an engine is expected there. */
  dockerConfigured?: boolean;
}

/** The host itself: its connection and its resource figures (null when stale or unread). */
export interface HostBase {
  name: string;
  state: HostState;
  error: string | null;
  wanted: boolean;
  resources: AlertResources | null;
}

const DB_PREFIX = 'database unavailable: ';
/** The pane's error says "database unavailable: why"; the rule says that itself, so it takes the why. */
const dbReason = (e: string) => (e.startsWith(DB_PREFIX) ? e.slice(DB_PREFIX.length) : e);

/**
 * A host without `postgres:` gets no database rules. Never read yet, or
 * figures older than `maxAgeMs`: no judgement (a rule would fire on what WAS).
 * A failed read is the database unavailable (the pane keeps the last
 * figures, the rule does not).
 */
export function databaseInput(e: PaneFields, now?: number, maxAgeMs?: number): DatabaseInput | undefined {
  const s = e.database;
  if (!s || (e.databaseTarget == null && s.data === null && s.error === null)) return undefined;
  if (s.error !== null) return { available: false, error: dbReason(s.error), connections: null, longQueries: [], cacheHitRatio: null };
  const d = s.data;
  if (!d) return undefined;
  if (now !== undefined && maxAgeMs !== undefined && (s.updatedAt === null || now - s.updatedAt > maxAgeMs)) return undefined;
  return {
    available: true,
    error: null,
    connections: d.connections.total,
    maxConnections: d.connections.max,
    longQueries: d.longRunning
      .filter((q) => q.durationSeconds !== null)
      .map((q) => ({ pid: q.pid, seconds: q.durationSeconds!, query: q.query ?? `(${q.state ?? 'hidden'})`, user: q.user })),
    cacheHitRatio: d.cacheHitRatio,
  };
}

export function backupsInput(e: PaneFields): BackupsInput | undefined {
  const s = e.backups;
  if (!s) return undefined;
  if (!s.data || s.updatedAt === null) return s.error ? { dir: '', newestAt: null, newestName: null, error: s.error } : undefined;
  const n = s.data.newest;
  return {
    dir: s.data.dir,
    newestAt: n ? s.updatedAt - n.ageSeconds * 1000 : null,
    newestName: n ? n.path : null,
    error: s.error,
  };
}

/**
 * Compose containers only (the platform's services); a container outside any
 * compose project is someone's one-off. While the engine cannot be read the
 * last list stays, with the error: the rules keep judging it, marked stale,
 * and say the engine is down where one is expected — configured, or seen
 * answering (a list was read) since start.
 */
export function servicesInput(e: PaneFields): ServicesInputs | undefined {
  const s = e.services;
  if (!s || (s.data === null && s.error === null)) return undefined;
  const items = (s.data?.containers ?? [])
    .filter((c) => c.project !== null)
    .map((c) => ({ name: c.service ?? c.name, state: c.state, health: c.health, project: c.project }));
  return {
    items,
    error: s.error,
    engineDown: s.error !== null && s.error.startsWith(`${DOCKER_UNAVAILABLE}:`),
    engineExpected: e.dockerConfigured === true || s.data !== null,
  };
}

export function healthInput(e: PaneFields): HealthInput[] | undefined {
  return e.health?.data ?? undefined;
}

/**
 * A host's readings → the rules' input. Figures older than `maxAgeMs` are
 * not judged. The database pane's backups reading wins over the facts'.
 */
export function inputFromPanes(base: HostBase, panes: PaneFields, facts: HostFacts | undefined, now: number, maxAgeMs: number): HostAlertInput {
  const database = databaseInput(panes, now, maxAgeMs);
  const backups = backupsInput(panes) ?? facts?.backups;
  const services = servicesInput(panes);
  const health = healthInput(panes);
  return {
    ...base,
    ...(database ? { database } : {}),
    ...(services ? { services } : {}),
    ...(health ? { health } : {}),
    ...(facts?.certificates ? { certificates: facts.certificates } : {}),
    ...(backups ? { backups } : {}),
  };
}
