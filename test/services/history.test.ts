import { describe, expect, it } from 'vitest';
import { History } from '../../src/services/history';

describe('History (a ring of the last values)', () => {
  it('keeps the values oldest first until full', () => {
    const h = new History(3);
    expect(h.length).toBe(0);
    expect(h.last()).toBeUndefined();
    expect(h.toArray()).toEqual([]);
    h.push(1);
    h.push(2);
    expect(h.toArray()).toEqual([1, 2]);
    expect(h.last()).toBe(2);
  });

  it('drops the oldest once full, however often it wraps', () => {
    const h = new History(3);
    for (let i = 1; i <= 10; i++) h.push(i);
    expect(h.length).toBe(3);
    expect(h.toArray()).toEqual([8, 9, 10]);
    expect(h.last()).toBe(10);
  });

  it('hands out a copy: what the reader holds does not move with later pushes', () => {
    const h = new History(2);
    h.push(1);
    const seen = h.toArray();
    h.push(2);
    h.push(3);
    expect(seen).toEqual([1]);
    expect(h.toArray()).toEqual([2, 3]);
  });
});
