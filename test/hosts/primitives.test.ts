import { describe, expect, it, vi } from 'vitest';
import { Deadline } from '../../src/hosts/Deadline';
import { Semaphore } from '../../src/hosts/Semaphore';
import { HostStatusTracker } from '../../src/hosts/HostStatusTracker';

describe('Semaphore', () => {
  it('lets `size` holders in, queues the rest in order, and fails the queue on demand', async () => {
    const s = new Semaphore(2);
    const r1 = await s.acquire();
    await s.acquire();
    const order: string[] = [];
    const third = s.acquire().then((r) => (order.push('third'), r));
    void s.acquire().then(
      () => order.push('fourth'),
      () => order.push('fourth failed'),
    );
    await Promise.resolve();
    expect(order).toEqual([]);
    r1();
    r1(); // a second release of the same slot is ignored
    (await third)();
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual(['third', 'fourth']);
    const s2 = new Semaphore(0);
    const waiting = s2.acquire();
    s2.failWaiting(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
  });
});

describe('Deadline', () => {
  it('expires after its budget, not counting paused time', () => {
    vi.useFakeTimers();
    try {
      const fired = vi.fn();
      const d = new Deadline(1000);
      d.onExpire = fired;
      d.start();
      vi.advanceTimersByTime(600);
      d.pause();
      vi.advanceTimersByTime(60_000); // an operator reading a prompt
      expect(fired).not.toHaveBeenCalled();
      d.resume();
      vi.advanceTimersByTime(399);
      expect(fired).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(fired).toHaveBeenCalledTimes(1);
      const stopped = new Deadline(10);
      stopped.onExpire = fired;
      stopped.start();
      stopped.stop();
      stopped.resume();
      vi.advanceTimersByTime(100);
      expect(fired).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('HostStatusTracker', () => {
  it('tells listeners about changes only, keeps `since` for same-state error updates, survives a throwing listener', () => {
    const c = new HostStatusTracker();
    const seen: string[] = [];
    c.subscribe(() => {
      throw new Error('bad listener');
    });
    const off = c.subscribe((s) => seen.push(`${s.state}:${s.error}`));
    c.set('connecting');
    c.set('connecting');
    c.set('disconnected', 'refused');
    const since = c.get().since;
    c.set('disconnected', 'refused again');
    expect(c.get().since).toBe(since);
    off();
    c.set('connected');
    expect(seen).toEqual(['connecting:null', 'disconnected:refused', 'disconnected:refused again']);
  });
});
