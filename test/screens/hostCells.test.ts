import { describe, expect, test } from 'vitest';
import { createLiveStore, setHostStatus, setResources, setResourcesError, type HostEntry } from '../../src/services/liveStore';
import { DEFAULT_THRESHOLDS } from '../../src/screens/format';
import { cpuCell, diskCell, loadCell, memCell, stateText, updatedCell, worstDisk, type FigureContext } from '../../src/screens/hostCells';
import { detailLine } from '../../src/screens/OverviewScreen';
import { overviewColumns } from '../../src/screens/overviewColumns';
import { lastError } from '../../src/screens/HostsScreen';
import { cpuValue, errorLine, fsScrollMax, resourcesLayout } from '../../src/screens/ResourcesScreen';
import { hostRows, nameWidth } from '../../src/screens/hostRows';
import { DB, WEB, snapshot } from './fixtures';

const NOW = 10_000_000;
const ctx: FigureContext = { now: NOW, refreshMs: 2000, thresholds: DEFAULT_THRESHOLDS };

function entry(setup: (store: ReturnType<typeof createLiveStore>) => void): HostEntry {
  const store = createLiveStore([{ name: 'h', tags: [], production: false, address: 'x' }]);
  setup(store);
  return store.getState().hosts.h as HostEntry;
}

describe('state in words', () => {
  test.each<[HostEntry['state'], string | null, string]>([
    ['connected', null, 'connected'],
    ['connecting', null, 'connecting'],
    ['idle', null, 'idle'],
    ['disconnected', 'closed by peer', 'disconnected (closed by peer)'],
    ['error', 'auth failed:\n  publickey', 'error (auth failed: publickey)'],
    ['error', null, 'error'],
  ])('%s / %j → %s', (state, error, text) => expect(stateText({ state, error })).toBe(text));
});

describe('figure cells on fixtures', () => {
  const web = entry((s) => setResources(s, 'h', WEB, NOW - 1000));
  const db = entry((s) => setResources(s, 'h', DB, NOW - 1000));
  const empty = entry(() => {});
  const stale = entry((s) => setResources(s, 'h', WEB, NOW - 60_000));
  const firstPoll = entry((s) => setResources(s, 'h', snapshot({ cpuPercent: null }), NOW));

  test.each([
    ['web cpu', cpuCell(web, ctx), { text: '42%', tone: undefined }],
    ['db cpu over 70%', cpuCell(db, ctx), { text: '85%', tone: 'warning' }],
    ['first remote poll has no CPU yet', cpuCell(firstPoll, ctx), { text: '…' }],
    ['no data', cpuCell(empty, ctx), { text: '—', tone: 'muted' }],
    ['stale figures are dimmed', cpuCell(stale, ctx), { text: '42%', tone: 'muted' }],
    ['web mem', memCell(web, ctx), { text: '63%' }],
    ['worst disk with its mount, warning', diskCell(web, ctx), { text: '88% /var', tone: 'warning' }],
    ['worst disk critical', diskCell(db, ctx), { text: '97% /srv/pgdata', tone: 'critical', bold: true }],
    ['load under cores', loadCell(web, ctx), { text: '0.75/4' }],
    ['load over cores', loadCell(db, ctx), { text: '6.50/4', tone: 'warning' }],
    ['fresh', updatedCell(web, ctx), { text: '1s ago', tone: 'muted' }],
    ['stale', updatedCell(stale, ctx), { text: 'stale 1m', tone: 'warning' }],
    ['never polled', updatedCell(empty, ctx), { text: 'never' }],
  ])('%s', (_n, cell, expected) => expect(cell).toMatchObject(expected));

  test('a failed poll is flagged while the figures stay', () => {
    const e = entry((s) => {
      setResources(s, 'h', WEB, NOW - 10_000);
      setResourcesError(s, 'h', 'df timed out');
    });
    expect(updatedCell(e, ctx)).toMatchObject({ text: 'stale 10s ✗', tone: 'warning' });
    expect(cpuCell(e, ctx).text).toBe('42%');
    expect(errorLine(e)).toBe('✗ last poll failed: df timed out — showing the last figures (stale)');
    expect(lastError(e)).toBe('poll: df timed out');
  });

  test('worst disk', () => {
    expect(worstDisk(DB.disks)?.mount).toBe('/srv/pgdata');
    expect(worstDisk([])).toBeNull();
  });

  test('the overview row reads left to right', () => {
    const row = { n: 2, entry: { ...db, name: 'db-1' } };
    const texts = overviewColumns(ctx, 8).map((c) => c.cell(row).text);
    expect(texts).toEqual(['2', 'db-1', '', 'idle', '85%', '71%', '97% /srv/pgdata', '6.50/4', '3d 4h', '1s ago']);
  });
});

describe('detail and error lines', () => {
  test('the overview footer carries the full connection error', () => {
    const e = entry((s) => setHostStatus(s, 'h', { state: 'error', error: 'connect ECONNREFUSED 127.0.0.9:2222', since: NOW }));
    expect(detailLine(e)).toBe('h: connect ECONNREFUSED 127.0.0.9:2222');
    expect(detailLine(entry(() => {}))).toBeNull();
  });

  test('a connection error without figures', () => {
    const e = entry((s) => setHostStatus(s, 'h', { state: 'error', error: 'auth failed', since: NOW }));
    expect(errorLine(e)).toBe('✗ error (auth failed)');
  });

  test('poll warnings show when nothing failed', () => {
    const e = entry((s) => setResources(s, 'h', snapshot({ warnings: ['df timed out on /mnt/nfs'] }), NOW));
    expect(errorLine(e)).toBe('⚠ df timed out on /mnt/nfs');
  });

  test('cpu value mentions iowait and steal when they matter', () => {
    expect(cpuValue(snapshot({ cpuPercent: 40, cpuIowait: 12, cpuSteal: 0.2 }))).toBe('40% wa 12%');
    expect(cpuValue(snapshot({ cpuPercent: null }))).toBe('measuring…');
  });
});

describe('resources layout', () => {
  test.each<[number, boolean, ReturnType<typeof resourcesLayout>]>([
    [20, false, { errorH: 0, gaugesH: 4, processesH: 0, spacerH: 1, tableH: 14, ioH: 0 }],
    [20, true, { errorH: 1, gaugesH: 4, processesH: 0, spacerH: 1, tableH: 13, ioH: 0 }],
    [6, false, { errorH: 0, gaugesH: 4, processesH: 0, spacerH: 0, tableH: 1, ioH: 0 }],
    [3, true, { errorH: 1, gaugesH: 1, processesH: 0, spacerH: 0, tableH: 0, ioH: 0 }],
    [0, true, { errorH: 0, gaugesH: 0, processesH: 0, spacerH: 0, tableH: 0, ioH: 0 }],
  ])('height %s error %s', (h, err, out) => expect(resourcesLayout(h, err)).toEqual(out));

  // The top processes (header and five) under the gauges only while four filesystem lines still fit below them.
  test.each<[number, ReturnType<typeof resourcesLayout>]>([
    [20, { errorH: 0, gaugesH: 4, processesH: 6, spacerH: 1, tableH: 8, ioH: 0 }],
    [15, { errorH: 0, gaugesH: 4, processesH: 6, spacerH: 1, tableH: 3, ioH: 0 }],
    [14, { errorH: 0, gaugesH: 4, processesH: 0, spacerH: 1, tableH: 8, ioH: 0 }],
  ])('height %s with the top processes', (h, out) => expect(resourcesLayout(h, false, true)).toEqual(out));

  test.each<[number, number, Pick<ReturnType<typeof resourcesLayout>, 'tableH' | 'ioH'>]>([
    // Room for all: the filesystems keep the rest.
    [28, 6, { tableH: 16, ioH: 6 }],
    // The filesystem table keeps its header and three rows first.
    [14, 10, { tableH: 4, ioH: 4 }],
    // Under four lines left, no I/O section at all.
    [11, 6, { tableH: 5, ioH: 0 }],
  ])('height %s with %s I/O lines', (h, io, out) => expect(resourcesLayout(h, false, false, io)).toMatchObject(out));

  test('filesystem scroll bound', () => {
    const many = entry((s) => setResources(s, 'h', snapshot({ disks: Array.from({ length: 30 }, (_, i) => ({ ...WEB.disks[0]!, mount: `/m${i}` })) }), NOW));
    // height 20: table 14 lines = header + 13 rows; 30 disks → 17 more
    expect(fsScrollMax(many, 20)).toBe(17);
    expect(fsScrollMax(null, 20)).toBe(0);
    // Six lines fewer for the filesystems with the top processes shown.
    expect(fsScrollMax(many, 20, undefined, true)).toBe(23);
  });
});

describe('host rows', () => {
  test('config order, filtered by name, numbered by config position', () => {
    const store = createLiveStore(['a-web', 'b-db', 'c-web'].map((name) => ({ name, tags: [], production: false, address: '' })));
    const rows = hostRows(store.getState().order, store.getState().hosts, 'WEB');
    expect(rows.map((r) => [r.n, r.entry.name])).toEqual([
      [1, 'a-web'],
      [3, 'c-web'],
    ]);
  });

  test('name column follows the longest name, within bounds', () => {
    expect(nameWidth(['a'])).toBe(4);
    expect(nameWidth(['a-rather-long-host-name-here-ok'])).toBe(24);
  });
});
