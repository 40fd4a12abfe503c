import { createHosts } from '../../hosts/createHosts';
import { collectResourcesTwice } from '../../services/resources/ResourcesCollector';
import { buildStatusReport } from '../../services/statusReport';
import type { AlertJson } from '../../services/alerts/types';
import type { Args } from '../args';
import { resolveConfig, stateDir } from '../resolveConfig';
import { headlessAlerts } from './headlessAlerts';
import { withServices } from './statusServices';
import { renderTable } from './renderTable';
import { printJson, printText } from './printOut';

const show = (v: AlertJson['value']) => (v === null ? '-' : String(v));

function text(alerts: AlertJson[]): string {
  if (alerts.length === 0) return 'no alerts\n';
  return renderTable(
    ['SEVERITY', 'HOST', 'RULE', 'TARGET', 'VALUE', 'THRESHOLD', 'PROCEDURE', 'SOURCE', 'MESSAGE'],
    alerts.map((a) => [a.severity, a.host, a.rule, a.target || '-', show(a.value), show(a.threshold), a.procedure, a.source, a.message + (a.silence ? ` [silenced by ${a.silence.createdBy}]` : '')]),
  );
}

/**
 * `riskctl alerts`: one fresh reading of every host (or --host), the rules
 * evaluated once with no hold time, Prometheus's alerts joined. Exit 1 when a
 * CRITICAL fires (unsilenced), like `status`.
 */
export async function alertsCommand(args: Args): Promise<number> {
  const { config } = resolveConfig(args);
  const chosen = config.hosts.filter((h) => args.host === undefined || h.name === args.host);
  const hosts = createHosts(config.hosts, { stateDir: stateDir(), onUnknownHostKey: async () => args.acceptNewHostKeys });
  try {
    const report = await buildStatusReport(
      chosen.map((h) => ({ host: hosts.get(h.name)!, tags: h.tags })),
      (host) => collectResourcesTwice(host, 500),
      { timeoutMs: 15_000 },
    );
    // Services and health endpoints feed the service-down and health-failing rules (issue 3).
    await withServices(report, config, hosts);
    const found = await headlessAlerts(config, hosts, report);
    if (args.json) printJson({ generatedAt: report.generatedAt, alerts: found.all });
    else printText(text(found.all));
    return found.critical ? 1 : 0;
  } finally {
    await Promise.allSettled([...hosts.values()].map((h) => h.close()));
  }
}
