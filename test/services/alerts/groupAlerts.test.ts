/** groupAlerts and the "groups" of alerts --json, table-driven. */
import { describe, expect, test } from 'vitest';
import { groupAlerts, groupsJson, isGroupKey, type Groupable } from '../../../src/services/alerts/groupAlerts';

const g = (host: string, rule: string, target = '', severity: Groupable['severity'] = 'CRITICAL', source: Groupable['source'] = 'riskctl'): Groupable => ({
  host,
  rule,
  target,
  severity,
  source,
});

describe('groupAlerts', () => {
  test.each<[string, Groupable[], Array<[string, string[]]>]>([
    ['nothing', [], []],
    ['one alert is a group of one', [g('h1', 'cpu')], [['riskctl|cpu||CRITICAL', ['h1']]]],
    [
      'one rule and target on three hosts',
      [g('h1', 'health-failing', 'api'), g('h2', 'health-failing', 'api'), g('h3', 'health-failing', 'api')],
      [['riskctl|health-failing|api|CRITICAL', ['h1', 'h2', 'h3']]],
    ],
    [
      'another target is another cause',
      [g('h1', 'health-failing', 'api'), g('h2', 'health-failing', 'web')],
      [
        ['riskctl|health-failing|api|CRITICAL', ['h1']],
        ['riskctl|health-failing|web|CRITICAL', ['h2']],
      ],
    ],
    [
      'another severity is another cause',
      [g('h1', 'disk', '/'), g('h2', 'disk', '/', 'WARNING')],
      [
        ['riskctl|disk|/|CRITICAL', ['h1']],
        ['riskctl|disk|/|WARNING', ['h2']],
      ],
    ],
    [
      'another source is another cause',
      [g('h1', 'HostDown'), g('h2', 'HostDown', '', 'CRITICAL', 'prometheus')],
      [
        ['riskctl|HostDown||CRITICAL', ['h1']],
        ['prometheus|HostDown||CRITICAL', ['h2']],
      ],
    ],
    // Groups in the order of their first member (the list comes most urgent first); a host counted once.
    [
      'interleaved, a host twice',
      [g('h1', 'a'), g('h1', 'b'), g('h2', 'a'), g('h1', 'a')],
      [
        ['riskctl|a||CRITICAL', ['h1', 'h2']],
        ['riskctl|b||CRITICAL', ['h1']],
      ],
    ],
  ])('%s', (_name, alerts, want) => {
    const groups = groupAlerts(alerts);
    expect(groups.map((x) => [x.key.slice('group:'.length), x.hosts])).toEqual(want);
    expect(groups.reduce((n, x) => n + x.members.length, 0)).toBe(alerts.length);
  });

  test('a class splits a cause, and group keys never look like alert keys', () => {
    const list = [
      { ...g('h1', 'a'), state: 'open' },
      { ...g('h2', 'a'), state: 'resolved' },
      { ...g('h3', 'a'), state: 'open' },
    ];
    const groups = groupAlerts(list, (x) => x.state);
    expect(groups.map((x) => x.hosts)).toEqual([['h1', 'h3'], ['h2']]);
    expect(groups.every((x) => isGroupKey(x.key))).toBe(true);
    expect(isGroupKey('riskctl|a|h1|')).toBe(false);
    expect(isGroupKey(null)).toBe(false);
  });
});

describe('groupsJson', () => {
  test('every cause once, with its count and hosts', () => {
    expect(groupsJson([g('h1', 'health-failing', 'api'), g('h2', 'health-failing', 'api'), g('h2', 'cpu', '', 'WARNING')])).toEqual([
      { rule: 'health-failing', target: 'api', source: 'riskctl', severity: 'CRITICAL', count: 2, hosts: ['h1', 'h2'] },
      { rule: 'cpu', target: '', source: 'riskctl', severity: 'WARNING', count: 1, hosts: ['h2'] },
    ]);
  });
});
