/**
 * A live-store host entry (plus the facts the alerts collect themselves) →
 * the rules' input. The services, health and database panes add their own
 * snapshots to HostEntry; this is the one place that reads
 * them for the rules, so a change of their shape is a change here only.
 */
import type { HostEntry } from '../liveStore';
import { backupsInput, databaseInput, healthInput, servicesInput, type PaneFields } from './fromPanes';
import type { HostFacts } from '../hostFacts/hostFacts';
import type { HostAlertInput } from './inputs';
import { databaseInputFromSnapshot } from './databaseInput';

/** Figures older than this many polls are stale: no rule judges them. */
const STALE_POLLS = 5;

export function fromHostEntry(entry: HostEntry, facts: HostFacts | undefined, now: number, refreshMs: number): HostAlertInput {
  const r = entry.resources;
  const fresh = r.data !== null && r.updatedAt !== null && now - r.updatedAt <= STALE_POLLS * refreshMs;
  return {
    name: entry.name,
    state: entry.state,
    error: entry.error,
    // "idle": never connected or closed by the operator — not an outage.
    wanted: entry.state !== 'idle',
    resources: fresh ? r.data : null,
    ...(entry.databaseTarget !== null ? { database: databaseInputFromSnapshot(entry.database, now, STALE_POLLS * refreshMs) } : {}),
    ...(facts?.certificates ? { certificates: facts.certificates } : {}),
    ...paneInputs(entry as HostEntry & PaneFields, facts),
  };
}

/** The database pane's figures when it has them; its backups reading wins over ours. */
function paneInputs(entry: PaneFields, facts: HostFacts | undefined): Pick<HostAlertInput, 'database' | 'backups' | 'services' | 'health'> {
  const database = databaseInput(entry);
  const backups = backupsInput(entry) ?? facts?.backups;
  const services = servicesInput(entry);
  const health = healthInput(entry);
  return { ...(database ? { database } : {}), ...(backups ? { backups } : {}), ...(services ? { services } : {}), ...(health ? { health } : {}) };
}
