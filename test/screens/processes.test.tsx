import { afterEach, describe, expect, test } from 'vitest';
import React from 'react';
import { cleanup, render } from 'ink-testing-library';
import { createStore } from 'zustand/vanilla';
import { App } from '../../src/app/App';
import type { ProcessesProps } from '../../src/app/useProcessesView';
import type { ProcessInfo } from '../../src/services/processes/ProcessInfo';
import type { ProcessesState } from '../../src/services/processes/ProcessesWatch';
import { matches, recordingActions, sees, seededStore, settled } from './fixtures';

const ENTER = '\r';
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

const p = (pid: number, ppid: number, user: string, cpu: number, rssMiB: number, command: string): ProcessInfo => ({
  pid,
  ppid,
  user,
  cpuPercent: cpu,
  memPercent: rssMiB / 10,
  rssBytes: rssMiB * 1024 * 1024,
  state: 'S',
  elapsedSeconds: 600,
  command,
});

const FIRST = [
  p(1, 0, 'root', 0.1, 12, '/sbin/init'),
  p(900, 1, 'app', 95.5, 700, 'node /srv/app/server.js'),
  p(812, 1, 'postgres', 40, 90, 'postgres: checkpointer'),
];

function harness() {
  const watched: Array<string | null> = [];
  const store = createStore<ProcessesState>()(() => ({ host: null, processes: null, readAt: null, error: null }));
  const processes: ProcessesProps = {
    store,
    watch: (h) => {
      if (watched.at(-1) !== h) watched.push(h);
      store.setState({ host: h, processes: h === null ? null : FIRST, readAt: Date.now(), error: null });
    },
  };
  const r = render(<App store={seededStore()} actions={recordingActions()} processes={processes} version="0.1.0" onQuit={() => {}} rows={20} columns={110} />);
  return { ...r, watched, store };
}

/** The frame line listing this PID. */
const lineOf = (frame: string, pid: number) => frame.split('\n').find((l) => new RegExp(`^[› ] +${pid} `).test(l)) ?? '';
const SELECTED = '› ';

afterEach(() => cleanup());

describe('processes screen', () => {
  test('T opens it on the selected host, sorted by CPU, and reads nothing before or after', async () => {
    const r = harness();
    await settled(r.lastFrame as () => string);
    expect(r.watched.filter((h) => h !== null)).toEqual([]);
    r.stdin.write('T');
    await sees(r.lastFrame as () => string, 'Processes web-1');
    expect(r.watched).toContain('web-1');
    await matches(r.lastFrame as () => string, /^› +900 /m);
    const f = r.lastFrame()!;
    expect(f.indexOf('server.js')).toBeLessThan(f.indexOf('checkpointer'));
    expect(f.indexOf('checkpointer')).toBeLessThan(f.indexOf('/sbin/init'));
    expect(lineOf(f, 900)).toContain(SELECTED);
    r.stdin.write('o');
    await sees(r.lastFrame as () => string, 'web-1');
    await matches(r.lastFrame as () => string, /^(?![\s\S]*Processes web-1)/);
    expect(r.watched.at(-1)).toBeNull();
  });

  test('the selection stays on its PID while the list re-sorts', async () => {
    const r = harness();
    r.stdin.write(':top');
    await tick();
    r.stdin.write(ENTER);
    await sees(r.lastFrame as () => string, 'Processes web-1');
    r.stdin.write('j');
    await matches(r.lastFrame as () => string, /^› +812 /m);
    // The next reading: 812 is now the busiest.
    r.store.setState({
      processes: [
        p(1, 0, 'root', 0.1, 12, '/sbin/init'),
        p(900, 1, 'app', 1, 700, 'node /srv/app/server.js'),
        p(812, 1, 'postgres', 99, 90, 'postgres: checkpointer'),
      ],
    });
    await settled(r.lastFrame as () => string);
    const f = r.lastFrame()!;
    expect(f.indexOf('checkpointer')).toBeLessThan(f.indexOf('server.js'));
    expect(lineOf(f, 812)).toContain(SELECTED);
    expect(lineOf(f, 900)).not.toContain(SELECTED);
  });

  test.each([
    { keys: ['M'], first: 900, header: 'MEM%▼' },
    { keys: ['P'], first: 1, header: 'PID▼' },
    { keys: ['U'], first: 900, header: 'USER▼' },
  ])('$keys sorts: $header', async ({ keys, first, header }) => {
    const r = harness();
    r.stdin.write('T');
    await sees(r.lastFrame as () => string, 'Processes web-1');
    for (const k of keys) r.stdin.write(k);
    await sees(r.lastFrame as () => string, header);
    const rows = r.lastFrame()!.split('\n').slice(3);
    expect(rows[0]).toMatch(new RegExp(`\\s${first} `));
  });

  test('/ filters by user or command line; t shows the tree', async () => {
    const r = harness();
    r.stdin.write('T');
    await sees(r.lastFrame as () => string, 'Processes web-1');
    r.stdin.write('/');
    await tick();
    r.stdin.write('postgres');
    await tick();
    r.stdin.write(ENTER);
    await sees(r.lastFrame as () => string, '1 of 3 processes matching "postgres"');
    expect(r.lastFrame()).not.toContain('server.js');
    r.stdin.write('\u001b');
    await sees(r.lastFrame as () => string, ' · 3 processes · ');
    r.stdin.write('t');
    await sees(r.lastFrame as () => string, '└ node /srv/app/server.js');
  });
});
