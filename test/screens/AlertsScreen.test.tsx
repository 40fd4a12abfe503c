import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { App, type AppProps } from '../../src/app/App';
import { createAlertStore, countAlerts, sortAlerts, type AlertActions } from '../../src/services/alerts/alertStore';
import type { Alert } from '../../src/services/alerts/types';
import { recordingActions, seededStore, sees, matches, settled } from './fixtures';

const tick = (ms = 25) => new Promise((r) => setTimeout(r, ms));
const ESC = '\u001b';
const ENTER = '\r';

const alert = (patch: Partial<Alert>): Alert => ({
  severity: 'WARNING',
  rule: 'cpu',
  host: 'web-1',
  target: '',
  value: 91,
  threshold: 70,
  message: 'CPU 91% (≥ 70%)',
  procedure: 'PM-002',
  source: 'riskctl',
  key: `riskctl|${patch.rule ?? 'cpu'}|${patch.host ?? 'web-1'}|`,
  state: 'firing',
  since: Date.now() - 60_000,
  firedAt: Date.now() - 58_000,
  resolvedAt: null,
  ack: null,
  resolution: null,
  expected: false,
  flapping: false,
  silence: null,
  ...patch,
});

function harness(alerts: Alert[], props: Partial<AppProps> = {}) {
  const store = createAlertStore();
  const list = sortAlerts(alerts);
  store.setState({ alerts: list, ...countAlerts(list), windows: [] });
  const calls: string[] = [];
  const actions: AlertActions = {
    acknowledge: async (key, comment, ms) => (calls.push(`ack ${key} ${comment} ${ms ?? ''}`), 'acknowledged it'),
    resolve: async (key, comment) => (calls.push(`resolve ${key} ${comment}`), 'resolved it'),
    startMaintenance: async (host, ms, reason) => (calls.push(`maint ${host} ${ms} ${reason}`), 'maintenance on'),
    endMaintenance: async (host) => (calls.push(`end ${host}`), 'ended'),
  };
  const base: AppProps = {
    store: seededStore(),
    actions: recordingActions(),
    version: '0.1.0',
    onQuit: () => {},
    rows: 24,
    columns: 120,
    alerts: { store, actions, procedureInfo: (id) => (id === 'IR-002' ? { title: 'Service Down Response', purpose: 'Restore service availability' } : null) },
    ...props,
  };
  const r = render(<App {...base} />);
  const frame = () => r.lastFrame() ?? '';
  return {
    store,
    calls,
    frame,
    /** Under load Ink may draw after the key's tick: wait (bounded) for what the test expects. */
    waitFor: async (what: string | RegExp, ms = 3000) => {
      const start = Date.now();
      while (!(typeof what === 'string' ? frame().includes(what) : what.test(frame())) && Date.now() - start < ms) await tick(20);
      return frame();
    },
    press: async (...keys: string[]) => {
      for (const k of keys) {
        r.stdin.write(k);
        await settled(frame);
      }
    },
  };
}

afterEach(() => cleanup());

const down = alert({
  severity: 'CRITICAL',
  rule: 'service-down',
  target: 'api',
  value: 'exited',
  threshold: 'running',
  message: 'service api is exited',
  procedure: 'IR-002',
  host: 'db-1',
});

describe('the alerts screen', () => {
  test('counts by severity in the status bar on every screen, and the fleet count on the overview', async () => {
    const h = harness([down, alert({})]);
    expect(await h.waitFor('Alerts: 1 critical')).toContain('Alerts: 1 critical, 1 warning');
    await matches(h.frame, /1 CRIT\s+1 WARN/);
    await h.press('h');
    await matches(h.frame, /1 CRIT\s+1 WARN/);
  });

  test('lists the most severe first; Enter shows details; P the linked procedure; Esc back', async () => {
    const h = harness([alert({}), down]);
    await h.press('a');
    const lines = (await h.waitFor('service-down')).split('\n');
    const i = lines.findIndex((l) => l.includes('service-down'));
    expect(i).toBeGreaterThan(0);
    expect(lines[i]).toMatch(/CRITICAL\s+firing\s+db-1\s+service-down api\s+exited \/ running.*IR-002/);
    expect(lines.findIndex((l) => l.includes('PM-002'))).toBeGreaterThan(i);
    await h.press(ENTER);
    expect(await h.waitFor('CRITICAL  service-down  on db-1  · api')).toContain('CRITICAL  service-down  on db-1  · api');
    await sees(h.frame, 'procedure IR-002');
    await h.press('P');
    expect(await h.waitFor('Procedure IR-002')).toContain('Procedure IR-002: Service Down Response');
    await sees(h.frame, 'Purpose: Restore service availability');
    await h.press(ESC);
    expect(await h.waitFor('Alerts · 2 open')).toContain('Alerts · 2 open');
  });

  test('A asks for a comment and acknowledges the selected alert with it; a leading duration sets the silence', async () => {
    const h = harness([down, alert({})]);
    await h.press('a', 'j', 'A');
    expect(await h.waitFor('acknowledge, comment:')).toContain('acknowledge, comment:');
    await h.press('30m vendor ticket 4711', ENTER);
    expect(h.calls).toEqual(['ack riskctl|cpu|web-1| vendor ticket 4711 1800000']);
    expect(await h.waitFor('acknowledged it')).toContain('acknowledged it');
  });

  test('R resolves with a comment; an empty comment is refused', async () => {
    const h = harness([down]);
    await h.press('a', 'R', ENTER);
    expect(h.calls).toEqual([]);
    expect(await h.waitFor('a comment is required')).toContain('a comment is required');
    await h.press('R', 'restarted api', ENTER);
    expect(h.calls).toEqual(['resolve riskctl|service-down|db-1| restarted api']);
  });

  test('/ filters the list by any word', async () => {
    const h = harness([down, alert({})]);
    await h.press('a', '/', 'web', ENTER);
    expect(h.frame()).not.toContain('service-down');
    expect(await h.waitFor('filter "web"')).toContain('filter "web"');
  });

  test(':maintenance start on the selected host, on all, and end', async () => {
    const h = harness([]);
    await h.press(':', 'maintenance start 2h kernel update', ENTER);
    await h.press(':', 'maintenance start all 90m MO-001', ENTER);
    await h.press(':', 'maintenance end all', ENTER);
    await h.press(':', 'maintenance start soon', ENTER);
    expect(h.calls).toEqual(['maint web-1 7200000 kernel update', 'maint null 5400000 MO-001', 'end null']);
    expect(await h.waitFor('a duration like 4h')).toContain('a duration like 4h');
  });

  test('the maintenance banner shows the time left; expected alerts are marked', async () => {
    const h = harness([alert({ expected: true })]);
    h.store.setState({
      windows: [{ id: 1, host: 'web-1', reason: 'kernel update', by: 'op', startsAt: Date.now(), endsAt: Date.now() + 3_600_000 - 1, silenceId: null }],
    });
    expect(await h.waitFor('MAINTENANCE')).toMatch(/MAINTENANCE web-1: (1h 00m|59m \d\ds) left — kernel update/);
    await h.press('a');
    expect(await h.waitFor(/WARNING\s+expected\s+web-1/)).toMatch(/WARNING\s+expected\s+web-1/);
    await sees(h.frame, '1 expected');
  });
});
