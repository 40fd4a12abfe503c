/**
 * Wires alerting into the cockpit: the alert service over the live store,
 * the slow facts poller (certificates, backups) as monitor demand — alert
 * rules need it whatever screen is shown — Prometheus/Alertmanager reached
 * through their `via` host, the alert log in the state folder, the bell.
 * With `batchQueue`, the facts run batched in each host's resources poll.
 */
import type { Host } from '../hosts/Host';
import type { RiskctlConfig } from '../hosts/loadConfig';
import { AlertLog, alertLogPath } from '../services/alerts/AlertLog';
import { operatorName } from '../services/JsonLinesFile';
import { AlertService } from '../services/alerts/AlertService';
import { readHostFacts, type HostFacts } from '../services/hostFacts/hostFacts';
import { loadProcedureTitles } from '../services/alerts/procedureTitles';
import type { LiveStore } from '../services/liveStore';
import type { RefreshTicker } from '../services/RefreshTicker';
import { SLOW_FACTS_FIRST_DELAY_MS, SLOW_FACTS_INTERVAL_MS } from '../services/refreshTiming';
import type { Monitor } from '../services/Monitor';
import type { BatchedCommandQueues } from '../services/resources/BatchedCommandQueue';
import type { AlertsProps } from './useAlertsView';

export function wireAlerts(
  config: RiskctlConfig,
  hosts: Map<string, Host>,
  store: LiveStore,
  monitor: Monitor,
  stateDir: string,
  bell: () => void,
  batchQueue?: BatchedCommandQueues,
  ticker?: RefreshTicker,
): { service: AlertService; props: AlertsProps } {
  const facts = new Map<string, HostFacts>();
  for (const cfg of config.hosts) {
    const host = hosts.get(cfg.name);
    if (!host) continue;
    monitor.add({
      host: cfg.name,
      name: 'alert-facts',
      intervalMs: SLOW_FACTS_INTERVAL_MS,
      firstDelayMs: () => SLOW_FACTS_FIRST_DELAY_MS,
      ownPhase: true,
      run: async (signal) => {
        // A host with `postgres:` has its backups folder read by the database pane, whose reading the rules take.
        facts.set(cfg.name, await readHostFacts(host, cfg, signal, batchQueue?.for(cfg.name), { backups: !cfg.postgres }));
      },
    });
  }
  monitor.setDemand('alert-facts', 'all');
  const ep = (c: { url: string; via?: string } | undefined) => c && { url: c.url, via: c.via ? hosts.get(c.via) : undefined, viaName: c.via };
  const service = new AlertService({
    store,
    thresholds: config.thresholds,
    refreshMs: config.refreshMs,
    log: new AlertLog(alertLogPath(stateDir)),
    operator: operatorName(),
    prometheus: ep(config.prometheus),
    alertmanager: ep(config.alertmanager),
    bell,
    facts: (name) => facts.get(name),
    ticker,
  });
  const titles = loadProcedureTitles(config.procedures);
  return { service, props: { store: service.alerts, actions: service, procedureInfo: (id) => titles.get(id) ?? null } };
}
