/** alerts --json's shape: the per-host entries untouched (the contract), "groups" added. */
import { describe, expect, test } from 'vitest';
import { alertsJson } from '../../src/app/commands/alertsCommand';
import type { AlertJson } from '../../src/services/alerts/types';

const entry = (host: string, rule: string, target = '', severity: AlertJson['severity'] = 'CRITICAL'): AlertJson => ({
  severity,
  rule,
  host,
  target,
  value: null,
  threshold: null,
  message: `${rule} on ${host}`,
  procedure: 'IR-002',
  source: 'riskctl',
  state: 'firing',
});

describe('alertsJson', () => {
  test.each<[string, AlertJson[], Array<[string, string, number]>]>([
    ['no alerts: no groups', [], []],
    [
      'a storm on 100 hosts is one group of 100',
      Array.from({ length: 100 }, (_, i) => entry(`h${i + 1}`, 'health-failing', 'api')),
      [['health-failing', 'api', 100]],
    ],
    [
      'causes apart, in the order of their first entry',
      [entry('a', 'disk-critical', '/'), entry('b', 'disk-critical', '/'), entry('a', 'cpu', '', 'WARNING'), entry('c', 'disk-critical', '/var')],
      [
        ['disk-critical', '/', 2],
        ['cpu', '', 1],
        ['disk-critical', '/var', 1],
      ],
    ],
  ])('%s', (_name, alerts, want) => {
    const out = alertsJson('2026-12-01T00:00:00.000Z', alerts);
    expect(out.alerts).toBe(alerts);
    expect(out.groups.map((g) => [g.rule, g.target, g.count])).toEqual(want);
    for (const g of out.groups) expect(g.hosts).toHaveLength(g.count);
    expect(Object.keys(out)).toEqual(['generatedAt', 'alerts', 'groups']);
  });
});
