import { describe, expect, it, vi } from 'vitest';
import type { Host, HostListener, HostStatus } from '../../src/hosts/Host';
import { Fleet } from '../../src/services/Fleet';
import { createLiveStore } from '../../src/services/liveStore';
import { Monitor } from '../../src/services/Monitor';

/** A host whose connect says "connecting" at once and then waits (as an SSH host's does). */
function connectingHost(name: string): Host {
  let st: HostStatus = { state: 'idle', error: null, since: 0 };
  const listeners = new Set<HostListener>();
  const set = (s: HostStatus) => {
    st = s;
    for (const l of listeners) l(s);
  };
  return {
    name,
    kind: 'ssh',
    status: () => st,
    onStatus: (l) => (listeners.add(l), () => listeners.delete(l)),
    connect: () => (set({ state: 'connecting', error: null, since: 1 }), new Promise<void>(() => {})),
    close: async () => set({ state: 'idle', error: null, since: 2 }),
  } as Partial<Host> as Host;
}

describe('Fleet', () => {
  it('starting hosts seeded as connecting changes nothing in the store: no frame before there is news', () => {
    const names = ['a', 'b', 'c'];
    const store = createLiveStore(
      names.map((name) => ({ name, tags: [], production: false, address: name, state: 'connecting' as const })),
      { batchMs: 30 },
    );
    const seen = vi.fn();
    store.subscribe(seen);
    const hosts = new Map(names.map((n) => [n, connectingHost(n)]));
    const fleet = new Fleet(store, hosts, new Monitor({ isReady: () => false }));
    vi.useFakeTimers();
    try {
      fleet.start();
      vi.advanceTimersByTime(1000);
      expect(seen).not.toHaveBeenCalled();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
      void fleet.stop();
    }
  });

  it('hosts seeded otherwise show that they connect', () => {
    const store = createLiveStore([{ name: 'a', tags: [], production: false, address: 'a' }]);
    const fleet = new Fleet(store, new Map([['a', connectingHost('a')]]), new Monitor({ isReady: () => false }));
    fleet.start();
    expect(store.getState().hosts.a!.state).toBe('connecting');
    void fleet.stop();
  });
});
