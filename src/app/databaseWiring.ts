/**
 * Wires the database pane into the cockpit: one DatabaseService over the live
 * store, its pollers for every host with a `postgres:` entry (always in
 * demand: the overview's DB column and the alert rules read every host's
 * summary), the audit log in the state folder for cancel/terminate.
 */
import type { Host } from '../hosts/Host';
import type { RiskctlConfig } from '../hosts/loadConfig';
import { AuditLog, auditLogPath } from '../services/AuditLog';
import { DatabaseService } from '../services/database/DatabaseService';
import type { LiveStore } from '../services/liveStore';
import type { Monitor } from '../services/Monitor';
import type { DatabaseProps } from './useDatabaseView';
import type { BatchedCommandQueues } from '../services/resources/BatchedCommandQueue';

export function wireDatabase(
  config: RiskctlConfig,
  hosts: Map<string, Host>,
  store: LiveStore,
  monitor: Monitor,
  stateDir: string,
  batchQueue?: BatchedCommandQueues,
): { service: DatabaseService; props: DatabaseProps } {
  const names: string[] = [];
  const service = new DatabaseService(store, {
    longQuerySeconds: config.thresholds.longQueryMinutes * 60,
    intervalMs: config.refreshMs,
    ...(batchQueue ? { batchQueue } : {}),
    audit: new AuditLog(auditLogPath(stateDir)),
    // Re-setting the demand wakes the database and backups loops: figures at once after a screen change or an action.
    wake: () => {
      monitor.setDemand('database', names);
      monitor.setDemand('backups', names);
    },
  });
  for (const cfg of config.hosts) {
    const host = hosts.get(cfg.name);
    if (!host) continue;
    const pollers = service.add(host, cfg);
    if (pollers.length > 0) names.push(cfg.name);
    for (const p of pollers) monitor.add(p);
  }
  monitor.setDemand('database', names);
  monitor.setDemand('backups', names);
  return { service, props: { actions: service } };
}
