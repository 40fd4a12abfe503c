/**
 * A live-store host entry (plus the facts the alerts collect themselves) →
 * the rules' input, through the same mapping the headless commands use
 * (fromPanes.ts).
 */
import type { HostEntry } from '../liveStore';
import { inputFromPanes } from './fromPanes';
import type { HostFacts } from '../hostFacts/hostFacts';
import type { HostAlertInput } from './inputs';

/** Figures older than this many polls are stale: no rule judges them. */
const STALE_POLLS = 5;

export function fromHostEntry(entry: HostEntry, facts: HostFacts | undefined, now: number, refreshMs: number): HostAlertInput {
  const r = entry.resources;
  const maxAgeMs = STALE_POLLS * refreshMs;
  const fresh = r.data !== null && r.updatedAt !== null && now - r.updatedAt <= maxAgeMs;
  const base = {
    name: entry.name,
    state: entry.state,
    error: entry.error,
    // "idle": never connected or closed by the operator — not an outage.
    wanted: entry.state !== 'idle',
    resources: fresh ? r.data : null,
  };
  return inputFromPanes(base, entry, facts, now, maxAgeMs);
}
