import { createHosts } from '../../hosts/createHosts';
import { collectResourcesTwice } from '../../services/resources/ResourcesCollector';
import { buildStatusReport, type StatusReport } from '../../services/statusReport';
import { withDatabase } from './statusDatabase';
import { withServices } from './statusServices';
import type { Args } from '../args';
import { resolveConfig, stateDir } from '../resolveConfig';
import { countText, headlessAlerts } from './headlessAlerts';
import { renderTable } from './renderTable';
import { printJson, printText } from './printOut';

/** "5/6 running", "no docker" (engine not readable), "-" (host down): the services column. */
function servicesText(h: StatusReport['hosts'][number]): string {
  if (h.services) return `${h.services.filter((s) => s.state === 'running').length}/${h.services.length} running`;
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
export async function statusCommand(args: Args): Promise<number> {
  const { config } = resolveConfig(args);
  const chosen = config.hosts.filter((h) => args.host === undefined || h.name === args.host);
  const hosts = createHosts(config.hosts, {
    stateDir: stateDir(),
    // Headless there is no one to ask: unknown keys only with --accept-new-host-keys.
    onUnknownHostKey: async () => args.acceptNewHostKeys,
  });
  try {
    const report = await buildStatusReport(
      chosen.map((h) => ({ host: hosts.get(h.name)!, tags: h.tags })),
      (host) => collectResourcesTwice(host, 500),
      { timeoutMs: 15_000 },
    );
    const [dbOk] = await Promise.all([withDatabase(report, config, hosts), withServices(report, config, hosts)]);
    const alerts = await headlessAlerts(config, hosts, report);
    const out: StatusReport = { ...report, hosts: report.hosts.map((h) => ({ ...h, alerts: alerts.byHost.get(h.name) ?? [] })), ...(alerts.other.length ? { alerts: alerts.other } : {}) };
    if (args.json) printJson(out);
    else printText(text(out));
    return report.hosts.every((h) => h.state === 'connected' && h.resources !== null) && dbOk && !alerts.critical ? 0 : 1;
  } finally {
    await Promise.allSettled([...hosts.values()].map((h) => h.close()));
  }
}
