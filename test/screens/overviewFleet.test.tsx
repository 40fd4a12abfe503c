/** The overview for a fleet, through App: s sorts, t groups by tag, tag: filters; j/k and Enter follow the order shown. */
import React from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { App, type AppProps } from '../../src/app/App';
import { createAlertStore, countAlerts, sortAlerts } from '../../src/services/alerts/alertStore';
import { recordingActions, sees, settled } from './fixtures';
import { fleetStore } from './fleetFixtures';
import { mkAlert } from './alertStormFixtures';

const ENTER = '\r';

function start(props: Partial<AppProps> = {}) {
  const base: AppProps = { store: fleetStore(), actions: recordingActions(), version: '0.1.0', onQuit: () => {}, rows: 24, columns: 110, ...props };
  const r = render(<App {...base} />);
  const frame = () => r.lastFrame() ?? '';
  return {
    frame,
    /** The host names of the table's rows, top to bottom ("[tag]" for a group's line). */
    listed: () =>
      frame()
        .split('\n')
        .map((l) => /^(?:› | {2})\s*(\d+)?\s+(▾ \S+|[a-z]+-\d+)\b/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => (m[2]!.startsWith('▾') ? `[${m[2]!.slice(2)}]` : m[2]!)),
    press: async (...keys: string[]) => {
      for (const k of keys) {
        r.stdin.write(k);
        await settled(frame);
      }
    },
  };
}

afterEach(() => cleanup());

describe('the overview of a fleet', () => {
  test('O steps the order, shown in the title, and it holds across screens', async () => {
    const h = start();
    await sees(h.frame, 'Overview · 6 hosts');
    expect(h.listed()).toEqual(['web-2', 'db-10', 'web-10', 'db-2', 'cache-1', 'batch-1']);
    await h.press('O');
    await sees(h.frame, 'sorted worst first');
    expect(h.listed()).toEqual(['cache-1', 'batch-1', 'web-10', 'db-10', 'db-2', 'web-2']);
    await h.press('O');
    await sees(h.frame, 'sorted by name');
    expect(h.listed()).toEqual(['batch-1', 'cache-1', 'db-2', 'db-10', 'web-2', 'web-10']);
    await h.press('O', 'O', 'O');
    await sees(h.frame, 'sorted by disk');
    expect(h.listed()).toEqual(['db-10', 'web-10', 'web-2', 'db-2', 'cache-1', 'batch-1']);
    await h.press('h', 'o');
    await sees(h.frame, 'sorted by disk');
    expect(h.listed()).toEqual(['db-10', 'web-10', 'web-2', 'db-2', 'cache-1', 'batch-1']);
  });

  test('worst first puts hosts with open alerts on top', async () => {
    const alerts = createAlertStore();
    const list = sortAlerts([mkAlert({ host: 'db-2', rule: 'service-down' }), mkAlert({ host: 'web-2', rule: 'cpu', severity: 'WARNING' })]);
    alerts.setState({ alerts: list, ...countAlerts(list) });
    const h = start({
      alerts: {
        store: alerts,
        actions: { acknowledge: async () => '', resolve: async () => '', startMaintenance: async () => '', endMaintenance: async () => '' },
      },
    });
    await h.press('O');
    await sees(h.frame, 'sorted worst first');
    expect(h.listed()).toEqual(['db-2', 'web-2', 'cache-1', 'batch-1', 'web-10', 'db-10']);
  });

  test('t groups by tag with a line per group; j/k and Enter walk the hosts in the order shown', async () => {
    const h = start();
    await h.press('O', 't');
    await sees(h.frame, 'sorted worst first · by tag (3)');
    expect(h.listed()).toEqual(['[production]', 'cache-1', 'db-10', 'web-2', '[staging]', 'web-10', 'db-2', '[untagged]', 'batch-1']);
    const production =
      h
        .frame()
        .split('\n')
        .find((l) => l.includes('▾ production')) ?? '';
    // Hosts up, and the group's highest figures: CPU, MEM, the fullest disk and whose it is.
    expect(production).toMatch(/2\/3 up\s+50%\s+50%\s+97% db-10/);
    // The first host in config order (web-2) is selected: the next one shown under it is web-10, across the group line.
    await h.press('j');
    await sees(h.frame, '› ');
    expect(
      h
        .frame()
        .split('\n')
        .find((l) => l.startsWith('› ')),
    ).toContain('web-10');
    await h.press('j', ENTER);
    await sees(h.frame, 'db-2');
    expect(h.frame()).toMatch(/resources/);
    await h.press('o', 't');
    expect(h.listed()).toEqual(['cache-1', 'batch-1', 'web-10', 'db-10', 'db-2', 'web-2']);
  });

  test('/ takes tag: words as well as names, grouped or not', async () => {
    const h = start();
    await h.press('/', 'tag:db', ENTER);
    await sees(h.frame, 'filter "tag:db": 2 shown');
    expect(h.listed()).toEqual(['db-10', 'db-2']);
    await h.press('t');
    expect(h.listed()).toEqual(['[production]', 'db-10', '[staging]', 'db-2']);
    await h.press('/', 'tag:staging web', ENTER);
    expect(h.listed()).toEqual(['[staging]', 'web-10']);
  });
});
