import type { ProcessInfo } from './ProcessInfo';
import { parsePidStat, type PidTicks } from './parsePidStat';
import { PS_COMMAND, parsePsLines } from './parsePsLines';
import { MARK } from './processesScript';

/** USER_HZ: the unit of /proc/PID/stat's times; 100 on every Linux architecture in use. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** One reading as the host printed it, parsed. */
export interface ProcessesReading {
  /** Seconds since boot when the ticks were read; null when /proc/uptime was unreadable. */
  uptimeSeconds: number | null;
  ticks: Map<number, PidTicks>;
  /** CPU % here is ps's lifetime average; `withCurrentCpu` replaces it. */
  processes: ProcessInfo[];
}

/**
 * Splits a text into complete readings (a marker-delimited block ending with
 * the end marker). Returns them and the text after the last complete one, to
 * prepend to the next chunk of a stream.
 */
export function splitReadings(text: string): { readings: ProcessesReading[]; rest: string } {
  const readings: ProcessesReading[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf(`${MARK.uptime}\n`, from);
    if (start < 0) break;
    const end = text.indexOf(`\n${MARK.end}\n`, start);
    if (end < 0) return { readings, rest: text.slice(start) };
    readings.push(parseReading(text.slice(start, end + 1)));
    from = end + MARK.end.length + 2;
  }
  return { readings, rest: '' };
}

function section(block: string, mark: string, next: string): string {
  const a = block.indexOf(`${mark}\n`);
  if (a < 0) return '';
  const b = block.indexOf(`\n${next}\n`, a);
  return block.slice(a + mark.length + 1, b < 0 ? undefined : b + 1);
}

function parseReading(block: string): ProcessesReading {
  const up = Number(section(block, MARK.uptime, MARK.ticks).trim().split(/\s+/)[0]);
  const ticks = parsePidStat(section(block, MARK.ticks, MARK.ps));
  // The reading's own ps is left out: born for the reading, its lifetime CPU % is near 100 and would top every list.
  const processes = parsePsLines(section(block, MARK.ps, MARK.end)).filter((p) => p.command !== PS_COMMAND);
  for (const p of processes) {
    const t = ticks.get(p.pid);
    if (t) p.startTicks = t.startTicks;
  }
  return { uptimeSeconds: Number.isFinite(up) && up > 0 ? up : null, ticks, processes };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The processes of `now` with cpuPercent as the CPU used since `before`:
 * the difference of utime+stime over the difference of uptime. A process
 * born since `before` (absent from it, or its PID reused: the start time
 * differs, and the start is after `before`'s uptime) spent all its ticks in
 * the interval, so they are its share of it, as htop counts. Any other
 * process absent from either reading keeps ps's lifetime figure, which for a
 * process a few ticks old can read several hundred per cent.
 */
export function withCurrentCpu(before: ProcessesReading | null, now: ProcessesReading): ProcessInfo[] {
  const wall = before?.uptimeSeconds != null && now.uptimeSeconds != null ? now.uptimeSeconds - before.uptimeSeconds : 0;
  if (!before || wall <= 0) return now.processes;
  const since = before.uptimeSeconds! * CLOCK_TICKS_PER_SECOND;
  const percent = (ticks: number) => round1((ticks / CLOCK_TICKS_PER_SECOND / wall) * 100);
  return now.processes.map((p) => {
    const a = before.ticks.get(p.pid);
    const b = now.ticks.get(p.pid);
    if (!b) return p;
    if ((!a || a.startTicks !== b.startTicks) && b.startTicks >= since) return { ...p, cpuPercent: percent(b.ticks) };
    if (!a || a.startTicks !== b.startTicks || b.ticks < a.ticks) return p;
    return { ...p, cpuPercent: percent(b.ticks - a.ticks) };
  });
}

/** The n processes using the most CPU, highest first; ties by PID. */
export function topByCpu(processes: readonly ProcessInfo[], n: number): ProcessInfo[] {
  return [...processes].sort((a, b) => b.cpuPercent - a.cpuPercent || a.pid - b.pid).slice(0, n);
}
