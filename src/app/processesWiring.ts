/**
 * Wires the processes screen into the cockpit: one ProcessesWatch (the one
 * stream, on the host the processes or resources screen shows, only while
 * it shows) and the signal, audited in the state folder's audit log.
 */
import type { Host } from '../hosts/Host';
import { AuditLog, auditLogPath } from '../services/AuditLog';
import type { LiveStore } from '../services/liveStore';
import { ProcessesWatch } from '../services/processes/ProcessesWatch';
import { signalProcess } from '../services/processes/signalProcess';
import type { ProcessesProps } from './useProcessesView';

export function wireProcesses(
  hosts: Map<string, Host>,
  store: LiveStore,
  refreshMs: number,
  stateDir: string,
): { watch: ProcessesWatch; props: ProcessesProps } {
  const watch = new ProcessesWatch(hosts, Math.max(1, Math.round(refreshMs / 1000)));
  const audit = new AuditLog(auditLogPath(stateDir));
  const props: ProcessesProps = {
    store: watch.store,
    watch: (name) => watch.watch(name),
    signal: (name, pid, signal, shown, confirmed) => {
      const host = hosts.get(name);
      if (!host) return Promise.resolve({ ok: false, message: `${name}: no such host` });
      return signalProcess({ host, pid, signal, shown, confirmed, readOnly: store.getState().readOnly, audit });
    },
  };
  return { watch, props };
}
