import { createHosts } from '../../hosts/createHosts';
import type { AlertJson } from '../../services/alerts/types';
import type { Args } from '../args';
import { resolveConfig, stateDir } from '../resolveConfig';
import { readFleetOnce } from './readFleetOnce';
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
 * `riskctl alerts`: the same fresh reading as `status` (readFleetOnce), the
 * rules evaluated once with no hold time, Prometheus's alerts joined. Exit 1
 * when a CRITICAL fires (unsilenced), like `status`.
 */
export async function alertsCommand(args: Args): Promise<number> {
  const { config } = resolveConfig(args);
  const hosts = createHosts(config.hosts, { stateDir: stateDir(), onUnknownHostKey: async () => args.acceptNewHostKeys });
  try {
    const { report, alerts } = await readFleetOnce(config, hosts, args.host);
    if (args.json) printJson({ generatedAt: report.generatedAt, alerts: alerts.all });
    else printText(text(alerts.all));
    return alerts.critical ? 1 : 0;
  } finally {
    await Promise.allSettled([...hosts.values()].map((h) => h.close()));
  }
}
