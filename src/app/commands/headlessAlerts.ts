/**
 * The alerts of one headless reading, shared by `riskctl status` and
 * `riskctl alerts`: the rules over the status report (plus certificate and
 * backup facts read on each reachable host) and Prometheus's alerts.
 */
import type { Host } from '../../hosts/Host';
import type { RiskctlConfig } from '../../hosts/loadConfig';
import { anyCritical, evaluateStatusHost, prometheusOnce, sortJson } from '../../services/alerts/evaluateOnce';
import { readHostFacts, type HostFacts } from '../../services/hostFacts/hostFacts';
import type { AlertJson, Severity } from '../../services/alerts/types';
import type { StatusReport } from '../../services/statusReport';

export interface HeadlessAlerts {
  byHost: Map<string, AlertJson[]>;
  /** Prometheus alerts that belong to no reported host. */
  other: AlertJson[];
  all: AlertJson[];
  critical: boolean;
}

const FACTS_TIMEOUT_MS = 10_000;

async function factsOf(host: Host, cfg: RiskctlConfig['hosts'][number]): Promise<HostFacts | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const ctl = new AbortController();
  try {
    return await Promise.race([
      readHostFacts(host, cfg, ctl.signal),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => {
          ctl.abort();
          resolve(undefined);
        }, FACTS_TIMEOUT_MS);
      }),
    ]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

export async function headlessAlerts(config: RiskctlConfig, hosts: Map<string, Host>, report: StatusReport, now = Date.now()): Promise<HeadlessAlerts> {
  const reported = report.hosts.map((h) => h.name);
  const facts = new Map<string, HostFacts | undefined>();
  await Promise.all(
    report.hosts
      .filter((h) => h.state === 'connected')
      .map(async (h) => {
        const cfg = config.hosts.find((c) => c.name === h.name);
        const host = hosts.get(h.name);
        if (cfg && host) facts.set(h.name, await factsOf(host, cfg));
      }),
  );
  const configured = (name: string) => config.hosts.find((c) => c.name === name)?.docker.configured === true;
  const byHost = new Map<string, AlertJson[]>(
    report.hosts.map((h) => [h.name, evaluateStatusHost(h, facts.get(h.name), config.thresholds, now, configured(h.name))]),
  );
  const other: AlertJson[] = [];
  if (config.prometheus) {
    const ep = (c: { url: string; via?: string }) => ({ url: c.url, via: c.via ? hosts.get(c.via) : undefined, viaName: c.via });
    const prom = await prometheusOnce(
      ep(config.prometheus),
      config.alertmanager && ep(config.alertmanager),
      config.hosts.map((h) => h.name),
    );
    for (const a of prom) {
      const list = byHost.get(a.host);
      if (list) list.push(a);
      // With --host, alerts of other hosts are not asked for.
      else if (reported.length === config.hosts.length || !config.hosts.some((h) => h.name === a.host)) other.push(a);
    }
  }
  for (const [k, v] of byHost) byHost.set(k, sortJson(v));
  const all = sortJson([...[...byHost.values()].flat(), ...other]);
  return { byHost, other, all, critical: anyCritical(all) };
}

export function countText(list: readonly AlertJson[]): string {
  const n: Record<Severity, number> = { CRITICAL: 0, WARNING: 0, INFO: 0 };
  for (const a of list) n[a.severity]++;
  const parts = (['CRITICAL', 'WARNING', 'INFO'] as const).filter((s) => n[s] > 0).map((s) => `${n[s]} ${s.toLowerCase()}`);
  return parts.length === 0 ? '-' : parts.join(', ');
}
