/**
 * One fresh evaluation for the headless commands (`riskctl alerts`,
 * `riskctl status`): the rules over one reading of every host, plus
 * Prometheus's alerts, with no hold time — a script asks "what is wrong now".
 */
import type { Thresholds } from '../../hosts/configSchema';
import type { Host } from '../../hosts/Host';
import type { StatusHost } from '../statusReport';
import { databaseInputFromReport } from './databaseInput';
import { servicesInput } from './fromPanes';
import type { HostFacts } from '../hostFacts/hostFacts';
import type { HostAlertInput } from './inputs';
import { fetchPromAlerts, fetchSilences, fetchUp, promConditions, silenceFor } from './prometheus';
import { evaluateHost } from './rules';
import { alertJson, SEVERITY_RANK, type AlertJson, type Condition } from './types';

export function inputFromStatus(h: StatusHost, facts: HostFacts | undefined): HostAlertInput {
  return {
    name: h.name,
    state: h.state,
    error: h.error,
    wanted: true,
    resources: h.resources,
    ...(h.database ? { database: databaseInputFromReport(h.database) } : {}),
    // Issue 3: the same structural reading as the cockpit's (fromPanes.ts).
    ...(h.services ? { services: servicesInput({ services: { data: { containers: h.services }, updatedAt: null, error: h.servicesError ?? null } })! } : {}),
    ...(h.health ? { health: h.health } : {}),
    ...(facts?.certificates ? { certificates: facts.certificates } : {}),
    ...(facts?.backups ? { backups: facts.backups } : {}),
  };
}

export interface PromSource {
  url: string;
  via?: Host;
  viaName?: string;
}

/** Prometheus's firing alerts (with Alertmanager's silences) as JSON alerts; its failure as a WARNING. */
export async function prometheusOnce(prom: PromSource, am: PromSource | undefined, hostNames: readonly string[]): Promise<AlertJson[]> {
  const home = prom.viaName ?? 'prometheus';
  try {
    if (prom.via) await prom.via.connect();
    const [alerts, up] = await Promise.all([fetchPromAlerts(prom), fetchUp(prom)]);
    const silences = am ? await fetchSilences(am).catch(() => []) : [];
    return promConditions(alerts, up, hostNames, home).map((c) => {
      const silence = c.labels ? silenceFor(c.labels, silences) : null;
      return alertJson({ ...c, state: 'firing', silence });
    });
  } catch (e) {
    const c: Condition = {
      severity: 'WARNING',
      rule: 'prometheus-unreachable',
      host: home,
      target: prom.url,
      value: 'unreachable',
      threshold: null,
      message: `Prometheus ${prom.url} cannot be read: ${e instanceof Error ? e.message : String(e)}`,
      procedure: 'MA-001',
      source: 'prometheus',
    };
    return [alertJson({ ...c, state: 'firing' })];
  }
}

export function evaluateStatusHost(h: StatusHost, facts: HostFacts | undefined, th: Thresholds, now: number): AlertJson[] {
  return evaluateHost(inputFromStatus(h, facts), th, now).map((c) => alertJson({ ...c, state: 'firing' }));
}

export function sortJson(list: AlertJson[]): AlertJson[] {
  return [...list].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.host.localeCompare(b.host) || a.rule.localeCompare(b.rule));
}

/** A firing CRITICAL that is not silenced: what makes a headless command exit 1. */
export function anyCritical(list: readonly AlertJson[]): boolean {
  return list.some((a) => a.severity === 'CRITICAL' && !a.silence);
}
