/** actOnGroup: a grouped alert acknowledged or resolved member by member, through the batch call where there is one. */
import { describe, expect, test } from 'vitest';
import { actOnGroup } from '../../src/app/actOnGroup';
import type { AlertActions } from '../../src/services/alerts/alertStore';
import { mkAlert } from '../screens/alertStormFixtures';

function actions(batched: boolean, reply = (key: string) => `acknowledged ${key}`): AlertActions & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    acknowledge: async (key, comment, ms) => (calls.push(`ack ${key} ${comment} ${ms ?? '-'}`), reply(key)),
    resolve: async (key, comment) => (calls.push(`resolve ${key} ${comment}`), 'resolved'),
    startMaintenance: async () => '',
    endMaintenance: async () => '',
    ...(batched
      ? {
          acknowledgeAll: async (keys: readonly string[], comment: string, ms?: number) => (
            calls.push(`ackAll ${keys.length} ${comment} ${ms ?? '-'}`),
            keys.map(reply)
          ),
        }
      : {}),
  };
}

const members = [
  mkAlert({ host: 'h1', rule: 'health-failing', target: 'api' }),
  mkAlert({ host: 'h2', rule: 'health-failing', target: 'api', state: 'acknowledged' }),
  mkAlert({ host: 'h3', rule: 'health-failing', target: 'api' }),
];

describe('actOnGroup', () => {
  test('acknowledges the firing members one call each, leaving the acknowledged one', async () => {
    const a = actions(false);
    expect(await actOnGroup(a, 'acknowledge', members, 'vendor', 60_000)).toBe('acknowledged health-failing api on 2 hosts');
    expect(a.calls).toEqual([`ack ${members[0]!.key} vendor 60000`, `ack ${members[2]!.key} vendor 60000`]);
  });

  test('with acknowledgeAll, one call for the lot; a silence that failed is said once', async () => {
    const a = actions(true, () => 'acknowledged x; no silence: Alertmanager 503');
    expect(await actOnGroup(a, 'acknowledge', members, 'vendor')).toBe('acknowledged health-failing api on 2 hosts; no silence: Alertmanager 503');
    expect(a.calls).toEqual(['ackAll 2 vendor -']);
  });

  test('resolve takes every open member; nothing to do says so', async () => {
    const a = actions(false);
    expect(await actOnGroup(a, 'resolve', members, 'fixed')).toBe('resolved health-failing api on 3 hosts');
    expect(a.calls).toHaveLength(3);
    const acked = members.map((m) => ({ ...m, state: 'acknowledged' as const }));
    expect(await actOnGroup(a, 'acknowledge', acked, 'again')).toBe('no firing alert in the group to acknowledge');
    expect(await actOnGroup(a, 'acknowledge', [], 'x')).toBe('the group has no alert left');
  });
});
