import { round1 } from './round';

export interface MemoryFigures {
  memTotalBytes: number;
  memAvailableBytes: number;
  /** (total − available) / total: memory that cannot be handed to a new workload. */
  memoryPercent: number;
  swapTotalBytes: number;
  swapFreeBytes: number;
  /** null when the host has no swap: 0 % would read as "swap fine", which it is not. */
  swapPercent: number | null;
  /** true when MemAvailable was missing (kernels before 3.14) and had to be estimated. */
  availableEstimated: boolean;
}

/** /proc/meminfo as a map of field → bytes (the file says kB and means KiB). */
export function parseMeminfoFields(text: string): Map<string, number> {
  const fields = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z0-9_()]+):\s+(\d+)(\s+kB)?$/.exec(line.trim());
    if (!m) continue;
    const n = Number(m[2]);
    // Counters such as HugePages_Total batch no unit and stay counts.
    fields.set(m[1]!, m[3] ? n * 1024 : n);
  }
  return fields;
}

/** Memory and swap figures, or null when MemTotal is missing or zero. */
export function parseMeminfo(text: string): MemoryFigures | null {
  const f = parseMeminfoFields(text);
  const total = f.get('MemTotal');
  if (!total) return null;
  let available = f.get('MemAvailable');
  const availableEstimated = available === undefined;
  // Pre-3.14 kernels: the classic `free` estimate. It overstates a little (not
  // all cache is reclaimable) but it is what tools of that era showed.
  available ??= (f.get('MemFree') ?? 0) + (f.get('Buffers') ?? 0) + (f.get('Cached') ?? 0);
  available = Math.min(available, total);
  const swapTotal = f.get('SwapTotal') ?? 0;
  const swapFree = Math.min(f.get('SwapFree') ?? 0, swapTotal);
  return {
    memTotalBytes: total,
    memAvailableBytes: available,
    memoryPercent: round1(((total - available) / total) * 100),
    swapTotalBytes: swapTotal,
    swapFreeBytes: swapFree,
    swapPercent: swapTotal > 0 ? round1(((swapTotal - swapFree) / swapTotal) * 100) : null,
    availableEstimated,
  };
}
