// The clock store: ticks only while listened to, on the polls' ticks, a period
// after the last advance, and a selector sees only the changes it selects.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClock } from '../../src/screens/clock';
import { RefreshTicker } from '../../src/services/RefreshTicker';

describe('createClock', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('ticks every period while listened to, and not at all without listeners', () => {
    const c = createClock(5000);
    const seen: number[] = [];
    vi.advanceTimersByTime(20_000);
    expect(c.getState().now).toBe(1_000_000);
    const off = c.subscribe((s) => seen.push(s.now));
    vi.advanceTimersByTime(10_000);
    expect(seen).toEqual([1_025_000, 1_030_000]);
    off();
    off();
    vi.advanceTimersByTime(10_000);
    expect(seen).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an advance moves the clock now; its own move comes on a poll tick once a whole period passed without data', () => {
    const c = createClock(5000, Date.now, 2000);
    const seen: number[] = [];
    c.subscribe((s) => seen.push(s.now));
    vi.advanceTimersByTime(2000);
    c.advance();
    vi.advanceTimersByTime(2000);
    c.advance();
    // An advance re-arms nothing: one timer, the tick's.
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(5999);
    // Data every 2 s, then none: the ticks at 6 s and 8 s are too soon.
    expect(seen).toEqual([1_002_000, 1_004_000]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual([1_002_000, 1_004_000, 1_010_000]);
    vi.advanceTimersByTime(6000);
    expect(seen).toEqual([1_002_000, 1_004_000, 1_010_000, 1_016_000]);
  });

  it('ticks on the same instants as the polls (multiples of the interval), to share their wakeup', () => {
    vi.setSystemTime(1_000_700);
    const c = createClock(5000, Date.now, 2000);
    const seen: number[] = [];
    c.subscribe((s) => seen.push(s.now));
    vi.advanceTimersByTime(20_000);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.every((t) => t % 2000 === 0)).toBe(true);
  });

  it('on the cockpit tick, figures arriving drive it: no timer of its own ticks between them, and quiet ages move once they stop', async () => {
    const ticker = new RefreshTicker(2000, Date.now, 10_000);
    const c = createClock(5000, Date.now, 2000, ticker);
    const seen: number[] = [];
    c.subscribe((s) => seen.push(s.now));
    // Figures every 2 s, 10 ms past the tick: each advances the clock and ticks.
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(i === 0 ? 10 : 2000);
      c.advance();
      ticker.arrived();
    }
    expect(seen).toEqual([1_000_010, 1_002_010, 1_004_010, 1_006_010, 1_008_010]);
    // The tick's timer looked at its first tick (1 002 000) and next looks on the 10 s multiples, not at every tick.
    vi.advanceTimersToNextTimer();
    expect(Date.now()).toBe(1_010_000);
    expect(seen).toHaveLength(5);
    // Nothing since 1 008 010: at the next look the tick stands in, and the clock moves (5 s passed).
    vi.advanceTimersToNextTimer();
    expect(seen.at(-1)).toBe(1_020_000);
  });

  it('two listeners share one timer', () => {
    const c = createClock(1000);
    const a = c.subscribe(() => {});
    c.subscribe(() => {});
    expect(vi.getTimerCount()).toBe(1);
    a();
    expect(vi.getTimerCount()).toBe(1);
  });
});
