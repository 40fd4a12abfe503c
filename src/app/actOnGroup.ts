/**
 * Acknowledging or resolving a grouped alert: each member as a single alert
 * would be (each written to the alert log, each Prometheus alert silenced),
 * through acknowledgeAll/resolveAll where the actions have them (one store
 * update for the lot), else one call per member. Members already in the
 * wanted state are left as they are.
 */
import type { AlertActions } from '../services/alerts/alertStore';
import type { Alert } from '../services/alerts/types';

export async function actOnGroup(
  actions: AlertActions,
  act: 'acknowledge' | 'resolve',
  members: readonly Alert[],
  comment: string,
  silenceMs?: number,
): Promise<string> {
  const first = members[0];
  if (!first) return 'the group has no alert left';
  const todo = members.filter((a) => (act === 'acknowledge' ? a.state === 'firing' : a.state === 'firing' || a.state === 'acknowledged'));
  if (todo.length === 0) return act === 'acknowledge' ? 'no firing alert in the group to acknowledge' : 'nothing to resolve in the group';
  const keys = todo.map((a) => a.key);
  let lines: string[];
  if (act === 'acknowledge' && actions.acknowledgeAll) lines = await actions.acknowledgeAll(keys, comment, silenceMs);
  else if (act === 'resolve' && actions.resolveAll) lines = await actions.resolveAll(keys, comment);
  else {
    lines = [];
    for (const k of keys) lines.push(act === 'acknowledge' ? await actions.acknowledge(k, comment, silenceMs) : await actions.resolve(k, comment));
  }
  // A member's own remark (a silence that could not be made) is worth passing on once.
  const notes = new Set<string>();
  for (const line of lines) {
    const remark = line
      .split('; ')
      .slice(1)
      .find((part) => part.startsWith('no silence'));
    if (remark) notes.add(remark);
  }
  const hosts = new Set(todo.map((a) => a.host)).size;
  const cause = `${first.rule}${first.target ? ` ${first.target}` : ''}`;
  return `${act === 'acknowledge' ? 'acknowledged' : 'resolved'} ${cause} on ${hosts} host${hosts === 1 ? '' : 's'}${[...notes].map((n) => `; ${n}`).join('')}`;
}
