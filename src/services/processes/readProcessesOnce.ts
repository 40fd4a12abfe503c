import type { Host } from '../../hosts/Host';
import type { ProcessInfo } from './ProcessInfo';
import { splitReadings, withCurrentCpu } from './processesReading';
import { processesOnceCommand } from './processesScript';

/**
 * A host's processes with their current CPU %: two readings half a second
 * apart, in one exec. Rejects with the host's own words when the command
 * gives no reading (no ps, no /proc).
 */
export async function readProcessesOnce(host: Host, timeoutMs: number): Promise<ProcessInfo[]> {
  const r = await host.exec(processesOnceCommand, { timeoutMs });
  const { readings } = splitReadings(r.stdout);
  const last = readings.at(-1);
  if (!last || last.processes.length === 0) {
    const why = r.timedOut ? `no answer within ${timeoutMs / 1000} s` : r.stderr.trim().split('\n')[0] || `exit ${r.code}`;
    throw new Error(`${host.name}: processes unreadable (${why})`);
  }
  return withCurrentCpu(readings.length > 1 ? readings[0]! : null, last);
}
