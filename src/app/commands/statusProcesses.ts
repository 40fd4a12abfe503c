/**
 * `riskctl status`: each host's "processes", the ten using the most CPU now.
 * A host whose processes cannot be read reports null there and everything
 * else as usual; it does not fail the check.
 */
import type { Host } from '../../hosts/Host';
import { topByCpu } from '../../services/processes/processesReading';
import { readProcessesOnce } from '../../services/processes/readProcessesOnce';
import type { ProcessJson, StatusReport } from '../../services/statusReport';

const PROCESSES_TIMEOUT_MS = 10_000;
const TOP = 10;

/** Fills processes on every host of the report (in place). */
export async function withProcesses(report: StatusReport, hosts: Map<string, Host>): Promise<void> {
  await Promise.all(
    report.hosts.map(async (h) => {
      const host = hosts.get(h.name);
      if (!host || h.state !== 'connected') {
        h.processes = null;
        return;
      }
      try {
        const all = await readProcessesOnce(host, PROCESSES_TIMEOUT_MS);
        h.processes = topByCpu(all, TOP).map((p): ProcessJson => ({
          pid: p.pid,
          user: p.user,
          cpuPercent: p.cpuPercent,
          memPercent: p.memPercent,
          rssBytes: p.rssBytes,
          command: p.command,
        }));
      } catch {
        h.processes = null;
      }
    }),
  );
}
