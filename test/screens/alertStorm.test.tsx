/** A storm of four causes on 100 hosts through App: one row per cause, opened to its hosts, acknowledged as a whole. */
import React from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { App, type AppProps } from '../../src/app/App';
import { createAlertStore, countAlerts, sortAlerts, type AlertActions } from '../../src/services/alerts/alertStore';
import type { Alert } from '../../src/services/alerts/types';
import { bigStore, matches, recordingActions, sees, settled } from './fixtures';
import { storm, stormHost } from './alertStormFixtures';

const ENTER = '\r';
const RIGHT = '\u001b[C';
const LEFT = '\u001b[D';

/** batched: the actions have acknowledgeAll (as AlertService does); else App falls back to one call per member. */
function harness(alerts: Alert[], { batched = true, ...props }: Partial<AppProps> & { batched?: boolean } = {}) {
  const store = createAlertStore();
  const publish = (list: Alert[]) => {
    const sorted = sortAlerts(list);
    store.setState({ alerts: sorted, ...countAlerts(sorted) });
  };
  publish(alerts);
  const calls: string[] = [];
  const actions: AlertActions = {
    // As the service does: the alert changes state, and the store is published again.
    acknowledge: async (key, comment) => {
      calls.push(`ack ${key} ${comment}`);
      publish(store.getState().alerts.map((a) => (a.key === key ? { ...a, state: 'acknowledged' as const } : a)));
      return 'acknowledged it';
    },
    resolve: async (key, comment) => (calls.push(`resolve ${key} ${comment}`), 'resolved it'),
    ...(batched
      ? {
          acknowledgeAll: async (keys: readonly string[], comment: string) => {
            for (const k of keys) calls.push(`ack ${k} ${comment}`);
            calls.push(`published once for ${keys.length}`);
            publish(store.getState().alerts.map((a) => (keys.includes(a.key) ? { ...a, state: 'acknowledged' as const } : a)));
            return keys.map(() => 'acknowledged it');
          },
        }
      : {}),
    startMaintenance: async () => 'maintenance on',
    endMaintenance: async () => 'ended',
  };
  const base: AppProps = {
    store: bigStore(3),
    actions: recordingActions(),
    version: '0.1.0',
    onQuit: () => {},
    rows: 30,
    columns: 140,
    alerts: { store, actions },
    ...props,
  };
  const r = render(<App {...base} />);
  const frame = () => r.lastFrame() ?? '';
  return {
    store,
    calls,
    frame,
    selectedLine: () =>
      frame()
        .split('\n')
        .find((l) => l.startsWith('› ')) ?? '',
    press: async (...keys: string[]) => {
      for (const k of keys) {
        r.stdin.write(k);
        await settled(frame);
      }
    },
  };
}

afterEach(() => cleanup());

describe('an alert storm on 100 hosts', () => {
  test('the status bar and the overview count causes and hosts', async () => {
    const h = harness(storm());
    await sees(h.frame, 'Alerts: 4 critical on 100 hosts, 1 warning');
    await matches(h.frame, /4 CRIT on 100 hosts\s+1 WARN/);
  });

  test('one row per cause; Enter and → open it to its hosts, ← closes it from one of them', async () => {
    const h = harness(storm());
    await h.press('a');
    await sees(h.frame, 'health-failing api · 100 hosts');
    const rows = h
      .frame()
      .split('\n')
      .filter((l) => / · \d+ hosts?$/.test(l.trimEnd()) || /CRITICAL|WARNING/.test(l));
    expect(rows).toHaveLength(5);
    expect(h.frame()).toContain('Alerts · 401 open · 401 listed · 4 grouped (Enter opens)');
    expect(h.selectedLine()).toMatch(/CRITICAL\s+firing\s+▸ 100 hosts\s+health-failing/);
    await h.press(ENTER);
    await sees(h.frame, '▾ 100 hosts');
    await sees(h.frame, stormHost(1));
    expect(h.frame()).toContain(stormHost(2));
    await h.press(ENTER);
    await sees(h.frame, '▸ 100 hosts');
    expect(h.frame()).not.toContain(stormHost(1));
    await h.press(RIGHT, 'j', 'j');
    expect(h.selectedLine()).toContain(stormHost(2));
    await h.press(LEFT);
    await sees(h.frame, '▸ 100 hosts');
    expect(h.selectedLine()).toContain('▸ 100 hosts');
  });

  test('A on a group acknowledges each of its 100 hosts, with the one comment', async () => {
    const h = harness(storm());
    await h.press('a', 'A', 'vendor outage', ENTER);
    await sees(h.frame, 'acknowledged health-failing api on 100 hosts');
    const acks = h.calls.filter((c) => c.startsWith('ack riskctl|health-failing|'));
    expect(acks).toHaveLength(100);
    expect(new Set(acks).size).toBe(100);
    expect(acks.every((c) => c.endsWith('|api vendor outage'))).toBe(true);
    expect(h.calls).toHaveLength(101);
    expect(h.calls.at(-1)).toBe('published once for 100');
    // Acknowledged, the group still lists (as "ack") and still counts.
    await h.press('g');
    await sees(h.frame, 'ack');
    await matches(h.frame, /4 CRIT on 100 hosts/);
  });

  test('a filter narrows a group to what it shows, and A then acts on those only (one call each without acknowledgeAll)', async () => {
    const h = harness(storm(), { batched: false });
    await h.press('a', '/', ...`health ${stormHost(1).slice(0, -1)}`, ENTER);
    // host-001 … host-009 and host-00 prefix: nine hosts.
    await sees(h.frame, 'health-failing api · 9 hosts');
    await h.press('A', 'checking', ENTER);
    await sees(h.frame, 'acknowledged health-failing api on 9 hosts');
    expect(h.calls).toHaveLength(9);
  });
});
