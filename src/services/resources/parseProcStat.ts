import { round1 } from './round';

/**
 * One reading of the cumulative CPU counters (USER_HZ ticks since boot) from
 * the aggregate `cpu` line of /proc/stat. Percentages only exist as the
 * difference of two readings.
 */
export interface CpuSample {
  /** user+nice+system+idle+iowait+irq+softirq+steal. guest/guest_nice are left
   * out: the kernel already counts them inside user/nice. */
  total: number;
  /** idle + iowait: time no task ran on the CPU. */
  idle: number;
  iowait: number;
  steal: number;
  /** How many `cpuN` lines followed: the online CPUs. */
  cpuCount: number;
}

const CPU_LINE = /^cpu\s+(.*)$/;
const PER_CPU_LINE = /^cpu\d+\s/;

/**
 * Parses /proc/stat. Old kernels print fewer columns (steal since 2.6.11,
 * guest since 2.6.24, guest_nice since 2.6.33): missing ones count as 0.
 * Returns null when there is no usable aggregate line.
 */
export function parseProcStat(text: string): CpuSample | null {
  let agg: number[] | null = null;
  let cpuCount = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (PER_CPU_LINE.test(line)) {
      cpuCount++;
      continue;
    }
    const m = CPU_LINE.exec(line);
    if (m && agg === null) agg = m[1]!.trim().split(/\s+/).map(Number);
  }
  // user nice system idle are present on every kernel that has /proc/stat.
  if (!agg || agg.length < 4 || agg.some((n) => !Number.isFinite(n) || n < 0)) return null;
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = agg;
  return {
    total: user + nice + system + idle + iowait + irq + softirq + steal,
    idle: idle + iowait,
    iowait,
    steal,
    cpuCount,
  };
}

export interface CpuUsage {
  /** Busy share: everything but idle and iowait (steal counts as busy, as in top's 100 − id). */
  percent: number;
  iowait: number;
  steal: number;
}

/**
 * CPU usage between two samples, or null when it cannot be known: the same
 * sample twice (no time passed) or counters that went backwards (the host
 * rebooted between polls, or a hotplugged CPU took its ticks with it).
 */
export function cpuUsage(prev: CpuSample, cur: CpuSample): CpuUsage | null {
  const dt = cur.total - prev.total;
  if (!(dt > 0)) return null;
  // Single columns may step back a little (iowait is known to on NO_HZ kernels):
  // clamp each share into [0, dt] instead of printing negative or >100 %.
  const share = (d: number) => round1((Math.min(Math.max(d, 0), dt) / dt) * 100);
  return {
    percent: round1(100 - share(cur.idle - prev.idle)),
    iowait: share(cur.iowait - prev.iowait),
    steal: share(cur.steal - prev.steal),
  };
}

/** Busy CPU % between two samples; null when no previous sample or no usable delta. */
export function cpuPercent(prev: CpuSample | null, cur: CpuSample | null): number | null {
  if (!prev || !cur) return null;
  return cpuUsage(prev, cur)?.percent ?? null;
}
