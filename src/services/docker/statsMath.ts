/**
 * Container CPU, memory, network and block I/O from Docker's one-shot stats, the way `docker
 * stats` computes them. One-shot samples carry no previous sample (that is
 * what makes them cheap: no one-second wait in the engine), so CPU % is
 * worked out between this sample and the one taken on the previous poll.
 */
import type Dockerode from 'dockerode';
import type { ContainerStats } from './types';

/** The part of GET /containers/{id}/stats we read. */
export interface RawStats {
  cpu_stats?: {
    cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
    system_cpu_usage?: number;
    online_cpus?: number;
  };
  memory_stats?: {
    usage?: number;
    limit?: number;
    stats?: Record<string, number | undefined>;
  };
  /** Per network of the container; absent with the host's network. */
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number } | undefined> | null;
  blkio_stats?: { io_service_bytes_recursive?: Array<{ op?: string; value?: number }> | null };
}

/** NET I/O as `docker stats` adds it up: every network of the container; null when it has none of its own. */
export function networkBytes(s: RawStats): { rx: number | null; tx: number | null } {
  const nets = Object.values(s.networks ?? {});
  if (nets.length === 0) return { rx: null, tx: null };
  return { rx: nets.reduce((n, x) => n + (x?.rx_bytes ?? 0), 0), tx: nets.reduce((n, x) => n + (x?.tx_bytes ?? 0), 0) };
}

/**
 * BLOCK I/O as `docker stats` adds it up: the Read and Write entries (cgroup
 * v1 "Read", v2 "read"); an empty list is no I/O yet (cgroup v2 lists only
 * devices used), no blkio_stats at all is null.
 */
export function blockBytes(s: RawStats): { read: number | null; write: number | null } {
  if (!s.blkio_stats) return { read: null, write: null };
  const rows = s.blkio_stats.io_service_bytes_recursive ?? [];
  const sum = (op: string) => rows.filter((r) => r.op?.toLowerCase() === op).reduce((n, r) => n + (r.value ?? 0), 0);
  return { read: sum('read'), write: sum('write') };
}

export interface CpuSample {
  total: number;
  system: number;
}

export function cpuSample(s: RawStats): CpuSample | null {
  const total = s.cpu_stats?.cpu_usage?.total_usage;
  const system = s.cpu_stats?.system_cpu_usage;
  return typeof total === 'number' && typeof system === 'number' ? { total, system } : null;
}

export function statsFrom(s: RawStats, prev: CpuSample | null): ContainerStats {
  const cur = cpuSample(s);
  const cpus = s.cpu_stats?.online_cpus || s.cpu_stats?.cpu_usage?.percpu_usage?.length || 1;
  let cpuPercent: number | null = null;
  if (cur && prev) {
    const dTotal = cur.total - prev.total;
    const dSystem = cur.system - prev.system;
    cpuPercent = dSystem > 0 && dTotal >= 0 ? (dTotal / dSystem) * cpus * 100 : null;
  }
  const m = s.memory_stats ?? {};
  // Page cache is reclaimable: docker stats leaves it out (cgroup v1 total_inactive_file, v2 inactive_file).
  const cache = m.stats?.total_inactive_file ?? m.stats?.inactive_file ?? 0;
  const usage = Math.max(0, (m.usage ?? 0) - (cache < (m.usage ?? 0) ? cache : 0));
  const net = networkBytes(s);
  const block = blockBytes(s);
  return {
    cpuPercent,
    memoryBytes: usage,
    memoryLimitBytes: m.limit ?? 0,
    netRxBytes: net.rx,
    netTxBytes: net.tx,
    blockReadBytes: block.read,
    blockWriteBytes: block.write,
  };
}

/**
 * One-shot stats of these containers, CPU % against `prev` (updated in place:
 * the samples of this round become the next round's previous ones).
 */
export async function readStats(
  d: Dockerode,
  ids: readonly string[],
  prev: Map<string, CpuSample>,
  signal: AbortSignal,
): Promise<Record<string, ContainerStats>> {
  const out: Record<string, ContainerStats> = {};
  await Promise.all(
    ids.map(async (id) => {
      try {
        const raw = (await d.getContainer(id).stats({ stream: false, 'one-shot': true, abortSignal: signal } as never)) as unknown as RawStats;
        out[id] = statsFrom(raw, prev.get(id) ?? null);
        const s = cpuSample(raw);
        if (s) prev.set(id, s);
      } catch {
        // A container that stopped meanwhile simply has no figures this time.
      }
    }),
  );
  for (const id of prev.keys()) if (!(id in out)) prev.delete(id);
  return out;
}
