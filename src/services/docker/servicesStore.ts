/**
 * The services pane's writes into the live store (HostEntry.services and
 * .health). Each setter returns an empty patch when nothing changed, so an
 * idle engine costs no frame.
 */
import { patchHost, type LiveStore } from '../liveStore';
import type { ContainerInfo, ContainerStats, HealthResult } from './types';

function sameContainers(a: readonly ContainerInfo[], b: readonly ContainerInfo[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    // "Up 3 minutes" moves on by itself; the screen works uptime out from startedAt.
    if (
      x.id !== y.id ||
      x.state !== y.state ||
      x.health !== y.health ||
      x.restarts !== y.restarts ||
      x.startedAt !== y.startedAt ||
      x.exitCode !== y.exitCode ||
      x.healthLog !== y.healthLog ||
      x.name !== y.name ||
      x.image !== y.image ||
      x.ports.join() !== y.ports.join()
    ) {
      return false;
    }
  }
  return true;
}

/** A successful refresh. updatedAt moves only when something changed or the last write was an error. */
export function setServices(store: LiveStore, host: string, engine: string | null, containers: ContainerInfo[], events: boolean, at = Date.now()): void {
  patchHost(store, host, (h) => {
    const cur = h.services;
    if (cur.data && cur.error === null && cur.data.engine === engine && cur.data.events === events && sameContainers(cur.data.containers, containers)) {
      // Unchanged: refresh updatedAt at most every 10 s, so "stale" still means stale.
      return at - (cur.updatedAt ?? 0) < 10_000 ? {} : { services: { ...cur, updatedAt: at } };
    }
    const ids = new Set(containers.map((c) => c.id));
    const stats = Object.fromEntries(Object.entries(cur.data?.stats ?? {}).filter(([id]) => ids.has(id)));
    return { services: { data: { engine, containers, events, stats }, updatedAt: at, error: null } };
  });
}

/** The engine could not be read: the last list stays (marked by the error), with the reason. */
export function setServicesError(store: LiveStore, host: string, error: string): void {
  patchHost(store, host, (h) =>
    h.services.error === error ? {} : { services: { ...h.services, error, data: h.services.data && { ...h.services.data, events: false } } },
  );
}

export function setServicesEvents(store: LiveStore, host: string, live: boolean): void {
  patchHost(store, host, (h) =>
    !h.services.data || h.services.data.events === live ? {} : { services: { ...h.services, data: { ...h.services.data, events: live } } },
  );
}

/** Figures that would draw the same (whole percent, memory within 1 %) are not a change worth a frame. */
function sameStats(a: Record<string, ContainerStats>, b: Record<string, ContainerStats>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((id) => {
    const x = a[id]!;
    const y = b[id];
    if (!y) return false;
    const cpu = x.cpuPercent === null || y.cpuPercent === null ? x.cpuPercent === y.cpuPercent : Math.round(x.cpuPercent) === Math.round(y.cpuPercent);
    return cpu && Math.abs(x.memoryBytes - y.memoryBytes) <= Math.max(x.memoryBytes, y.memoryBytes) * 0.01;
  });
}

export function setContainerStats(store: LiveStore, host: string, stats: Record<string, ContainerStats>): void {
  patchHost(store, host, (h) =>
    !h.services.data || sameStats(h.services.data.stats, stats) ? {} : { services: { ...h.services, data: { ...h.services.data, stats } } },
  );
}

function sameHealth(a: readonly HealthResult[], b: readonly HealthResult[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      // Latency moves every check; a change under 20 % is not worth a frame.
      const lat =
        x.latencyMs === null || y.latencyMs === null ? x.latencyMs === y.latencyMs : Math.abs(x.latencyMs - y.latencyMs) <= Math.max(2, x.latencyMs * 0.2);
      return x.name === y.name && x.ok === y.ok && x.status === y.status && x.error === y.error && lat;
    })
  );
}

export function setHealth(store: LiveStore, host: string, results: HealthResult[], at = Date.now()): void {
  patchHost(store, host, (h) =>
    h.health.data && h.health.error === null && sameHealth(h.health.data, results) && at - (h.health.updatedAt ?? 0) < 10_000
      ? {}
      : { health: { data: results, updatedAt: at, error: null } },
  );
}

export function setHealthError(store: LiveStore, host: string, error: string): void {
  patchHost(store, host, (h) => (h.health.error === error ? {} : { health: { ...h.health, error } }));
}
