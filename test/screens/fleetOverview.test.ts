/** The overview's pure fleet functions, table-driven on one fixture fleet (fleetFixtures.ts). */
import { describe, expect, test } from 'vitest';
import { parseHostFilter, type HostFilter } from '../../src/screens/parseHostFilter';
import { filterHosts } from '../../src/screens/hostFilter';
import { nextSort, sortHosts, type HostAlertCount, type HostSort } from '../../src/screens/sortHosts';
import { groupHosts, summarizeGroup } from '../../src/screens/groupHosts';
import { isGroupRow, listedHosts, overviewRows, type OverviewOrder } from '../../src/screens/overviewRows';
import { groupCell } from '../../src/screens/groupRowCells';
import { hostAlertCounts } from '../../src/screens/hostAlertCounts';
import { fleetUiReducer, INITIAL_FLEET_UI } from '../../src/screens/fleetUi';
import { DEFAULT_THRESHOLDS } from '../../src/screens/format';
import { fleetEntries } from './fleetFixtures';

const T = DEFAULT_THRESHOLDS;
const { order, hosts, list } = fleetEntries();
const names = (l: readonly { name: string }[]) => l.map((e) => e.name);

describe('parseHostFilter', () => {
  test.each<[string, HostFilter]>([
    ['', { names: [], tags: [] }],
    ['web', { names: ['web'], tags: [] }],
    ['tag:DB web', { names: ['web'], tags: ['db'] }],
    ['  Tag:prod   tag:db ', { names: [], tags: ['prod', 'db'] }],
    ['tag:', { names: [], tags: [] }],
    ['db tag:', { names: ['db'], tags: [] }],
  ])('%j', (text, want) => {
    expect(parseHostFilter(text)).toEqual(want);
  });
});

describe('filterHosts: name words and tag:NAME', () => {
  test.each<[string, string[]]>([
    ['', order],
    ['WEB', ['web-2', 'web-10']],
    ['1', ['db-10', 'web-10', 'cache-1', 'batch-1']],
    ['tag:db', ['db-10', 'db-2']],
    ['tag:production web', ['web-2']],
    ['tag:web 10', ['web-10']],
    ['tag:production tag:db', ['db-10']],
    ['tag:prod', []],
    ['tag:nope', []],
  ])('%j', (filter, want) => {
    expect(filterHosts(order, filter, hosts)).toEqual(want);
  });

  test("without the hosts' tags a tag: word keeps no host, and a name filter works as before", () => {
    expect(filterHosts(order, 'tag:db')).toEqual([]);
    expect(filterHosts(order, 'db')).toEqual(['db-10', 'db-2']);
  });
});

describe('sortHosts', () => {
  const alerts = new Map<string, HostAlertCount>([
    ['db-2', { critical: 1, warning: 0 }],
    ['web-2', { critical: 0, warning: 2 }],
  ]);
  test.each<[HostSort, Map<string, HostAlertCount> | undefined, string[]]>([
    ['config', undefined, ['web-2', 'db-10', 'web-10', 'db-2', 'cache-1', 'batch-1']],
    ['name', undefined, ['batch-1', 'cache-1', 'db-2', 'db-10', 'web-2', 'web-10']],
    ['cpu', undefined, ['web-10', 'web-2', 'db-10', 'db-2', 'cache-1', 'batch-1']],
    ['memory', undefined, ['db-2', 'db-10', 'web-2', 'web-10', 'cache-1', 'batch-1']],
    ['disk', undefined, ['db-10', 'web-10', 'web-2', 'db-2', 'cache-1', 'batch-1']],
    // No alerts: error, then connecting, then the figure furthest past its threshold (web-10 cpu 90/70, db-10 disk 97/85, db-2 mem 60/80, web-2 cpu 50/70).
    ['worst', undefined, ['cache-1', 'batch-1', 'web-10', 'db-10', 'db-2', 'web-2']],
    // Criticals before warnings before everything else.
    ['worst', alerts, ['db-2', 'web-2', 'cache-1', 'batch-1', 'web-10', 'db-10']],
  ])('%s %#', (sort, a, want) => {
    expect(names(sortHosts(list, sort, T, a))).toEqual(want);
  });

  test('thresholds are what "worst" measures against', () => {
    // Disk at 97 stops being the worst once the disk threshold is 99 and CPU's is 50: web-10 cpu 90/50 leads, web-2 50/50 passes db-10.
    const sorted = sortHosts(list, 'worst', { ...T, cpu: 50, disk: 99 });
    expect(names(sorted).slice(2)).toEqual(['web-10', 'web-2', 'db-10', 'db-2']);
  });

  // Equal hosts keep config order under every sort, so a list of alike hosts does not shuffle between polls.
  const ties = fleetEntries([
    { name: 'n-3', tags: ['a'], state: 'connected', figures: [40, 40, 40] },
    { name: 'n-1', tags: ['b'], state: 'connected', figures: [40, 40, 40] },
    { name: 'n-2', tags: ['a'], state: 'connected', figures: [40, 40, 40] },
  ]).list;
  test.each<[HostSort, string[]]>([
    ['config', ['n-3', 'n-1', 'n-2']],
    ['worst', ['n-3', 'n-1', 'n-2']],
    ['cpu', ['n-3', 'n-1', 'n-2']],
    ['memory', ['n-3', 'n-1', 'n-2']],
    ['disk', ['n-3', 'n-1', 'n-2']],
    ['name', ['n-1', 'n-2', 'n-3']],
  ])('ties under %s', (sort, want) => {
    expect(names(sortHosts(ties, sort, T))).toEqual(want);
    // Sorting the sorted list again changes nothing.
    expect(names(sortHosts(sortHosts(ties, sort, T), sort, T))).toEqual(want);
  });

  test('a fleet of 100: worst first is the error, then the figures furthest past their thresholds', () => {
    const fleet = fleetEntries(
      Array.from({ length: 100 }, (_, i) => ({
        name: `h-${i + 1}`,
        tags: [i % 2 ? 'web' : 'db'],
        state: i === 57 ? ('error' as const) : ('connected' as const),
        figures: i === 57 ? null : ([i % 10, 5, i === 3 ? 99 : 10] as [number, number, number]),
      })),
    ).list;
    const sorted = names(sortHosts(fleet, 'worst', T));
    expect(sorted.slice(0, 2)).toEqual(['h-58', 'h-4']);
    // Then CPU 9 % (h-10, h-20 …) in config order.
    expect(sorted.slice(2, 5)).toEqual(['h-10', 'h-20', 'h-30']);
    expect(new Set(sorted).size).toBe(100);
    const groups = groupHosts(sortHosts(fleet, 'worst', T), 'worst');
    expect(groups.map((g) => [g.tag, g.hosts.length])).toEqual([
      ['web', 50],
      ['db', 50],
    ]);
  });

  test('the sort key steps through every order and back', () => {
    const seen: HostSort[] = [];
    let s: HostSort = 'config';
    for (let i = 0; i < 6; i++) seen.push((s = nextSort(s)));
    expect(seen).toEqual(['worst', 'name', 'cpu', 'memory', 'disk', 'config']);
  });
});

describe('hostAlertCounts', () => {
  test('open alerts count; pending, resolved, expected and INFO do not', () => {
    const a = (host: string, severity: 'CRITICAL' | 'WARNING' | 'INFO', state: 'firing' | 'acknowledged' | 'pending' | 'resolved', expected = false) => ({
      host,
      severity,
      state,
      expected,
    });
    const counts = hostAlertCounts([
      a('h1', 'CRITICAL', 'firing'),
      a('h1', 'CRITICAL', 'acknowledged'),
      a('h1', 'WARNING', 'firing'),
      a('h2', 'CRITICAL', 'pending'),
      a('h2', 'CRITICAL', 'resolved'),
      a('h2', 'CRITICAL', 'firing', true),
      a('h3', 'INFO', 'firing'),
    ]);
    expect(Object.fromEntries(counts)).toEqual({ h1: { critical: 2, warning: 1 } });
  });
});

describe('groupHosts', () => {
  test.each<[HostSort, Array<[string, string[]]>]>([
    // Groups in the order of their first member; untagged last.
    [
      'worst',
      [
        ['production', ['cache-1', 'db-10', 'web-2']],
        ['staging', ['web-10', 'db-2']],
        ['untagged', ['batch-1']],
      ],
    ],
    [
      'config',
      [
        ['production', ['web-2', 'db-10', 'cache-1']],
        ['staging', ['web-10', 'db-2']],
        ['untagged', ['batch-1']],
      ],
    ],
    // By name, groups come in tag order.
    [
      'name',
      [
        ['production', ['cache-1', 'db-10', 'web-2']],
        ['staging', ['db-2', 'web-10']],
        ['untagged', ['batch-1']],
      ],
    ],
  ])('%s', (sort, want) => {
    const groups = groupHosts(sortHosts(list, sort, T), sort);
    expect(groups.map((g) => [g.tag, names(g.hosts)])).toEqual(want);
  });

  test("a group line: hosts up, each figure's highest and whose, the worst against its threshold", () => {
    const [production] = groupHosts(list, 'config');
    const s = summarizeGroup(production!, T);
    expect(s).toMatchObject({ tag: 'production', total: 3, up: 2 });
    expect(s.max.cpu).toMatchObject({ value: 50, host: 'web-2' });
    expect(s.max.memory).toMatchObject({ value: 50, host: 'db-10' });
    expect(s.max.disk).toMatchObject({ value: 97, host: 'db-10' });
    expect(s.worst).toMatchObject({ figure: 'disk', value: 97, host: 'db-10' });
    expect(groupCell('NAME', s, T).text).toBe('▾ production');
    expect(groupCell('STATE', s, T)).toMatchObject({ text: '2/3 up', tone: 'warning' });
    expect(groupCell('DISK', s, T)).toMatchObject({ text: '97% db-10', tone: 'critical', bold: true });
    expect(groupCell('CPU', s, T)).toMatchObject({ text: '50%', bold: false });
    expect(groupCell('LOAD', s, T).text).toBe('');
  });

  test('a group with nothing measured has no figures', () => {
    const s = summarizeGroup({ tag: 'untagged', hosts: list.filter((e) => e.name === 'batch-1') }, T);
    expect(s).toMatchObject({ total: 1, up: 0, worst: null, max: { cpu: null, memory: null, disk: null } });
    expect(groupCell('STATE', s, T).tone).toBe('critical');
  });
});

describe('overviewRows and listedHosts', () => {
  const rowText = (rows: ReturnType<typeof overviewRows>) =>
    rows.map((r) => (isGroupRow(r) ? `[${r.group.tag} ${r.group.up}/${r.group.total}]` : `${r.n}:${r.entry.name}`));
  test.each<[string, OverviewOrder, string, string[]]>([
    ['config order, ungrouped', { sort: 'config', byTag: false }, '', ['1:web-2', '2:db-10', '3:web-10', '4:db-2', '5:cache-1', '6:batch-1']],
    [
      'sorted by disk, numbers stay config positions',
      { sort: 'disk', byTag: false },
      '',
      ['2:db-10', '3:web-10', '1:web-2', '4:db-2', '5:cache-1', '6:batch-1'],
    ],
    ['filtered by tag', { sort: 'name', byTag: false }, 'tag:db', ['4:db-2', '2:db-10']],
    [
      'grouped, worst first',
      { sort: 'worst', byTag: true },
      '',
      ['[production 2/3]', '5:cache-1', '2:db-10', '1:web-2', '[staging 2/2]', '3:web-10', '4:db-2', '[untagged 0/1]', '6:batch-1'],
    ],
    // The group lines count what the filter shows; groups left empty go.
    ['grouped and filtered', { sort: 'config', byTag: true }, 'tag:db', ['[production 1/1]', '2:db-10', '[staging 1/1]', '4:db-2']],
  ])('%s', (_name, how, filter, want) => {
    expect(rowText(overviewRows(order, hosts, filter, how, T))).toEqual(want);
  });

  test('listedHosts is the hosts of the rows, before the filter: what j/k walk', () => {
    for (const how of [
      { sort: 'worst', byTag: true },
      { sort: 'cpu', byTag: false },
      { sort: 'name', byTag: true },
    ] as OverviewOrder[]) {
      const rows = overviewRows(order, hosts, '', how, T);
      expect(listedHosts(order, hosts, how, T)).toEqual(rows.flatMap((r) => (isGroupRow(r) ? [] : [r.entry.name])));
    }
  });
});

describe('fleetUiReducer', () => {
  test('s cycles the sort, t toggles grouping, groups open and close', () => {
    let s = fleetUiReducer(INITIAL_FLEET_UI, { type: 'cycleSort' });
    expect(s.sort).toBe('worst');
    s = fleetUiReducer(s, { type: 'toggleByTag' });
    expect(s.byTag).toBe(true);
    s = fleetUiReducer(s, { type: 'openGroup', key: 'g1' });
    s = fleetUiReducer(s, { type: 'openGroup', key: 'g2', open: true });
    expect(s.openGroups).toEqual(['g1', 'g2']);
    expect(fleetUiReducer(s, { type: 'openGroup', key: 'g2', open: true })).toBe(s);
    s = fleetUiReducer(s, { type: 'openGroup', key: 'g1' });
    s = fleetUiReducer(s, { type: 'openGroup', key: 'g2', open: false });
    expect(s.openGroups).toEqual([]);
  });
});
