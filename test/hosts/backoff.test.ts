import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelay } from '../../src/hosts/backoff';

describe('backoffDelay', () => {
  it.each([
    // attempt, random, expected (defaults: 500 ms doubling, cap 30 s, half jittered)
    [0, 0, 250],
    [0, 1, 500],
    [1, 1, 1000],
    [2, 0.5, 1500],
    [5, 1, 16_000],
    [6, 1, 30_000],
    [6, 0, 15_000],
    [50, 1, 30_000],
    [5000, 1, 30_000], // 2^5000 is Infinity: still capped
    [-3, 1, 500],
  ])('attempt %d with random %d → %d ms', (attempt, r, want) => {
    expect(backoffDelay(attempt, DEFAULT_BACKOFF, () => r)).toBe(want);
  });

  it('stays within [d·(1-jitter), d] and never above the cap, for any random value', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const d = Math.min(30_000, 500 * 2 ** attempt);
      for (let i = 0; i < 50; i++) {
        const v = backoffDelay(attempt);
        expect(v).toBeGreaterThanOrEqual(Math.floor(d / 2));
        expect(v).toBeLessThanOrEqual(d);
      }
    }
  });

  it('honours custom options, including no jitter', () => {
    const o = { initialMs: 100, maxMs: 1000, jitter: 0 };
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, o, () => 0.3))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('clamps a broken random source', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 7)).toBe(500);
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => -7)).toBe(250);
  });
});
