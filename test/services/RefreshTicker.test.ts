import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefreshTicker } from '../../src/services/RefreshTicker';

describe('RefreshTicker: once a refresh, in the wakeup of the figures when they come', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  const listen = (b: RefreshTicker) => {
    const ticks: number[] = [];
    const off = b.subscribe((t) => ticks.push(t));
    return { ticks, off };
  };

  it('with nothing arriving, it ticks on the refresh ticks', async () => {
    const { ticks, off } = listen(new RefreshTicker(1000));
    await vi.advanceTimersByTimeAsync(3500);
    expect(ticks).toEqual([1000, 2000, 3000]);
    off();
  });

  it('figures arriving tick it, at most once in three quarters of a refresh; its timer only looks, every checkMs', async () => {
    const b = new RefreshTicker(1000, Date.now, 10_000);
    const { ticks, off } = listen(b);
    await vi.advanceTimersByTimeAsync(1010); // a tick of its own at 1000, then figures at 1010 (too soon after)
    b.arrived();
    for (let t = 2010; t <= 9010; t += 1000) {
      await vi.advanceTimersByTimeAsync(1000);
      b.arrived();
      if (t === 5010) b.arrived(); // a second kind of figures in the same refresh
    }
    expect(ticks).toEqual([1000, 2010, 3010, 4010, 5010, 6010, 7010, 8010, 9010]);
    // No timer of its own between arrivals: the next is the long look, on a multiple of checkMs.
    vi.advanceTimersToNextTimer();
    expect(Date.now()).toBe(10_000);
    off();
  });

  it('when figures stop it stands in on the ticks after its next look, and steps back when they return', async () => {
    const b = new RefreshTicker(1000, Date.now, 4000);
    const { ticks, off } = listen(b);
    b.arrived(); // 0
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      b.arrived();
    }
    // Its timer looked at 1000 and 4000 (figures flowing) and looks again at 8000: silent since 3000, it stands in, then on the ticks.
    await vi.advanceTimersByTimeAsync(7010);
    expect(ticks).toEqual([0, 1000, 2000, 3000, 8000, 9000, 10_000]);
    // Back at 10 010 and on: the ticks' timer sees them flowing and leaves the ticks to them.
    b.arrived();
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      b.arrived();
    }
    expect(ticks.slice(7)).toEqual([11_010, 12_010, 13_010]);
    vi.advanceTimersToNextTimer();
    expect(Date.now()).toBe(16_000);
    off();
  });

  it('arms no timer while nobody listens', async () => {
    const b = new RefreshTicker(1000);
    expect(vi.getTimerCount()).toBe(0);
    const { ticks, off } = listen(b);
    expect(vi.getTimerCount()).toBe(1);
    off();
    off();
    expect(vi.getTimerCount()).toBe(0);
    b.arrived();
    expect(ticks).toEqual([]);
  });

  it('refuses a period that is not positive', () => {
    expect(() => new RefreshTicker(0)).toThrow('tick period must be positive, not 0');
  });
});
