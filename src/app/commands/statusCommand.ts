import { createHosts } from '../../hosts/createHosts';
import type { StatusReport } from '../../services/statusReport';
import type { Args } from '../args';
import { resolveConfig, stateDir } from '../resolveConfig';
import { countText } from './headlessAlerts';
import { readFleetOnce } from './readFleetOnce';
import { renderTable } from './renderTable';
import { printJson, printText, type CommandOutput } from './printOut';

/** "5/6 running", "engine down" (an engine expected there does not answer), "no docker" (none readable), "-" (host down): the services column. */
function servicesText(h: StatusReport['hosts'][number]): string {
  if (h.services) return `${h.services.filter((s) => s.state === 'running').length}/${h.services.length} running`;
  if (h.alerts?.some((a) => a.rule === 'docker-engine-down')) return 'engine down';
  return h.servicesError && h.state === 'connected' ? 'no docker' : '-';
}

const pct = (n: number | null | undefined) => (n === null || n === undefined ? '-' : `${n.toFixed(1)}%`);

function text(report: StatusReport): string {
  return renderTable(
    ['HOST', 'STATE', 'CPU', 'MEM', 'DISK', 'LOAD', 'SVC', 'DB', 'ALERTS', 'ERROR'],
    report.hosts.map((h) => {
      const r = h.resources;
      const worst = r?.disks.reduce((a, d) => (d.usedPercent > a.usedPercent ? d : a), r.disks[0]!);
      return [
        h.name,
        h.state,
        pct(r?.cpuPercent),
        pct(r?.memoryPercent),
        worst ? `${worst.usedPercent}% ${worst.mount}` : '-',
        r ? `${r.load1.toFixed(2)}/${r.cores}` : '-',
        servicesText(h),
        !h.database ? '-' : h.database.connections ? `${h.database.connections.total}/${h.database.connections.max}` : 'down',
        countText(h.alerts ?? []),
        h.error ?? '',
      ];
    }),
  );
}

/**
 * `riskctl status`: connect, take one reading of every host, print, exit.
 * Exit 1 when any host could not be read or a CRITICAL alert fires: a script
 * must notice a dead host. Each host carries its "alerts" (one evaluation).
 */
export async function statusCommand(args: Args, out: CommandOutput): Promise<number> {
  const { config } = await resolveConfig(args);
  const hosts = createHosts(config.hosts, {
    stateDir: stateDir(),
    // Headless there is no one to ask: unknown keys only with --accept-new-host-keys.
    onUnknownHostKey: async () => args.acceptNewHostKeys,
  });
  try {
    const { report, alerts, allRead } = await readFleetOnce(config, hosts, args.host, { processes: true });
    if (args.json) printJson(out, report);
    else printText(out, text(report));
    return allRead && !alerts.critical ? 0 : 1;
  } finally {
    await Promise.allSettled([...hosts.values()].map((h) => h.close()));
  }
}
