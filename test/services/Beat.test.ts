import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Beat } from '../../src/services/Beat';

describe('Beat: once a refresh, in the wakeup of the figures when they come', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  const listen = (b: Beat) => {
    const beats: number[] = [];
    const off = b.subscribe((t) => beats.push(t));
    return { beats, off };
  };

  it('with nothing arriving, it beats on the refresh ticks', async () => {
    const { beats, off } = listen(new Beat(1000));
    await vi.advanceTimersByTimeAsync(3500);
    expect(beats).toEqual([1000, 2000, 3000]);
    off();
  });

  it('figures arriving beat it, at most once in three quarters of a refresh; its timer only looks, every lookMs', async () => {
    const b = new Beat(1000, Date.now, 10_000);
    const { beats, off } = listen(b);
    await vi.advanceTimersByTimeAsync(1010); // a tick of its own at 1000, then figures at 1010 (too soon after)
    b.arrived();
    for (let t = 2010; t <= 9010; t += 1000) {
      await vi.advanceTimersByTimeAsync(1000);
      b.arrived();
      if (t === 5010) b.arrived(); // a second kind of figures in the same refresh
    }
    expect(beats).toEqual([1000, 2010, 3010, 4010, 5010, 6010, 7010, 8010, 9010]);
    // No timer of its own between arrivals: the next is the long look, on a multiple of lookMs.
    vi.advanceTimersToNextTimer();
    expect(Date.now()).toBe(10_000);
    off();
  });

  it('when figures stop it stands in on the ticks after its next look, and steps back when they return', async () => {
    const b = new Beat(1000, Date.now, 4000);
    const { beats, off } = listen(b);
    b.arrived(); // 0
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      b.arrived();
    }
    // Its timer looked at 1000 and 4000 (figures flowing) and looks again at 8000: silent since 3000, it stands in, then on the ticks.
    await vi.advanceTimersByTimeAsync(7010);
    expect(beats).toEqual([0, 1000, 2000, 3000, 8000, 9000, 10_000]);
    // Back at 10 010 and on: the ticks' timer sees them flowing and leaves the beats to them.
    b.arrived();
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      b.arrived();
    }
    expect(beats.slice(7)).toEqual([11_010, 12_010, 13_010]);
    vi.advanceTimersToNextTimer();
    expect(Date.now()).toBe(16_000);
    off();
  });

  it('arms no timer while nobody listens', async () => {
    const b = new Beat(1000);
    expect(vi.getTimerCount()).toBe(0);
    const { beats, off } = listen(b);
    expect(vi.getTimerCount()).toBe(1);
    off();
    off();
    expect(vi.getTimerCount()).toBe(0);
    b.arrived();
    expect(beats).toEqual([]);
  });

  it('refuses a period that is not positive', () => {
    expect(() => new Beat(0)).toThrow('beat period must be positive, not 0');
  });
});
