import { createHosts } from '../../hosts/createHosts';
import type { AlertJson } from '../../services/alerts/types';
import { groupsJson, type AlertGroupJson } from '../../services/alerts/groupAlerts';
import type { Args } from '../args';
import { resolveConfig, stateDir } from '../resolveConfig';
import { readFleetOnce } from './readFleetOnce';
import { renderTable } from './renderTable';
import { printJson, printText, type CommandOutput } from './printOut';

const show = (v: AlertJson['value']) => (v === null ? '-' : String(v));

function text(alerts: AlertJson[]): string {
  if (alerts.length === 0) return 'no alerts\n';
  return renderTable(
    ['SEVERITY', 'HOST', 'RULE', 'TARGET', 'VALUE', 'THRESHOLD', 'PROCEDURE', 'SOURCE', 'MESSAGE'],
    alerts.map((a) => [
      a.severity,
      a.host,
      a.rule,
      a.target || '-',
      show(a.value),
      show(a.threshold),
      a.procedure,
      a.source,
      a.message + (a.silence ? ` [silenced by ${a.silence.createdBy}]` : ''),
    ]),
  );
}

/**
 * `alerts --json`: one entry per alert and host (the contract), and "groups":
 * each cause (rule, target, source, severity) once, with the hosts it fires on.
 */
export function alertsJson(generatedAt: string, alerts: readonly AlertJson[]): { generatedAt: string; alerts: readonly AlertJson[]; groups: AlertGroupJson[] } {
  return { generatedAt, alerts, groups: groupsJson(alerts) };
}

/**
 * `riskctl alerts`: the same fresh reading as `status` (readFleetOnce), the
 * rules evaluated once with no hold time, Prometheus's alerts joined. Exit 1
 * when a CRITICAL fires (unsilenced), like `status`.
 */
export async function alertsCommand(args: Args, out: CommandOutput): Promise<number> {
  const { config } = await resolveConfig(args);
  const hosts = createHosts(config.hosts, { stateDir: stateDir(), onUnknownHostKey: async () => args.acceptNewHostKeys });
  try {
    const { report, alerts } = await readFleetOnce(config, hosts, args.host);
    if (args.json) printJson(out, alertsJson(report.generatedAt, alerts.all));
    else printText(out, text(alerts.all));
    return alerts.critical ? 1 : 0;
  } finally {
    await Promise.allSettled([...hosts.values()].map((h) => h.close()));
  }
}
