import { isLineBlank, skipLineBlanks, readCounters } from './counterFields';
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

const isDigit = (c: number) => c >= 48 && c <= 57;
/** The aggregate line's counters (user … guest_nice and any the kernel adds), read into one array reused per call. */
const MAX_COLUMNS = 16;
const agg: number[] = [];

/**
 * Parses /proc/stat. Old kernels print fewer columns (steal since 2.6.11,
 * guest since 2.6.24, guest_nice since 2.6.33): missing ones count as 0.
 * Returns null when there is no usable aggregate line. The text is scanned in
 * place (a `cpuN` line is counted, not copied): a 64-CPU host's sample
 * allocates one line, the aggregate's.
 */
export function parseProcStat(text: string): CpuSample | null {
  let found = false;
  let ok = false;
  let cpuCount = 0;
  let from = 0;
  while (from < text.length) {
    let eol = text.indexOf('\n', from);
    if (eol === -1) eol = text.length;
    const i = skipLineBlanks(text, from, eol);
    if (text.startsWith('cpu', i)) {
      let j = i + 3;
      if (j < eol && isDigit(text.charCodeAt(j))) {
        // cpuN and a blank: one online CPU.
        while (j < eol && isDigit(text.charCodeAt(j))) j++;
        if (j < eol && isLineBlank(text.charCodeAt(j))) {
          // "cpu0" and trailing blanks alone is not a CPU's line.
          if (skipLineBlanks(text, j, eol) < eol) cpuCount++;
        }
      } else if (!found && j < eol && isLineBlank(text.charCodeAt(j))) {
        let end = eol;
        while (end > j && isLineBlank(text.charCodeAt(end - 1))) end--;
        // "cpu" and trailing blanks alone is not the aggregate line: a later one may be.
        if (end > j) {
          found = true;
          ok = readCounters(text.slice(j, end), 0, agg, MAX_COLUMNS);
        }
      }
    }
    from = eol + 1;
  }
  // user nice system idle are present on every kernel that has /proc/stat.
  if (!found || !ok || agg.length < 4) return null;
  const idle = agg[3]!;
  const iowait = agg[4] ?? 0;
  const steal = agg[7] ?? 0;
  return {
    // user nice system idle iowait irq softirq steal
    total: agg[0]! + agg[1]! + agg[2]! + idle + iowait + (agg[5] ?? 0) + (agg[6] ?? 0) + steal,
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
