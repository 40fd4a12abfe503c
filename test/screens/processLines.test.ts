import { describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../../src/services/processes/ProcessInfo';
import { processHeader, processLines, windowStart } from '../../src/screens/processLines';
import { processRows } from '../../src/screens/processRows';
import { INITIAL_PROCESSES_UI, processesUiReducer } from '../../src/screens/processesUi';

const p = (pid: number, ppid: number, user: string, cpu: number, rssMiB: number, elapsed: number, command: string): ProcessInfo => ({
  pid,
  ppid,
  user,
  cpuPercent: cpu,
  memPercent: rssMiB / 10,
  rssBytes: rssMiB * 1024 * 1024,
  state: 'S',
  elapsedSeconds: elapsed,
  command,
});

const FIXTURE: ProcessInfo[] = [
  p(1, 0, 'root', 0.1, 12, 86400, '/sbin/init'),
  p(800, 1, 'postgres', 3, 400, 80000, 'postgres -D /var/lib/postgresql'),
  p(812, 800, 'postgres', 40, 90, 50, 'postgres: risk risk_platform 127.0.0.1(5050) SELECT'),
  p(900, 1, 'app', 95.5, 700, 3600, 'node /srv/app/server.js --port 3000'),
  p(901, 900, 'app', 0, 30, 3500, 'sh -c backup.sh'),
];

describe('processRows', () => {
  it.each([
    { name: 'CPU, highest first', sort: 'cpu' as const, want: [900, 812, 800, 1, 901] },
    { name: 'memory (RSS), highest first', sort: 'memory' as const, want: [900, 800, 812, 901, 1] },
    { name: 'PID ascending', sort: 'pid' as const, want: [1, 800, 812, 900, 901] },
    { name: 'elapsed, longest first', sort: 'time' as const, want: [1, 800, 900, 901, 812] },
    { name: 'user, then PID', sort: 'user' as const, want: [900, 901, 800, 812, 1] },
  ])('flat, by $name', ({ sort, want }) => {
    expect(processRows(FIXTURE, { sort, filter: '', tree: false }).map((r) => r.process.pid)).toEqual(want);
  });

  it.each([
    { name: 'by user', filter: 'POSTGRES', want: [812, 800] },
    { name: 'by command line', filter: 'server.js', want: [900] },
    { name: 'by exact PID', filter: '901', want: [901] },
    { name: 'nothing', filter: 'nginx', want: [] },
  ])('filters $name', ({ filter, want }) => {
    expect(processRows(FIXTURE, { sort: 'cpu', filter, tree: false }).map((r) => r.process.pid)).toEqual(want);
  });

  it('tree: children under their parent, siblings in the sort order', () => {
    const rows = processRows(FIXTURE, { sort: 'cpu', filter: '', tree: true });
    expect(rows.map((r) => [r.process.pid, r.depth])).toEqual([
      [1, 0],
      [900, 1],
      [901, 2],
      [800, 1],
      [812, 2],
    ]);
  });

  it('tree: a process whose parent is filtered out is a root', () => {
    const rows = processRows(FIXTURE, { sort: 'cpu', filter: 'postgres', tree: true });
    expect(rows.map((r) => [r.process.pid, r.depth])).toEqual([
      [800, 0],
      [812, 1],
    ]);
  });

  it('tree: a parent loop (PID reused between readings) does not hang', () => {
    const loop = [p(5, 6, 'a', 0, 1, 1, 'a'), p(6, 5, 'b', 0, 1, 1, 'b')];
    expect(processRows(loop, { sort: 'pid', filter: '', tree: true })).toEqual([]);
  });
});

describe('processLines', () => {
  const rows = processRows(FIXTURE, { sort: 'cpu', filter: '', tree: false });

  it('header marks the sort column', () => {
    expect(processHeader('memory', 80)).toBe('      PID USER         CPU% MEM%▼       RSS S     ELAPSED COMMAND'.padEnd(80));
  });

  it.each([
    {
      name: 'a full row at 100 columns',
      width: 100,
      height: 3,
      selected: 900,
      want: [
        '   PID▼USER         CPU%▼ MEM%       RSS S     ELAPSED COMMAND',
        '›     900 app          95.5  70.0   700 MiB S          1h node /srv/app/server.js --port 3000',
        '      812 postgres     40.0   9.0    90 MiB S         50s postgres: risk risk_platform 127.0.0.1(50…',
      ],
    },
    {
      name: 'a narrow terminal cuts the command line with an ellipsis',
      width: 70,
      height: 2,
      selected: 900,
      want: ['   PID▼USER         CPU%▼ MEM%       RSS S     ELAPSED COMMAND', '›     900 app          95.5  70.0   700 MiB S          1h node /srv/a…'],
    },
  ])('$name', ({ width, height, selected, want }) => {
    const lines = processLines(rows, { selectedPid: selected, sort: 'cpu', width, height, empty: '' });
    // The header marker shifts with the sort column; the rows are what this table pins.
    expect(lines.slice(1).map((l) => l.text.trimEnd())).toEqual(want.slice(1));
    expect(lines.every((l) => l.text.length === width)).toBe(true);
    expect(lines.filter((l) => l.selected).map((l) => l.pid)).toEqual([selected]);
  });

  it('tree view draws the branch before the command line', () => {
    const tree = processRows(FIXTURE, { sort: 'cpu', filter: '', tree: true });
    const lines = processLines(tree, { selectedPid: 1, sort: 'cpu', width: 120, height: 6, empty: '' });
    expect(lines.map((l) => l.text.slice(58).trimEnd())).toEqual([
      'COMMAND',
      '/sbin/init',
      '└ node /srv/app/server.js --port 3000',
      '  └ sh -c backup.sh',
      '└ postgres -D /var/lib/postgresql',
      '  └ postgres: risk risk_platform 127.0.0.1(5050) SELECT',
    ]);
  });

  it('the window follows the selection down the list', () => {
    const lines = processLines(rows, { selectedPid: 901, sort: 'cpu', width: 80, height: 3, empty: '' });
    expect(lines.map((l) => l.pid)).toEqual([null, 1, 901]);
  });

  it('an empty list says why', () => {
    expect(processLines([], { selectedPid: null, sort: 'cpu', width: 40, height: 5, empty: 'no process matches "x"' })[1]!.text.trimEnd()).toBe(
      'no process matches "x"',
    );
  });

  it.each([
    [0, 10, 3, 0],
    [2, 10, 3, 0],
    [3, 10, 3, 1],
    [9, 10, 3, 7],
    [-1, 10, 3, 0],
    [5, 2, 3, 0],
  ])('windowStart(selected %i, count %i, height %i) = %i', (sel, count, h, want) => {
    expect(windowStart(sel, count, h)).toBe(want);
  });
});

describe('processesUiReducer', () => {
  it('keeps the selection on its PID when the list re-sorts', () => {
    const s = processesUiReducer(INITIAL_PROCESSES_UI, { type: 'select', by: 1, pids: [900, 812, 800] });
    expect(s.pid).toBe(900);
    const moved = processesUiReducer(s, { type: 'select', by: 1, pids: [812, 900, 800] });
    expect(moved.pid).toBe(800);
    expect(processesUiReducer(s, { type: 'sort', sort: 'pid' }).pid).toBe(900);
  });

  it.each([
    [{ type: 'sort', sort: 'memory' } as const, { sort: 'memory' }],
    [{ type: 'filter', text: '  pg ' } as const, { filter: 'pg' }],
    [{ type: 'tree' } as const, { tree: true }],
    [{ type: 'select', by: 'bottom', pids: [3, 2, 1] } as const, { pid: 1 }],
    [{ type: 'select', by: 1, pids: [] } as const, { pid: null }],
  ])('%j', (event, want) => {
    expect(processesUiReducer(INITIAL_PROCESSES_UI, event)).toMatchObject(want);
  });
});
