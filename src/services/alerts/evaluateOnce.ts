/**
 * One fresh evaluation for the headless commands (`riskctl alerts`,
 * `riskctl status`): the rules over one reading of every host, plus
 * Prometheus's alerts, with no hold time — a script asks "what is wrong now".
 */
import type { Thresholds } from '../../hosts/configSchema';
import type { Host } from '../../hosts/Host';
import type { StatusHost } from '../statusReport';
import { inputFromPanes, type PaneFields } from './fromPanes';
import type { HostFacts } from '../hostFacts/hostFacts';
import type { HostAlertInput } from './inputs';
import { fetchPromAlerts, fetchSilences, fetchUp, promConditions, silenceFor } from './prometheus';
import { evaluateHost } from './rules';
import { alertJson, SEVERITY_RANK, type AlertJson, type Condition } from './types';

/**
 * One status reading of a host as the panes' snapshots, read at `now`:
 * the cockpit's live store holds the same shapes, and both go through
 * inputFromPanes. A database that could not be read has no figures, only
 * its error; an engine that could not be read, no list.
 */
export function panesFromStatus(h: StatusHost, dockerConfigured: boolean, now: number): PaneFields {
  const db = h.database;
  const panes: PaneFields = { dockerConfigured };
  // status's "database": undefined when not read, null when the host has no `postgres:`.
  if (db !== undefined) panes.databaseTarget = db ? h.name : null;
  if (db) {
    const figures = db.available && db.connections ? { ...db, connections: db.connections } : null;
    panes.database = { data: figures, updatedAt: now, error: db.available ? null : (db.error ?? 'no answer') };
  }
  if (h.services !== undefined || h.servicesError) {
    panes.services = { data: h.services ? { containers: h.services } : null, updatedAt: now, error: h.servicesError ?? null };
  }
  if (h.health) panes.health = { data: h.health, updatedAt: now, error: null };
  return panes;
}

export function inputFromStatus(h: StatusHost, facts: HostFacts | undefined, dockerConfigured: boolean, now: number): HostAlertInput {
  // The reading's network and disk rates sit beside its resources in the JSON; the rules read them with the rest.
  const resources = h.resources ? { ...h.resources, ...(h.diskIo ? { diskIo: h.diskIo } : {}), ...(h.network ? { network: h.network } : {}) } : null;
  const base = { name: h.name, state: h.state, error: h.error, wanted: true, resources };
  // The reading was just taken: nothing in it is too old to judge.
  return inputFromPanes(base, panesFromStatus(h, dockerConfigured, now), facts, now, Infinity);
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

export function evaluateStatusHost(h: StatusHost, facts: HostFacts | undefined, th: Thresholds, now: number, dockerConfigured = false): AlertJson[] {
  return evaluateHost(inputFromStatus(h, facts, dockerConfigured, now), th, now).map((c) => alertJson({ ...c, state: 'firing' }));
}

export function sortJson(list: AlertJson[]): AlertJson[] {
  return [...list].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.host.localeCompare(b.host) || a.rule.localeCompare(b.rule));
}

/** A firing CRITICAL that is not silenced: what makes a headless command exit 1. */
export function anyCritical(list: readonly AlertJson[]): boolean {
  return list.some((a) => a.severity === 'CRITICAL' && !a.silence);
}
