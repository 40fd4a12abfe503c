export interface LoadAverage {
  load1: number;
  load5: number;
  load15: number;
  /** Runnable scheduling entities now (the "3" of "3/467"); null if absent. */
  running: number | null;
  /** All scheduling entities (threads) on the host; null if absent. */
  threads: number | null;
}

/** Parses /proc/loadavg ("0.52 0.58 0.59 3/467 12345"); null when it is not that. */
export function parseLoadavg(text: string): LoadAverage | null {
  const parts = text.trim().split(/\s+/);
  const loads = parts.slice(0, 3).map(Number);
  if (loads.length < 3 || loads.some((n) => !Number.isFinite(n) || n < 0)) return null;
  const rt = /^(\d+)\/(\d+)$/.exec(parts[3] ?? '');
  return {
    load1: loads[0]!,
    load5: loads[1]!,
    load15: loads[2]!,
    running: rt ? Number(rt[1]) : null,
    threads: rt ? Number(rt[2]) : null,
  };
}
