import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alignedDelay, Monitor, type Poller } from '../../src/services/Monitor';

function poller(host: string, name: string, intervalMs: number, body: (n: number) => Promise<void> = async () => {}) {
  let n = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const p: Poller & { calls: () => number; maxInFlight: () => number } = {
    host,
    name,
    intervalMs,
    async run() {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await body(n++);
      } finally {
        inFlight--;
      }
    },
    calls: () => n,
    maxInFlight: () => maxInFlight,
  };
  return p;
}

describe('Monitor', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('polls each wanted host on its interval', async () => {
    const m = new Monitor({ isReady: () => true });
    const a = poller('a', 'resources', 1000);
    const b = poller('b', 'resources', 1000);
    m.add(a);
    m.add(b);
    m.setDemand('resources', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(4500);
    m.stop();
    expect(a.calls()).toBe(5);
    expect(b.calls()).toBe(5);
  });

  it('waits a first delay before a first run, unless woken sooner; later runs keep the interval', async () => {
    const m = new Monitor({ isReady: () => true });
    const slow = { ...poller('a', 'facts', 60_000), firstDelayMs: () => 15_000 };
    const shown = { ...poller('b', 'facts', 60_000), firstDelayMs: () => 15_000 };
    m.add(slow);
    m.add(shown);
    m.setDemand('facts', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(14_000);
    expect(slow.calls()).toBe(0);
    // A screen comes to show b: the wake-up ends its wait.
    m.wake('b', 'facts');
    await vi.advanceTimersByTimeAsync(100);
    expect(shown.calls()).toBe(1);
    expect(slow.calls()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(slow.calls()).toBe(1);
    // Then on the interval's aligned ticks, no delay again.
    await vi.advanceTimersByTimeAsync(60_000);
    m.stop();
    expect(slow.calls()).toBe(2);
    expect(shown.calls()).toBe(2);
  });

  it('runs an own-phase poller an interval after its last run, not on the aligned tick', async () => {
    const m = new Monitor({ isReady: () => true });
    const own = { ...poller('a', 'facts', 60_000), firstDelayMs: () => 15_000, ownPhase: true };
    const aligned = { ...poller('b', 'facts', 60_000), firstDelayMs: () => 15_000 };
    m.add(own);
    m.add(aligned);
    m.setDemand('facts', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(15_100);
    expect([own.calls(), aligned.calls()]).toEqual([1, 1]);
    // The aligned one runs again on the minute; the own-phase one at 75 s.
    await vi.advanceTimersByTimeAsync(60_000 - 15_100 + 100);
    expect([own.calls(), aligned.calls()]).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(15_000);
    expect([own.calls(), aligned.calls()]).toEqual([2, 2]);
    m.stop();
  });

  it('never overlaps a slow poll with the next one', async () => {
    const m = new Monitor({ isReady: () => true });
    const slow = poller('a', 'resources', 1000, () => new Promise((r) => setTimeout(r, 3500)));
    m.add(slow);
    m.setDemand('resources', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(10_000);
    m.stop();
    expect(slow.maxInFlight()).toBe(1);
    expect(slow.calls()).toBe(3);
  });

  it('polls only the hosts in demand and starts at once when demand arrives', async () => {
    const m = new Monitor({ isReady: () => true });
    const a = poller('a', 'docker', 1000);
    const b = poller('b', 'docker', 1000);
    m.add(a);
    m.add(b);
    m.start();
    m.setDemand('docker', ['b']);
    await vi.advanceTimersByTimeAsync(2500);
    expect(a.calls()).toBe(0);
    expect(b.calls()).toBe(3);
    m.setDemand('docker', ['a']);
    await vi.advanceTimersByTimeAsync(10);
    expect(a.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(b.calls()).toBe(3);
    m.stop();
  });

  it('waits for a host to be ready and polls when woken', async () => {
    let ready = false;
    const m = new Monitor({ isReady: () => ready });
    const a = poller('a', 'resources', 1000);
    m.add(a);
    m.setDemand('resources', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(a.calls()).toBe(0);
    ready = true;
    m.wake('a');
    await vi.advanceTimersByTimeAsync(1);
    expect(a.calls()).toBe(1);
    m.stop();
  });

  it("wakes one poller of a host, which then keeps its poller's new interval", async () => {
    const m = new Monitor({ isReady: () => true });
    const list = poller('a', 'services', 60_000);
    const other = poller('a', 'health', 60_000);
    m.add(list);
    m.add(other);
    m.setDemand('services', 'all');
    m.setDemand('health', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(1);
    expect([list.calls(), other.calls()]).toEqual([1, 1]);
    Object.assign(list, { intervalMs: 10_000 });
    m.wake('a', 'services');
    await vi.advanceTimersByTimeAsync(1);
    expect([list.calls(), other.calls()]).toEqual([2, 1]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect([list.calls(), other.calls()]).toEqual([4, 1]);
    m.stop();
  });

  it('backs off exponentially on failures, capped, and recovers', async () => {
    let failing = true;
    const m = new Monitor({ isReady: () => true, maxBackoffMs: 8000 });
    const a = poller('a', 'resources', 1000, async () => {
      if (failing) throw new Error('boom');
    });
    m.add(a);
    m.setDemand('resources', 'all');
    m.start();
    // runs at 0, +2000, +4000, +8000, +8000 (cap) → t = 0, 2000, 6000, 14000, 22000
    await vi.advanceTimersByTimeAsync(22_001);
    expect(a.calls()).toBe(5);
    failing = false;
    await vi.advanceTimersByTimeAsync(8000 + 3000);
    expect(a.calls()).toBe(9);
    m.stop();
  });

  it("a poller's own cap (the database's) bounds its backoff below the monitor's", async () => {
    const m = new Monitor({ isReady: () => true, maxBackoffMs: 30_000 });
    const a = Object.assign(
      poller('a', 'database', 2000, async () => {
        throw new Error('ECONNREFUSED');
      }),
      { maxBackoffMs: 3000 },
    );
    m.add(a);
    m.setDemand('database', 'all');
    m.start();
    // runs at 0, then every 3000 (2000·2 = 4000 capped): 0, 3000, 6000, 9000, 12000
    await vi.advanceTimersByTimeAsync(12_001);
    expect(a.calls()).toBe(5);
    m.stop();
  });

  it('one host hanging does not delay another, and a hung poll is abandoned', async () => {
    const m = new Monitor({ isReady: () => true, timeoutIntervals: 10 });
    const hung = poller('dead', 'resources', 1000, () => new Promise(() => {}));
    const live = poller('live', 'resources', 1000);
    m.add(hung);
    m.add(live);
    m.setDemand('resources', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(5500);
    expect(hung.calls()).toBe(1);
    expect(live.calls()).toBe(6);
    expect(m.runCount('dead', 'resources')).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(m.runCount('dead', 'resources')).toBe(1);
    expect(hung.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(hung.calls()).toBe(2);
    m.stop();
  });

  it('lines up hosts that connected at different moments on the same ticks', async () => {
    const ready = new Set<string>(['a']);
    const m = new Monitor({ isReady: (h) => ready.has(h) });
    const times: Record<string, number[]> = { a: [], b: [] };
    for (const h of ['a', 'b']) m.add({ host: h, name: 'resources', intervalMs: 2000, run: async () => void times[h]!.push(Date.now()) });
    m.setDemand('resources', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(700);
    ready.add('b');
    m.wake('b');
    await vi.advanceTimersByTimeAsync(5000);
    m.stop();
    expect(times.a).toEqual([0, 2000, 4000]);
    expect(times.b).toEqual([700, 2000, 4000]);
  });
});

describe('alignedDelay', () => {
  it.each([
    [2000, 0, 2000],
    [2000, 500, 1500],
    [2000, 1600, 2400],
    [2000, 1499, 501],
    [1000, 12_345, 655],
  ])('interval %i at %i → %i', (interval, now, delay) => {
    expect(alignedDelay(interval, now)).toBe(delay);
  });
});

describe('Monitor: settled rounds', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('says so once every running poll has finished, not after each', async () => {
    const settled: number[] = [];
    const m = new Monitor({ isReady: () => true, onSettled: () => settled.push(Date.now()) });
    const done: string[] = [];
    // Aligned polls of three hosts finishing 5, 10 and 40 ms into the round.
    for (const [h, ms] of [
      ['a', 5],
      ['b', 10],
      ['c', 40],
    ] as const) {
      m.add(poller(h, 'resources', 1000, () => new Promise<void>((r) => setTimeout(() => (done.push(h), r()), ms))));
    }
    m.setDemand('resources', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toEqual(['a', 'b', 'c']);
    expect(settled).toEqual([40]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(settled).toEqual([40, 1040]);
    m.stop();
  });
});

/** A hostClocked poller: each run waits for the host's next tick (every intervalMs, plus a lateness of its own). */
function pacedPoller(host: string, intervalMs: number, lateMs: number, opts: { fail?: () => boolean; done?: string[] } = {}) {
  const starts: number[] = [];
  const p: Poller & { starts: number[] } = {
    host,
    name: 'resources',
    intervalMs,
    hostClocked: true,
    starts,
    run: (signal) =>
      new Promise<void>((resolve, reject) => {
        starts.push(Date.now());
        const now = Date.now();
        const t = setTimeout(
          () => {
            opts.done?.push(host);
            if (opts.fail?.()) reject(new Error('boom'));
            else resolve();
          },
          intervalMs - (now % intervalMs) + lateMs,
        );
        signal.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))), { once: true });
      }),
  };
  return p;
}

describe('Monitor: hostClocked pollers (the host keeps the time)', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('starts the next run as soon as one ends well: no timer of its own between runs', async () => {
    const m = new Monitor({ isReady: () => true });
    const a = pacedPoller('a', 1000, 5);
    m.add(a);
    m.setDemand('resources', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(3100);
    m.stop();
    expect(a.starts).toEqual([0, 1005, 2005, 3005]);
  });

  it('hands every run the same signal and keeps one limit timer, until a run is aborted', async () => {
    const m = new Monitor({ isReady: () => true, timeoutIntervals: 5 });
    const signals: AbortSignal[] = [];
    let n = 0;
    const p: Poller = {
      host: 'a',
      name: 'resources',
      intervalMs: 1000,
      hostClocked: true,
      run: (signal) => {
        signals.push(signal);
        // The fourth run hangs, ignoring its signal: the limit gives it up.
        return ++n === 4 ? new Promise<void>(() => {}) : new Promise<void>((r) => setTimeout(r, 1000));
      },
    };
    m.add(p);
    m.setDemand('resources', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(3500);
    expect(signals).toHaveLength(4);
    expect(new Set(signals).size).toBe(1);
    // The hung run waits on no timer of its own: the one timer is the loop's limit, made once.
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(signals[3]!.aborted).toBe(true);
    // After the backoff, a new run with a new signal.
    await vi.advanceTimersByTimeAsync(2500);
    expect(signals.length).toBeGreaterThan(4);
    expect(signals.at(-1)!.aborted).toBe(false);
    expect(signals.at(-1)).not.toBe(signals[3]);
    m.stop();
    expect(signals.at(-1)!.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('after a failure it backs off like any poller, then runs back to back again', async () => {
    let failures = 2;
    const m = new Monitor({ isReady: () => true });
    const a = pacedPoller('a', 1000, 0, { fail: () => failures-- > 0 });
    m.add(a);
    m.setDemand('resources', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(9100);
    m.stop();
    // Fails at 1000 (back off 2 s), fails at 4000 (back off 4 s), then every tick.
    expect(a.starts).toEqual([0, 3000, 8000, 9000]);
  });

  it('says a round is settled when the last hostClocked host of the tick delivers, once per tick', async () => {
    const settled: number[] = [];
    const done: string[] = [];
    const m = new Monitor({ isReady: () => true, onSettled: () => settled.push(Date.now()) });
    for (const [h, late] of [
      ['a', 5],
      ['b', 10],
      ['c', 40],
    ] as const)
      m.add(pacedPoller(h, 1000, late, { done }));
    m.setDemand('resources', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(2100);
    m.stop();
    expect(done).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(settled).toEqual([1040, 2040]);
  });

  it('a hostClocked host that is not ready, or failing, does not hold the others back', async () => {
    const settled: number[] = [];
    const m = new Monitor({ isReady: (h) => h !== 'off', onSettled: () => settled.push(Date.now()) });
    m.add(pacedPoller('a', 1000, 5));
    m.add(pacedPoller('off', 1000, 5));
    m.add(pacedPoller('bad', 1000, 20, { fail: () => true }));
    m.setDemand('resources', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(3100);
    m.stop();
    // At 1005 'bad' still owes its first figures; from its failure on it is left out.
    expect(settled).toEqual([2005, 3005]);
  });

  it('a non-hostClocked poll in flight holds the round until it ends', async () => {
    const settled: number[] = [];
    const m = new Monitor({ isReady: () => true, onSettled: () => settled.push(Date.now()) });
    m.add(pacedPoller('a', 1000, 5));
    m.add(poller('a', 'docker', 1000, () => new Promise<void>((r) => setTimeout(r, 30))));
    m.setDemand('resources', 'all');
    m.setDemand('docker', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(1100);
    m.stop();
    // docker ends at 30 (round settled) and 1030; resources deliver at 1005 while docker is in flight.
    expect(settled).toEqual([30, 1030]);
  });

  it('a non-hostClocked poll that ends while a round is arriving leaves it to the last delivery of the round', async () => {
    const settled: number[] = [];
    const m = new Monitor({ isReady: () => true, onSettled: () => settled.push(Date.now()) });
    m.add(pacedPoller('a', 1000, 5));
    m.add(pacedPoller('b', 1000, 300));
    m.add(poller('a', 'docker', 10_000, () => new Promise<void>((r) => setTimeout(r, 30))));
    m.setDemand('resources', 'all');
    m.setDemand('docker', 'all');
    m.start();
    await vi.advanceTimersByTimeAsync(10_400);
    m.stop();
    // docker ends at 30 (no round under way: settled) and at 10 030, between a's delivery at 10 005 and b's at 10 300:
    // the round settles once, when b delivers.
    expect(settled).toEqual([30, 1300, 2300, 3300, 4300, 5300, 6300, 7300, 8300, 9300, 10_300]);
  });
});
