// The processes screen's K through the App: the pick list, the confirmation
// modal (y; the host name typed on a production host), the service called
// with what the screen showed. And the resources screen's top five, read
// from the same stream only while it shows.
import { afterEach, describe, expect, test } from 'vitest';
import React from 'react';
import { cleanup, render } from 'ink-testing-library';
import { createStore } from 'zustand/vanilla';
import { App } from '../../src/app/App';
import type { ProcessesProps } from '../../src/app/useProcessesView';
import type { ProcessInfo } from '../../src/services/processes/ProcessInfo';
import type { ProcessesState } from '../../src/services/processes/ProcessesWatch';
import type { ProcessSignal } from '../../src/services/processes/processSignals';
import { matches, recordingActions, sees, seededStore, settled } from './fixtures';

const ENTER = '\r';
const ESC = '\u001b';
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

const p = (pid: number, user: string, cpu: number, command: string): ProcessInfo => ({
  pid,
  ppid: 1,
  user,
  cpuPercent: cpu,
  memPercent: 1,
  rssBytes: 1024 * 1024,
  state: 'S',
  elapsedSeconds: 600,
  command,
  startTicks: 1000 + pid,
});

const PROCS = [
  p(1, 'root', 0.1, '/sbin/init'),
  p(900, 'app', 95.5, 'node /srv/app/server.js'),
  p(812, 'postgres', 40, 'postgres: checkpointer'),
  p(813, 'postgres', 30, 'postgres: walwriter'),
  p(814, 'postgres', 20, 'postgres: autovacuum'),
  p(815, 'postgres', 10, 'postgres: stats'),
  p(816, 'postgres', 5, 'postgres: logger'),
];

interface Sent {
  host: string;
  pid: number;
  signal: ProcessSignal;
  shown: ProcessInfo | null;
  confirmed: boolean;
}

function harness(host: string, opts: { readOnly?: boolean } = {}) {
  const watched: Array<string | null> = [];
  const sent: Sent[] = [];
  const store = createStore<ProcessesState>()(() => ({ host: null, processes: null, readAt: null, error: null }));
  const processes: ProcessesProps = {
    store,
    watch: (h) => {
      if (watched.at(-1) !== h) watched.push(h);
      store.setState({ host: h, processes: h === null ? null : PROCS, readAt: Date.now(), error: null });
    },
    signal: (h, pid, signal, shown, confirmed) => {
      sent.push({ host: h, pid, signal, shown, confirmed });
      return Promise.resolve({ ok: confirmed, message: confirmed ? `sent ${signal} to process ${pid} on ${h}` : 'not done' });
    },
  };
  const live = seededStore();
  if (opts.readOnly) live.setState({ readOnly: true });
  const r = render(
    <App store={live} actions={recordingActions()} processes={processes} version="0.1.0" onQuit={() => {}} rows={24} columns={110} initialHost={host} />,
  );
  const frame = r.lastFrame as () => string;
  return { ...r, frame, watched, sent };
}

afterEach(() => cleanup());

describe('K on the processes screen', () => {
  test('asks which signal, then y, and sends it with the process the screen showed', async () => {
    const r = harness('db-1');
    r.stdin.write('T');
    await sees(r.frame, 'Processes db-1');
    await matches(r.frame, /^› +900 /m);
    r.stdin.write('K');
    await sees(r.frame, 'Send a signal to process 900 (app: node /srv/app/server.js)');
    expect(r.frame()).toContain('› TERM');
    r.stdin.write('j');
    await sees(r.frame, '› KILL');
    r.stdin.write('k');
    await sees(r.frame, '› TERM');
    r.stdin.write(ENTER);
    await sees(r.frame, 'Send TERM to process 900 on');
    expect(r.frame()).toContain('app: node /srv/app/server.js');
    expect(r.sent).toEqual([]);
    r.stdin.write('y');
    await sees(r.frame, 'sent TERM to process 900 on db-1');
    expect(r.sent).toEqual([{ host: 'db-1', pid: 900, signal: 'TERM', shown: PROCS[1], confirmed: true }]);
  });

  test('n at the confirmation sends nothing (the service audits the no)', async () => {
    const r = harness('db-1');
    r.stdin.write('T');
    await matches(r.frame, /^› +900 /m);
    r.stdin.write('K');
    await sees(r.frame, 'Send a signal');
    r.stdin.write(ENTER);
    await sees(r.frame, 'Send TERM to process 900');
    r.stdin.write('n');
    await sees(r.frame, 'not done');
    expect(r.sent.map((s) => s.confirmed)).toEqual([false]);
  });

  test('on a production host the host name is typed', async () => {
    const r = harness('web-1');
    r.stdin.write('T');
    await matches(r.frame, /^› +900 /m);
    r.stdin.write('K');
    await sees(r.frame, 'Send a signal');
    r.stdin.write(ENTER);
    await sees(r.frame, 'Type the host name');
    r.stdin.write('y');
    await tick();
    r.stdin.write(ENTER);
    await sees(r.frame, 'type the host name exactly');
    expect(r.sent).toEqual([]);
    for (const c of 'web-1') r.stdin.write(c);
    await tick();
    r.stdin.write(ENTER);
    await sees(r.frame, 'sent TERM to process 900 on web-1');
    expect(r.sent).toMatchObject([{ host: 'web-1', pid: 900, signal: 'TERM', confirmed: true }]);
  });

  test('Esc closes the list and nothing is asked', async () => {
    const r = harness('db-1');
    r.stdin.write('T');
    await matches(r.frame, /^› +900 /m);
    r.stdin.write('K');
    await sees(r.frame, 'Send a signal');
    r.stdin.write(ESC);
    await settled(r.frame);
    expect(r.frame()).not.toContain('Send a signal');
    expect(r.frame()).toContain('Processes db-1');
    expect(r.sent).toEqual([]);
  });

  test('under --read-only the modal refuses and the service is told no (it audits the refusal)', async () => {
    const r = harness('db-1', { readOnly: true });
    r.stdin.write('T');
    await matches(r.frame, /^› +900 /m);
    r.stdin.write('K');
    await sees(r.frame, 'Send a signal');
    r.stdin.write(ENTER);
    await tick(100);
    expect(r.frame()).not.toContain('y  confirm');
    await sees(r.frame, 'not done');
    expect(r.sent.map((s) => s.confirmed)).toEqual([false]);
  });
});

describe('the top processes on the resources screen', () => {
  test('the five busiest under the gauges, read only while the resources or processes screen shows', async () => {
    const r = harness('db-1');
    await settled(r.frame);
    expect(r.watched.filter((h) => h !== null)).toEqual([]);
    r.stdin.write('r');
    await sees(r.frame, 'postgres: autovacuum');
    expect(r.watched.filter((h) => h !== null)).toEqual(['db-1']);
    const started = r.watched.length;
    const f = r.frame();
    expect(f).toContain('CPU%▼');
    expect(f.indexOf('server.js')).toBeLessThan(f.indexOf('checkpointer'));
    expect(f.indexOf('LOAD')).toBeLessThan(f.indexOf('server.js'));
    // Five: the sixth busiest and init are not there.
    expect(f).toContain('postgres: stats');
    expect(f).not.toContain('postgres: logger');
    expect(f).not.toContain('/sbin/init');
    // To the processes screen on the same host: the same stream goes on.
    r.stdin.write('T');
    await sees(r.frame, 'Processes db-1');
    expect(r.watched).toHaveLength(started);
    r.stdin.write('o');
    await sees(r.frame, 'Overview');
    await tick(50);
    expect(r.watched.slice(started)).toEqual([null]);
  });
});
