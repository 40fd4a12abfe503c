/** The alerts screen's grouped rows and the status bar's counts of causes and hosts, table-driven. */
import { describe, expect, test } from 'vitest';
import { alertRowKey, alertRows, alertsOfKey, causeCounts, groupStateText, groupTitle, hostsWorthSaying, openGroupOf } from '../../src/screens/alertGroupRows';
import { countSegments, fleetSummary } from '../../src/screens/alertRows';
import { sortAlerts } from '../../src/services/alerts/alertStore';
import type { Alert } from '../../src/services/alerts/types';
import { mkAlert, storm } from './alertStormFixtures';

const api = (host: string, patch: Partial<Alert> = {}) => mkAlert({ host, rule: 'health-failing', target: 'api', ...patch });
const rowText = (rows: ReturnType<typeof alertRows>) =>
  rows.map((r) => (r.kind === 'group' ? `${r.open ? '▾' : '▸'}${groupTitle(r.group)}` : `${r.member ? '  ' : ''}${r.alert.host} ${r.alert.rule}`));

describe('alertRows', () => {
  const three = [api('h1'), api('h2'), api('h3'), mkAlert({ host: 'h2', rule: 'cpu', severity: 'WARNING' })];
  const groupKey = alertRows(three, [])[0]!;
  test.each<[string, Alert[], (k: string) => string[], string[]]>([
    ['a cause on one host is a plain row', [api('h1')], () => [], ['h1 health-failing']],
    ['a cause on three hosts is one row, closed', three, () => [], ['▸health-failing api · 3 hosts', 'h2 cpu']],
    [
      'open, its hosts under it',
      three,
      (k) => [k],
      ['▾health-failing api · 3 hosts', '  h1 health-failing', '  h2 health-failing', '  h3 health-failing', 'h2 cpu'],
    ],
    [
      'resolved members are a row of their own',
      [api('h1'), api('h2'), api('h3', { state: 'resolved' }), api('h4', { state: 'resolved' })],
      () => [],
      ['▸health-failing api · 2 hosts', '▸health-failing api · 2 hosts'],
    ],
    ['expected members (maintenance) too', [api('h1'), api('h2', { expected: true })], () => [], ['h1 health-failing', 'h2 health-failing']],
  ])('%s', (_name, alerts, open, want) => {
    expect(rowText(alertRows(alerts, open(alertRowKey(groupKey))))).toEqual(want);
  });

  test('a group key stands for its members; an alert key for itself; openGroupOf maps members to their open group', () => {
    const [g] = alertRows(three, []);
    const key = alertRowKey(g!);
    expect(alertsOfKey(three, key).map((a) => a.host)).toEqual(['h1', 'h2', 'h3']);
    expect(alertsOfKey(three, three[3]!.key)).toEqual([three[3]]);
    expect(alertsOfKey(three, null)).toEqual([]);
    const of = openGroupOf(alertRows(three, [key]));
    expect([...of.keys()]).toEqual(three.slice(0, 3).map((a) => a.key));
    expect(new Set(of.values())).toEqual(new Set([key]));
    expect(openGroupOf(alertRows(three, [])).size).toBe(0);
  });

  test.each<[string, Alert[], string]>([
    ['all firing', [api('h1'), api('h2')], 'firing'],
    ['all acknowledged', [api('h1', { state: 'acknowledged' }), api('h2', { state: 'acknowledged' })], 'ack'],
    ['some acknowledged', [api('h1', { state: 'acknowledged' }), api('h2'), api('h3')], '1/3 ack'],
  ])('group state: %s', (_name, members, want) => {
    expect(groupStateText({ members })).toBe(want);
  });
});

describe('counting causes and hosts', () => {
  const text = (alerts: Alert[]) => {
    const c = causeCounts(alerts);
    return countSegments(c.causes, 0, hostsWorthSaying(c))
      .map((s) => s.text.trim())
      .join(' | ');
  };
  test.each<[string, Alert[], string]>([
    ['none', [], 'no alerts'],
    ['one each: as before', [api('h1'), mkAlert({ host: 'h2', rule: 'cpu', severity: 'WARNING' })], '1 CRIT | 1 WARN'],
    ['two causes on two hosts, one each', [api('h1'), mkAlert({ host: 'h2', rule: 'disk' })], '2 CRIT'],
    ['two causes on one host', [api('h1'), mkAlert({ host: 'h1', rule: 'disk' })], '2 CRIT on 1 host'],
    ['the storm: 4 causes on 100 hosts, and a lone warning', storm(), '4 CRIT on 100 hosts | 1 WARN'],
    [
      'resolved, pending and expected do not count',
      [api('h1', { state: 'resolved' }), api('h2', { state: 'pending' }), api('h3', { expected: true })],
      'no alerts',
    ],
    ['acknowledged still counts', [api('h1', { state: 'acknowledged' }), api('h2')], '1 CRIT on 2 hosts'],
  ])('%s', (_name, alerts, want) => {
    expect(text(alerts)).toBe(want);
  });

  test('the overview line says the same', () => {
    const c = causeCounts(storm());
    expect(fleetSummary(c.causes, 2, hostsWorthSaying(c))).toBe('Alerts: 4 critical on 100 hosts, 1 warning, 2 expected (maintenance) — a: alerts screen');
    expect(c.alerts).toEqual({ CRITICAL: 400, WARNING: 1, INFO: 0 });
  });

  test('the storm sorted as the store keeps it lists 4 group rows and the warning', () => {
    expect(rowText(alertRows(sortAlerts(storm()), []))).toHaveLength(5);
  });
});
