/**
 * `:maintenance start [HOST|all] DURATION REASON…` and `:maintenance end
 * [HOST|all]`, parsed into data. Without a host it means the selected one;
 * `all` (or `fleet`) the whole fleet.
 */
import { parseDuration } from '../services/alerts/maintenance';

export type MaintenanceCommand =
  | { type: 'maintenance'; op: 'start'; target: MaintenanceTarget; durationMs: number; reason: string }
  | { type: 'maintenance'; op: 'end'; target: MaintenanceTarget };

/** undefined: the selected host; null: the fleet. */
export type MaintenanceTarget = string | null | undefined;

const USAGE = 'usage: :maintenance start [HOST|all] DURATION REASON, or :maintenance end [HOST|all]';

export function parseMaintenance(words: string[], hosts: readonly string[]): MaintenanceCommand | { type: 'error'; message: string } {
  const [op, ...rest] = words;
  let target: MaintenanceTarget;
  const first = rest[0];
  if (first !== undefined && (first === 'all' || first === 'fleet')) {
    target = null;
    rest.shift();
  } else if (first !== undefined && hosts.includes(first)) {
    target = first;
    rest.shift();
  }
  if (op === 'end' || op === 'stop') {
    if (rest.length > 0) return { type: 'error', message: `unknown host "${rest[0]}" (${USAGE})` };
    return { type: 'maintenance', op: 'end', target };
  }
  if (op !== 'start') return { type: 'error', message: USAGE };
  const [dur, ...reason] = rest;
  const durationMs = dur === undefined ? null : parseDuration(dur);
  if (durationMs === null) return { type: 'error', message: `a duration like 4h, 90m or 1h30m (${USAGE})` };
  if (reason.length === 0) return { type: 'error', message: `say why: the reason goes to the alert log (${USAGE})` };
  return { type: 'maintenance', op: 'start', target, durationMs, reason: reason.join(' ') };
}
