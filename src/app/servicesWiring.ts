/**
 * Wires the services and logs panes into the cockpit: one ServicesService
 * over the live store; for every host a Docker watcher (its event stream and
 * the slow list refresh are always on: the overview's services column and the
 * alert rules read every host; the list of the host the services screen shows
 * is read more often), health checks (always on, for the rules),
 * container stats only for the host the services screen shows; the audit log
 * in the state folder for restart/stop/start.
 */
import type { Host } from '../hosts/Host';
import type { RiskctlConfig } from '../hosts/loadConfig';
import { AuditLog, auditLogPath } from '../services/AuditLog';
import { ServicesService } from '../services/docker/ServicesService';
import type { LiveStore } from '../services/liveStore';
import type { Monitor } from '../services/Monitor';
import type { ServicesProps } from './useServicesView';

export function wireServices(
  config: RiskctlConfig,
  hosts: Map<string, Host>,
  store: LiveStore,
  monitor: Monitor,
  stateDir: string,
): { service: ServicesService; props: ServicesProps } {
  const service = new ServicesService({
    store,
    refreshMs: config.refreshMs,
    audit: new AuditLog(auditLogPath(stateDir)),
    logLines: config.logLines,
    demand: (name, names) => monitor.setDemand(name, names),
    wake: (host, name) => monitor.wake(host, name),
  });
  for (const cfg of config.hosts) {
    const host = hosts.get(cfg.name);
    if (!host) continue;
    for (const p of service.add(host, cfg)) monitor.add(p);
  }
  monitor.setDemand('services', 'all');
  monitor.setDemand('health', 'all');
  monitor.setDemand('docker-stats', []);
  return { service, props: { actions: service } };
}
