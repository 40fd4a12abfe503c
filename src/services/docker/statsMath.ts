/**
 * Container CPU and memory from Docker's one-shot stats, the way `docker
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
  return { cpuPercent, memoryBytes: usage, memoryLimitBytes: m.limit ?? 0 };
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
