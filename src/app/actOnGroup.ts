/**
 * Acknowledging or resolving a grouped alert: each member in turn through
 * the same AlertActions call as a single alert, so each is written to the
 * alert log (and, for Prometheus alerts, silenced) as it would be alone.
 * Members already in the wanted state are left as they are.
 */
import type { AlertActions } from '../services/alerts/alertStore';
import type { Alert } from '../services/alerts/types';

export async function actOnGroup(actions: AlertActions, act: 'acknowledge' | 'resolve', members: readonly Alert[], comment: string, silenceMs?: number): Promise<string> {
  const first = members[0];
  if (!first) return 'the group has no alert left';
  const todo = members.filter((a) => (act === 'acknowledge' ? a.state === 'firing' : a.state === 'firing' || a.state === 'acknowledged'));
  if (todo.length === 0) return act === 'acknowledge' ? 'no firing alert in the group to acknowledge' : 'nothing to resolve in the group';
  const notes = new Set<string>();
  for (const a of todo) {
    const msg = act === 'acknowledge' ? await actions.acknowledge(a.key, comment, silenceMs) : await actions.resolve(a.key, comment);
    // A member's own remark (a silence that could not be made) is worth passing on once.
    const remark = msg.split('; ').slice(1).find((part) => part.startsWith('no silence'));
    if (remark) notes.add(remark);
  }
  const hosts = new Set(todo.map((a) => a.host)).size;
  const cause = `${first.rule}${first.target ? ` ${first.target}` : ''}`;
  return `${act === 'acknowledge' ? 'acknowledged' : 'resolved'} ${cause} on ${hosts} host${hosts === 1 ? '' : 's'}${[...notes].map((n) => `; ${n}`).join('')}`;
}
