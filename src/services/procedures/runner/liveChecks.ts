/**
 * Checklist items a live check can tick (BR-002's recovery testing
 * checklist, and any item worded the same): a table of patterns → check, and
 * pure judges from what the check read on the host. The reading itself
 * (LiveFacts) is given by the caller — the cockpit wires the health probes,
 * the database connection and the container list of the host — so this file
 * does no I/O and the table is tested as a table.
 *
 * A check that passes ticks the item (journalled `by: live-check` with what it
 * saw); one that fails or cannot read leaves the item to the operator, shown
 * what the check saw. The operator may override a live tick with a reason.
 */
import type { HealthResult } from '../../docker/types';

export type LiveCheckKind = 'api' | 'endpoints' | 'database' | 'services' | 'monitoring';

export interface LiveCheckRule {
  /** Matched against the checklist item's text. */
  pattern: RegExp;
  check: LiveCheckKind;
  /** What the check looks at, in words (journal and report). */
  what: string;
}

/** Which checklist items a live check backs. First match wins. */
export const LIVE_CHECKS: readonly LiveCheckRule[] = [
  { pattern: /\bapi\b.*\b(endpoints?|health)\b.*\b(respond|answer|up|healthy)/i, check: 'api', what: 'the host’s api health endpoints' },
  { pattern: /\bapi functionality restored\b/i, check: 'api', what: 'the host’s api health endpoints' },
  // DO-001's "All services responding (HTTP 200)": every health endpoint, before the containers row below.
  { pattern: /\ball services\b.*\brespond/i, check: 'endpoints', what: 'every health endpoint of the host' },
  { pattern: /\bdatabase\b.*\b(restored|responding|available|up|accessible|running)\b/i, check: 'database', what: 'the host’s database connection' },
  { pattern: /\ball (docker )?(services|containers)\b.*\b(start|running|up|healthy)/i, check: 'services', what: 'the host’s Docker containers' },
  { pattern: /\bmonitoring\b.*\b(functional|working|up|running|healthy)\b/i, check: 'monitoring', what: 'the host’s monitoring health endpoints (prometheus, grafana, alertmanager)' },
];

export function liveCheckFor(text: string): LiveCheckRule | null {
  return LIVE_CHECKS.find((r) => r.pattern.test(text)) ?? null;
}

export interface LiveResult {
  ok: boolean;
  /** What the check saw: "api 200 OK (4 ms)", "grafana down: connection refused". */
  detail: string;
}

export interface ContainerFact {
  name: string;
  state: string;
  health: string | null;
}

/** What the checks read on one host; a missing reader means that check cannot run there. */
export interface LiveFacts {
  /** The host's health endpoints, probed now. */
  health?: () => Promise<HealthResult[]>;
  /** One query over the host's database connection: its name and how many tables it has. */
  database?: () => Promise<{ database: string; tables: number; inRecovery: boolean }>;
  /** The host's containers as last read (the cockpit's watcher) or read now (headless); undefined when not read yet. */
  containers?: () => ContainerFact[] | undefined | Promise<ContainerFact[] | undefined>;
}

const MONITORING = /^(prometheus|grafana|alertmanager|monitoring|node[-_]exporter)/i;

const endpoint = (h: HealthResult) => (h.ok ? `${h.name} ${h.status ?? ''} OK${h.latencyMs !== null ? ` (${Math.round(h.latencyMs)} ms)` : ''}` : `${h.name} down: ${h.error ?? `HTTP ${h.status}`}`);

/** The endpoints a check is about (by name) must all answer 2xx; none configured is no answer. */
export function judgeHealth(results: readonly HealthResult[], check: 'api' | 'monitoring' | 'endpoints'): LiveResult {
  const mine = results.filter((h) => (check === 'api' ? /^api\b/i.test(h.name) : check === 'monitoring' ? MONITORING.test(h.name) : true));
  if (!mine.length) return { ok: false, detail: `no ${check === 'endpoints' ? '' : `${check} `}health endpoint configured for the host` };
  return { ok: mine.every((h) => h.ok), detail: mine.map(endpoint).join(', ') };
}

export function judgeDatabase(r: { database: string; tables: number; inRecovery: boolean }): LiveResult {
  if (r.tables === 0) return { ok: false, detail: `${r.database} answers but has no tables` };
  return { ok: true, detail: `${r.database} answers: ${r.tables} tables${r.inRecovery ? ', in recovery (standby)' : ''}` };
}

export function judgeContainers(list: readonly ContainerFact[] | undefined): LiveResult {
  if (list === undefined) return { ok: false, detail: 'the container list has not been read yet (the services screen reads it)' };
  if (!list.length) return { ok: false, detail: 'no containers on the host' };
  const bad = list.filter((c) => c.state !== 'running' || c.health === 'unhealthy');
  if (!bad.length) return { ok: true, detail: `${list.length} of ${list.length} containers running, none unhealthy` };
  return { ok: false, detail: `${list.length - bad.length} of ${list.length} fine; ${bad.map((c) => `${c.name} ${c.state === 'running' ? c.health : c.state}`).join(', ')}` };
}

/** Runs the rule's check; null when the host has no reader for it. Never throws: a failure is a failed check. */
export async function evaluateLive(rule: LiveCheckRule, facts: LiveFacts): Promise<LiveResult | null> {
  try {
    switch (rule.check) {
      case 'api':
      case 'endpoints':
      case 'monitoring':
        return facts.health ? judgeHealth(await facts.health(), rule.check) : null;
      case 'database':
        return facts.database ? judgeDatabase(await facts.database()) : null;
      case 'services':
        return facts.containers ? judgeContainers(await facts.containers()) : null;
    }
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e) };
  }
}
