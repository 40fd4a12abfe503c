/** A small fleet of host entries for the overview's pure functions: tags, states and figures chosen to order differently under each sort. */
import { createLiveStore, setHostStatus, setResources, type HostEntry, type LiveStore } from '../../src/services/liveStore';
import type { HostState } from '../../src/hosts/Host';
import { snapshot } from './fixtures';

export interface FleetHost {
  name: string;
  tags: string[];
  state: HostState;
  /** cpu, memory, fullest disk; null: no sample yet. */
  figures: [number, number, number] | null;
}

/**
 * Config order: web-2, db-10, web-10, db-2, cache-1, batch-1.
 * worst figure against 70/80/85: web-2 cpu 50/70=.71; db-10 disk 97/85=1.14;
 * web-10 cpu 90/70=1.29; db-2 mem 60/80=.75; cache-1 error; batch-1 no sample.
 */
export const FLEET: FleetHost[] = [
  { name: 'web-2', tags: ['production', 'web'], state: 'connected', figures: [50, 40, 30] },
  { name: 'db-10', tags: ['production', 'db'], state: 'connected', figures: [20, 50, 97] },
  { name: 'web-10', tags: ['staging', 'web'], state: 'connected', figures: [90, 30, 40] },
  { name: 'db-2', tags: ['staging', 'db'], state: 'connected', figures: [10, 60, 20] },
  { name: 'cache-1', tags: ['production'], state: 'error', figures: null },
  { name: 'batch-1', tags: [], state: 'connecting', figures: null },
];

export function fleetStore(hosts: readonly FleetHost[] = FLEET, now = Date.now()): LiveStore {
  const store = createLiveStore(hosts.map((h) => ({ name: h.name, tags: h.tags, production: h.tags.includes('production'), address: `ops@${h.name}:22` })));
  for (const h of hosts) {
    setHostStatus(store, h.name, { state: h.state, error: h.state === 'error' ? 'connect ECONNREFUSED' : null, since: now - 1000 });
    if (h.figures) {
      const [cpu, mem, disk] = h.figures;
      setResources(
        store,
        h.name,
        snapshot({
          hostname: h.name,
          cpuPercent: cpu,
          memoryPercent: mem,
          disks: [{ mount: '/', fs: '/dev/sda1', sizeBytes: 100, usedBytes: disk, availBytes: 100 - disk, usedPercent: disk }],
        }),
        now - 500,
      );
    }
  }
  return store;
}

export function fleetEntries(hosts: readonly FleetHost[] = FLEET): { order: string[]; hosts: Record<string, HostEntry>; list: HostEntry[] } {
  const s = fleetStore(hosts).getState();
  return { order: s.order, hosts: s.hosts, list: s.order.map((n) => s.hosts[n] as HostEntry) };
}
