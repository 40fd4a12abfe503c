import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AlertLog, type AlertLogEntry } from '../../../src/services/alerts/AlertLog';
import { AlertService } from '../../../src/services/alerts/AlertService';
import { createLiveStore, setHostStatus, setResources } from '../../../src/services/liveStore';
import { RefreshTicker } from '../../../src/services/RefreshTicker';
import { alignedDelay } from '../../../src/services/Monitor';
import { disk, resources, TH } from './fixtures';

const POLL = 2000;

function setup(th = TH) {
  const dir = mkdtempSync(join(tmpdir(), 'riskctl-alerts-'));
  let now = Date.parse('2026-11-29T02:00:00Z');
  const store = createLiveStore([
    { name: 'db-1', tags: [], production: true, address: 'x' },
    { name: 'web-1', tags: [], production: false, address: 'y' },
  ]);
  for (const h of ['db-1', 'web-1']) setHostStatus(store, h, { state: 'connected', error: null, since: now });
  const log = new AlertLog(join(dir, 'alerts.jsonl'), () => now);
  let bells = 0;
  const svc = new AlertService({ store, thresholds: th, refreshMs: POLL, log, operator: 'alice', now: () => now, bell: () => bells++ });
  const poll = (host: string, patch: Parameters<typeof resources>[0]) => setResources(store, host, resources(patch), now);
  const step = () => {
    now += POLL;
    svc.tick(now);
  };
  const lines = async () => {
    await log.flush();
    return readFileSync(log.file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AlertLogEntry);
  };
  return { svc, store, poll, step, lines, bells: () => bells, advance: (ms: number) => (now += ms), now: () => now };
}

describe('AlertService', () => {
  it('a lowered threshold raises its WARNING after the hold time and resolves when the condition clears', async () => {
    const t = setup({ ...TH, cpu: 10 });
    t.poll('db-1', { cpuPercent: 12 });
    t.svc.tick(t.now());
    expect(t.svc.alerts.getState().counts.WARNING).toBe(0); // held: one poll is not enough
    t.poll('db-1', { cpuPercent: 13 });
    t.step();
    expect(t.svc.alerts.getState().counts).toEqual({ CRITICAL: 0, WARNING: 1, INFO: 0 });
    expect(t.svc.alerts.getState().alerts[0]).toMatchObject({ rule: 'cpu', host: 'db-1', value: 13, threshold: 10, procedure: 'PM-002', state: 'firing' });
    t.poll('db-1', { cpuPercent: 5 });
    t.step();
    t.poll('db-1', { cpuPercent: 5 });
    t.step();
    expect(t.svc.alerts.getState().alerts[0]!.state).toBe('resolved');
    expect(t.svc.alerts.getState().counts.WARNING).toBe(0);
    expect((await t.lines()).map((l) => [l.event, l.rule, l.by])).toEqual([
      ['fired', 'cpu', 'riskctl'],
      ['resolved', 'cpu', 'riskctl'],
    ]);
  });

  it('rings the bell once for a new CRITICAL, never for a WARNING', () => {
    const t = setup();
    t.poll('web-1', { disks: [disk('/', 99)], cpuPercent: 90 });
    t.step();
    t.step();
    t.step();
    expect(t.bells()).toBe(1);
  });

  it('no bell when configured off', () => {
    const t = setup({ ...TH, bell: false });
    t.poll('web-1', { disks: [disk('/', 99)] });
    t.step();
    t.step();
    expect(t.svc.alerts.getState().counts.CRITICAL).toBe(1);
    expect(t.bells()).toBe(0);
  });

  it('acknowledge and resolve with a comment land in the alert log with the operator', async () => {
    const t = setup();
    t.poll('web-1', { memoryPercent: 91 });
    t.step();
    t.step();
    const key = t.svc.alerts.getState().alerts[0]!.key;
    expect(await t.svc.acknowledge(key, 'looking at the cache')).toMatch(/acknowledged memory on web-1/);
    expect(t.svc.alerts.getState().alerts[0]).toMatchObject({ state: 'acknowledged', ack: { by: 'alice', comment: 'looking at the cache' } });
    expect(await t.svc.resolve(key, 'restarted the api')).toMatch(/resolved/);
    const l = await t.lines();
    expect(l.slice(1).map((x) => [x.event, x.by, x.comment, x.rule, x.host])).toEqual([
      ['acknowledged', 'alice', 'looking at the cache', 'memory', 'web-1'],
      ['resolved', 'alice', 'restarted the api', 'memory', 'web-1'],
    ]);
    expect(l[1]!.time).toMatch(/^2026-11-29T02:00:0\dZ$|^2026-11-29T02:00:0\d\.\d{3}Z$/);
  });

  it('acknowledgeAll (a grouped alert): each member in the alert log, the store updated once', async () => {
    const t = setup();
    t.poll('db-1', { memoryPercent: 91 });
    t.poll('web-1', { memoryPercent: 92 });
    t.step();
    t.step();
    const keys = t.svc.alerts.getState().alerts.map((a) => a.key);
    expect(keys).toHaveLength(2);
    let updates = 0;
    const unsub = t.svc.alerts.subscribe(() => updates++);
    const lines = await t.svc.acknowledgeAll(keys, 'one cause, vendor ticket 12');
    unsub();
    expect(lines).toEqual([expect.stringMatching(/^acknowledged memory on/), expect.stringMatching(/^acknowledged memory on/)]);
    expect(updates).toBe(1);
    expect(t.svc.alerts.getState().alerts.map((a) => a.state)).toEqual(['acknowledged', 'acknowledged']);
    const logged = (await t.lines()).filter((l) => l.event === 'acknowledged');
    expect(logged.map((l) => [l.host, l.comment]).sort()).toEqual([
      ['db-1', 'one cause, vendor ticket 12'],
      ['web-1', 'one cause, vendor ticket 12'],
    ]);
    expect(await t.svc.resolveAll(keys, 'fixed upstream')).toEqual([expect.stringMatching(/^resolved/), expect.stringMatching(/^resolved/)]);
    expect((await t.lines()).filter((l) => l.event === 'resolved' && l.by === 'alice')).toHaveLength(2);
  });

  it('an unreachable host is CRITICAL and linked to IR-002', () => {
    const t = setup();
    setHostStatus(t.store, 'db-1', { state: 'error', error: 'connect ECONNREFUSED', since: t.now() });
    t.step();
    t.step();
    expect(t.svc.alerts.getState().alerts[0]).toMatchObject({ severity: 'CRITICAL', rule: 'host-unreachable', procedure: 'IR-002', host: 'db-1' });
  });

  it('a maintenance window marks alerts raised inside it expected and silent, and ends on time', async () => {
    const t = setup();
    expect(await t.svc.startMaintenance('web-1', 10 * 60_000, 'kernel update')).toMatch(/maintenance on web-1 for 10m/);
    expect(t.svc.alerts.getState().windows).toHaveLength(1);
    t.poll('web-1', { disks: [disk('/', 99)] });
    t.poll('db-1', { disks: [disk('/', 99)] });
    t.step();
    t.step();
    const byHost = Object.fromEntries(t.svc.alerts.getState().alerts.map((a) => [a.host, a.expected]));
    expect(byHost).toEqual({ 'web-1': true, 'db-1': false });
    expect(t.bells()).toBe(1); // db-1 only
    expect(t.svc.alerts.getState()).toMatchObject({ counts: { CRITICAL: 1 }, expected: 1 });
    // Just before the end it is still on; at the end it closes by itself.
    const fresh = () => ['web-1', 'db-1'].forEach((h) => t.poll(h, { disks: [disk('/', 99)] }));
    t.advance(10 * 60_000 - 2 * POLL - 1);
    fresh();
    t.svc.tick(t.now());
    expect(t.svc.alerts.getState().windows).toHaveLength(1);
    t.advance(1);
    fresh();
    t.svc.tick(t.now());
    expect(t.svc.alerts.getState().windows).toHaveLength(0);
    expect(t.svc.alerts.getState()).toMatchObject({ counts: { CRITICAL: 2 }, expected: 0 });
    const events = (await t.lines()).filter((l) => l.event.startsWith('maintenance'));
    expect(events.map((e) => [e.event, e.host, e.by])).toEqual([
      ['maintenance-start', 'web-1', 'alice'],
      ['maintenance-end', 'web-1', 'riskctl'],
    ]);
    expect(events[0]!.comment).toBe('kernel update');
    expect(Date.parse(events[1]!.time) - Date.parse(events[0]!.time)).toBe(10 * 60_000);
  });

  it('a fleet window covers every host; ending it early is logged', async () => {
    const t = setup();
    await t.svc.startMaintenance(null, 60 * 60_000, 'MO-001');
    t.poll('db-1', { memoryPercent: 95 });
    t.step();
    t.step();
    expect(t.svc.alerts.getState().alerts[0]!.expected).toBe(true);
    expect(await t.svc.endMaintenance(null)).toMatch(/ended/);
    expect(t.svc.alerts.getState().alerts[0]!.expected).toBe(false);
    expect((await t.lines()).map((l) => l.event)).toContain('maintenance-end');
  });
});

describe('AlertService at idle', () => {
  it('publishes nothing while nothing changes (screens do not redraw)', () => {
    const t = setup();
    t.poll('web-1', { memoryPercent: 91 });
    t.step();
    t.step();
    let changes = 0;
    const unsub = t.svc.alerts.subscribe(() => changes++);
    for (let i = 0; i < 5; i++) {
      t.poll('web-1', { memoryPercent: 91 });
      t.step();
    }
    expect(changes).toBe(0);
    t.poll('web-1', { memoryPercent: 95 });
    t.step();
    expect(changes).toBe(1);
    expect(t.svc.alerts.getState().alerts[0]!.value).toBe(95);
    unsub();
  });

  it('with the cockpit tick, evaluates in the wakeup that brings the figures, and on no timer of its own between them', async () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(1_000_000);
      const ticker = new RefreshTicker(POLL, Date.now, 10_000);
      const t = setup();
      const svc = new AlertService({
        store: t.store,
        thresholds: TH,
        refreshMs: POLL,
        log: new AlertLog(join(mkdtempSync(join(tmpdir(), 'riskctl-alerts-')), 'a.jsonl')),
        operator: 'op',
        ticker,
      });
      const at: number[] = [];
      vi.spyOn(svc, 'tick').mockImplementation(() => void at.push(Date.now()));
      svc.start();
      for (let i = 0; i < 4; i++) {
        vi.advanceTimersByTime(i === 0 ? 15 : POLL);
        ticker.arrived();
      }
      expect(at).toEqual([1_000_015, 1_002_015, 1_004_015, 1_006_015]);
      await svc.stop();
      ticker.arrived();
      vi.advanceTimersByTime(20_000);
      expect(at).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it("ticks once per refresh on the polls' own clock ticks, so one wakeup serves both", async () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(1_000_700);
      const t = setup();
      const at: number[] = [];
      vi.spyOn(t.svc, 'tick').mockImplementation(() => void at.push(Date.now()));
      t.svc.start();
      // A poll loop's next run, from the same moment.
      const pollDue = Date.now() + alignedDelay(POLL, Date.now());
      vi.advanceTimersByTime(3 * POLL + 100);
      expect(at).toEqual([pollDue, pollDue + POLL, pollDue + 2 * POLL]);
      expect(at.every((x) => x % POLL === 0)).toBe(true);
      await t.svc.stop();
      vi.advanceTimersByTime(2 * POLL);
      expect(at).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
