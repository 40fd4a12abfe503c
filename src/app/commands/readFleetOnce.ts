/**
 * The one headless reading behind `riskctl status` and `riskctl alerts`:
 * every chosen host connected at once, its resources, database, Docker
 * services and health endpoints read, and the alert rules evaluated once over
 * all of it. Both commands see the same facts, so a fault that fails one
 * fails the other.
 */
import type { Host } from '../../hosts/Host';
import type { RiskctlConfig } from '../../hosts/loadConfig';
import { collectResourcesTwice } from '../../services/resources/ResourcesCollector';
import { buildStatusReport, type StatusReport } from '../../services/statusReport';
import { headlessAlerts, type HeadlessAlerts } from './headlessAlerts';
import { withDatabase } from './statusDatabase';
import { withProcesses } from './statusProcesses';
import { withServices } from './statusServices';

export interface FleetReading {
  /** Each host with its database, services and health filled in, and its alerts. */
  report: StatusReport;
  alerts: HeadlessAlerts;
  /** Every host connected and read, every configured database available. */
  allRead: boolean;
}

/** `processes`: also each host's top processes (status reads them; the alert rules do not need them). */
export async function readFleetOnce(config: RiskctlConfig, hosts: Map<string, Host>, only?: string, opts: { processes?: boolean } = {}): Promise<FleetReading> {
  const chosen = config.hosts.filter((h) => only === undefined || h.name === only);
  const report = await buildStatusReport(
    chosen.map((h) => ({ host: hosts.get(h.name)!, tags: h.tags })),
    (host) => collectResourcesTwice(host, 500),
    { timeoutMs: 15_000 },
  );
  const [dbOk] = await Promise.all([
    withDatabase(report, config, hosts),
    withServices(report, config, hosts),
    opts.processes ? withProcesses(report, hosts) : undefined,
  ]);
  const alerts = await headlessAlerts(config, hosts, report);
  const withAlerts: StatusReport = {
    ...report,
    hosts: report.hosts.map((h) => ({ ...h, alerts: alerts.byHost.get(h.name) ?? [] })),
    ...(alerts.other.length ? { alerts: alerts.other } : {}),
  };
  const allRead = report.hosts.every((h) => h.state === 'connected' && h.resources !== null) && dbOk;
  return { report: withAlerts, alerts, allRead };
}
