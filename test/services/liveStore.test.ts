import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLiveStore, flushLiveStore, HISTORY_LEN, patchHost, setHostStatus, setResources, setResourcesError } from '../../src/services/liveStore';
import type { ResourcesSnapshot } from '../../src/services/types';

const seeds = ['a', 'b'].map((name) => ({ name, tags: [], production: false, address: name }));
const snap = (cpu: number | null): ResourcesSnapshot => ({
  hostname: 'h',
  os: 'Debian',
  cpuPercent: cpu,
  memoryPercent: 50,
  memTotalBytes: 100,
  memAvailableBytes: 50,
  swapPercent: null,
  load1: 1,
  load5: 1,
  load15: 1,
  cores: 2,
  uptimeSeconds: 10,
  disks: [],
});

describe('live store', () => {
  it("shows a host 'idle' until it reports, or in the state its seed gives", () => {
    const s = createLiveStore([...seeds, { name: 'c', tags: [], production: false, address: 'c', state: 'connecting' }]);
    expect(s.getState().hosts.a!.state).toBe('idle');
    expect(s.getState().hosts.c!.state).toBe('connecting');
    setHostStatus(s, 'c', { state: 'connected', error: null, since: 5 });
    flushLiveStore(s);
    expect(s.getState().hosts.c!.state).toBe('connected');
  });

  it('keeps snapshots per host with updatedAt, keeps the last figures on error', () => {
    const s = createLiveStore(seeds);
    setResources(s, 'a', snap(10), 1000);
    setResourcesError(s, 'a', 'boom');
    const a = s.getState().hosts.a!;
    expect(a.resources.data?.cpuPercent).toBe(10);
    expect(a.resources.updatedAt).toBe(1000);
    expect(a.resources.error).toBe('boom');
    expect(s.getState().hosts.b!.resources.data).toBeNull();
  });

  it('bounds the history and skips a missing CPU figure', () => {
    const s = createLiveStore(seeds);
    for (let i = 0; i < HISTORY_LEN + 20; i++) setResources(s, 'a', snap(i));
    setResources(s, 'a', snap(null));
    const h = s.getState().hosts.a!.history;
    expect(h.cpu).toHaveLength(HISTORY_LEN);
    expect(h.cpu.last()).toBe(HISTORY_LEN + 19);
    expect(h.cpu.toArray()[0]).toBe(20);
    expect(h.memory).toHaveLength(HISTORY_LEN);
  });

  it("keeps each interface's history by name: the same order, a new order, one gone, one new, a sample without a rate", () => {
    const s = createLiveStore(seeds);
    const io = (...ifs: Array<[string, number | null]>): ResourcesSnapshot => ({
      ...snap(1),
      network: ifs.map(([name, rate]) => ({
        interface: name,
        rxBytesPerSecond: rate,
        txBytesPerSecond: rate === null ? null : 0,
        rxPacketsPerSecond: null,
        txPacketsPerSecond: null,
        rxBytes: 0,
        txBytes: 0,
        rxErrors: 0,
        txErrors: 0,
        rxDrops: 0,
        txDrops: 0,
        newErrors: null,
      })),
    });
    const named = () => s.getState().hosts.a!.history.network!.map((h) => `${h.name}:${h.values.toArray().join(',')}`);
    setResources(s, 'a', io(['eth0', 1], ['lo', 2]));
    setResources(s, 'a', io(['eth0', 3], ['lo', 4]));
    expect(named()).toEqual(['eth0:1,3', 'lo:2,4']);
    setResources(s, 'a', io(['lo', 5], ['eth0', null]));
    expect(named()).toEqual(['lo:2,4,5', 'eth0:1,3']);
    setResources(s, 'a', io(['eth1', 6], ['lo', 7]));
    expect(named()).toEqual(['eth1:6', 'lo:2,4,5,7']);
    for (let i = 0; i < HISTORY_LEN + 5; i++) setResources(s, 'a', io(['eth1', i], ['lo', i]));
    expect(s.getState().hosts.a!.history.network!.map((h) => [h.values.length, h.values.last()])).toEqual([
      [HISTORY_LEN, HISTORY_LEN + 4],
      [HISTORY_LEN, HISTORY_LEN + 4],
    ]);
  });

  it('an update that changes nothing notifies no one', () => {
    const s = createLiveStore(seeds);
    const seen = vi.fn();
    s.subscribe(seen);
    setHostStatus(s, 'a', { state: 'connected', error: null, since: 1 });
    setHostStatus(s, 'a', { state: 'connected', error: null, since: 2 });
    expect(seen).toHaveBeenCalledTimes(1);
  });

  describe('batched', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('applies updates from many hosts as one change', () => {
      const s = createLiveStore(seeds, { batchMs: 25 });
      const seen = vi.fn();
      s.subscribe(seen);
      setResources(s, 'a', snap(1));
      setResources(s, 'b', snap(2));
      setResources(s, 'a', snap(3));
      expect(seen).not.toHaveBeenCalled();
      vi.advanceTimersByTime(25);
      expect(seen).toHaveBeenCalledTimes(1);
      expect(s.getState().hosts.a!.history.cpu.toArray()).toEqual([1, 3]);
      expect(s.getState().hosts.b!.resources.data?.cpuPercent).toBe(2);
    });

    it('arms its bound only when the turn ends unflushed: a settled poll round leaves no timer to wake the loop', () => {
      const s = createLiveStore(seeds, { batchMs: 30 });
      setResources(s, 'a', snap(1));
      flushLiveStore(s); // the round settled in the same turn
      vi.advanceTimersByTime(0);
      expect(vi.getTimerCount()).toBe(0);
      setResources(s, 'b', snap(2)); // nothing settles this one
      vi.advanceTimersByTime(0);
      expect(vi.getTimerCount()).toBe(1);
      vi.advanceTimersByTime(30);
      expect(s.getState().hosts.b!.resources.data?.cpuPercent).toBe(2);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('a change that changes nothing costs no batch: no timer, no notification; later patches still see the latest entry', () => {
      const s = createLiveStore(seeds, { batchMs: 30 });
      const seen = vi.fn();
      s.subscribe(seen);
      patchHost(s, 'a', () => ({}));
      vi.advanceTimersByTime(0);
      expect(vi.getTimerCount()).toBe(0);
      setResources(s, 'a', snap(4));
      patchHost(s, 'a', (h) => ({ resources: { ...h.resources, error: `after ${h.resources.data?.cpuPercent}` } }));
      vi.advanceTimersByTime(30);
      expect(seen).toHaveBeenCalledTimes(1);
      expect(s.getState().hosts.a!.resources.error).toBe('after 4');
    });

    it("a round's figures wait up to the round's bound; a change of another kind takes the batch within its own", () => {
      const s = createLiveStore(seeds, { batchMs: 30, roundBatchMs: 500 });
      // Each host's first figures are in: what follows are rounds.
      setResources(s, 'a', snap(0));
      setResources(s, 'b', snap(0));
      flushLiveStore(s);
      vi.advanceTimersByTime(0);
      const seen = vi.fn();
      s.subscribe(seen);
      setResources(s, 'a', snap(1));
      vi.advanceTimersByTime(300);
      setResources(s, 'b', snap(2)); // a sample 300 ms later: same batch, same bound
      vi.advanceTimersByTime(199);
      expect(seen).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(seen).toHaveBeenCalledTimes(1);
      expect(s.getState().hosts.b!.resources.data?.cpuPercent).toBe(2);
      expect(vi.getTimerCount()).toBe(0);

      setResources(s, 'a', snap(3));
      vi.advanceTimersByTime(100);
      setHostStatus(s, 'b', { state: 'error', error: 'gone', since: 5 });
      vi.advanceTimersByTime(29);
      expect(seen).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1);
      expect(seen).toHaveBeenCalledTimes(2);
      expect(s.getState().hosts.a!.history.cpu.toArray()).toEqual([0, 1, 3]);
      expect(s.getState().hosts.b!.state).toBe('error');
      expect(vi.getTimerCount()).toBe(0);
    });

    it("a host's first figures take the bound of any other change, not the round's: a host shows data as soon as it has some", () => {
      const s = createLiveStore(seeds, { batchMs: 30, roundBatchMs: 500 });
      const seen = vi.fn();
      s.subscribe(seen);
      setResources(s, 'a', snap(1));
      vi.advanceTimersByTime(29);
      expect(seen).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(seen).toHaveBeenCalledTimes(1);
      expect(s.getState().hosts.a!.resources.data?.cpuPercent).toBe(1);
      // a's next sample is a round's: it waits up to 500 ms; b's first, joining it, takes the batch within 30 ms.
      setResources(s, 'a', snap(2));
      vi.advanceTimersByTime(100);
      expect(seen).toHaveBeenCalledTimes(1);
      setResources(s, 'b', snap(5));
      vi.advanceTimersByTime(30);
      expect(seen).toHaveBeenCalledTimes(2);
      expect(s.getState().hosts.a!.history.cpu.toArray()).toEqual([1, 2]);
      expect(s.getState().hosts.b!.resources.data?.cpuPercent).toBe(5);
      expect(vi.getTimerCount()).toBe(0);
    });

    it("a host that connects waits with the round's figures; a host that fails shows within the event bound", () => {
      const s = createLiveStore(seeds, { batchMs: 30, roundBatchMs: 500 });
      const seen = vi.fn();
      s.subscribe(seen);
      setHostStatus(s, 'a', { state: 'connected', error: null, since: 1 });
      vi.advanceTimersByTime(499);
      expect(seen).not.toHaveBeenCalled();
      // Its first sample takes the batch, the state with it: one change.
      setResources(s, 'a', snap(1));
      vi.advanceTimersByTime(30);
      expect(seen).toHaveBeenCalledTimes(1);
      expect(s.getState().hosts.a!.state).toBe('connected');
      setHostStatus(s, 'b', { state: 'error', error: 'refused', since: 2 });
      vi.advanceTimersByTime(30);
      expect(seen).toHaveBeenCalledTimes(2);
      expect(s.getState().hosts.b!.state).toBe('error');
      // Connected with a warning (a key accepted but not saved): shown at once too.
      setHostStatus(s, 'b', { state: 'connected', error: 'key not saved', since: 3 });
      vi.advanceTimersByTime(30);
      expect(seen).toHaveBeenCalledTimes(3);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('flushLiveStore applies at once', () => {
      const s = createLiveStore(seeds, { batchMs: 1000 });
      setResources(s, 'b', snap(7));
      flushLiveStore(s);
      expect(s.getState().hosts.b!.resources.data?.cpuPercent).toBe(7);
    });
  });
});
