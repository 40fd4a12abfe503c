// The throttle swapped in for Ink's: the same runs as es-toolkit's for the calls Ink makes, and no timer when nothing waits.
import { throttle as inkThrottle } from 'es-toolkit/compat';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from '../../../src/app/ink/idleThrottle';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Calls at the given times (ms from the start); returns when each run happened and with what. */
function drive(make: (fn: (n: number) => void) => (n: number) => void, callsAt: number[], until: number): string[] {
  const t0 = Date.now();
  const runs: string[] = [];
  const f = make((n) => runs.push(`${Date.now() - t0}:${n}`));
  let at = 0;
  callsAt.forEach((c, i) => {
    vi.advanceTimersByTime(c - at);
    at = c;
    f(i);
  });
  vi.advanceTimersByTime(until - at);
  return runs;
}

const ours = (wait: number) => (fn: (n: number) => void) => throttle(fn, wait, undefined, Date.now);
const theirs = (wait: number) => (fn: (n: number) => void) => inkThrottle(fn, wait, { leading: true, trailing: true });

describe('idleThrottle', () => {
  it.each([
    ['one call', 34, [0], ['0:0']],
    ['calls a refresh apart each run at once', 34, [0, 2000, 4000], ['0:0', '2000:1', '4000:2']],
    ["wait 0 (Ink's log throttle): every call at once", 0, [0, 0, 3], ['0:0', '0:1', '3:2']],
  ] as const)("%s, as Ink's own", (_name, wait, calls, expected) => {
    expect(drive(ours(wait), [...calls], 7000)).toEqual(expected);
    expect(drive(theirs(wait), [...calls], 7000)).toEqual(expected);
  });

  it("a burst: the first at once, the last at the window's end (Ink's own waits a window after the last call)", () => {
    expect(drive(ours(34), [0, 5, 10, 20], 1000)).toEqual(['0:0', '34:3']);
    expect(drive(theirs(34), [0, 5, 10, 20], 1000)).toEqual(['0:0', '54:3']);
  });

  it('never runs twice within the window, and the last arguments always run', () => {
    const runs = drive(ours(34), [0, 10, 40, 50, 60, 100, 101], 1000).map((r) => r.split(':').map(Number));
    for (let i = 1; i < runs.length; i++) expect(runs[i]![0]! - runs[i - 1]![0]!).toBeGreaterThanOrEqual(34);
    expect(runs.at(-1)![1]).toBe(6);
  });

  it('arms no timer after a call that ran at once (Ink\'s arms one per frame)', () => {
    throttle((_n: number) => {}, 34, undefined, Date.now)(1);
    expect(vi.getTimerCount()).toBe(0);
    inkThrottle((_n: number) => {}, 34, { leading: true, trailing: true })(1);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('flush runs the waiting call now; cancel drops it', () => {
    const seen: number[] = [];
    const f = throttle((n: number) => seen.push(n), 34, undefined, Date.now);
    f(1);
    f(2);
    f.flush();
    expect(seen).toEqual([1, 2]);
    f(3);
    f.cancel();
    vi.advanceTimersByTime(100);
    expect(seen).toEqual([1, 2]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
