/**
 * The panes' snapshots — database (HostEntry.database, .backups), services
 * and health (HostEntry.services, .health) — as rule input. Typed structurally — only the fields the rules read — so the
 * alerts neither import nor break on the rest of the pane's shape.
 */
import type { Snapshot } from '../types';
import type { BackupsInput, DatabaseInput, HealthInput, ServiceInput } from './inputs';

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

/** Whatever of the panes' fields a host entry carries (absent before their issues land, or on hosts without them). */
export interface PaneFields {
  services?: Snapshot<{ containers: ContainerLike[] }>;
  health?: Snapshot<HealthInput[]>;
  databaseTarget?: string | null;
  database?: Snapshot<DbLike>;
  backups?: Snapshot<BackupsLike>;
}

/**
 * A host without `postgres:` never gets a database reading: no database
 * rules. Never read yet: no judgement. A failed read is the database
 * unavailable (the pane keeps the last figures, the rule does not).
 */
export function databaseInput(e: PaneFields): DatabaseInput | undefined {
  const s = e.database;
  if (!s || e.databaseTarget === null && s.data === null && s.error === null) return undefined;
  if (s.error !== null) return { available: false, error: s.error, connections: null, longQueries: [], cacheHitRatio: null };
  if (!s.data) return undefined;
  const d = s.data;
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
 * compose project is someone's one-off. A failed read leaves no judgement:
 * an unreachable host or Docker daemon is its own alert.
 */
export function servicesInput(e: PaneFields): { items: ServiceInput[]; error: string | null } | undefined {
  const d = e.services?.data;
  if (!d) return undefined;
  const items = d.containers
    .filter((c) => c.project !== null)
    .map((c) => ({ name: c.service ?? c.name, state: c.state, health: c.health, project: c.project }));
  return { items, error: e.services?.error ?? null };
}

export function healthInput(e: PaneFields): HealthInput[] | undefined {
  return e.health?.data ?? undefined;
}
