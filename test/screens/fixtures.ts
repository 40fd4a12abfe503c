/** Snapshots and a seeded live store for the screen tests. */
import { expect } from 'vitest';
import { createLiveStore, setHostStatus, setResources, type LiveStore } from '../../src/services/liveStore';
import type { ResourcesSnapshot } from '../../src/services/types';
import type { CockpitActions } from '../../src/services/CockpitActions';

const GiB = 1024 ** 3;

export function snapshot(over: Partial<ResourcesSnapshot> = {}): ResourcesSnapshot {
  return {
    hostname: 'web-01.risk.local',
    os: 'Debian GNU/Linux 12 (bookworm)',
    cpuPercent: 42,
    memoryPercent: 63,
    memTotalBytes: 8 * GiB,
    memAvailableBytes: 3 * GiB,
    swapPercent: 5,
    load1: 0.75,
    load5: 0.6,
    load15: 0.5,
    cores: 4,
    uptimeSeconds: 3 * 86400 + 4 * 3600 + 120,
    disks: [
      { mount: '/', fs: '/dev/sda1', sizeBytes: 40 * GiB, usedBytes: 20 * GiB, availBytes: 20 * GiB, usedPercent: 50 },
      { mount: '/var', fs: '/dev/sdb1', sizeBytes: 100 * GiB, usedBytes: 88 * GiB, availBytes: 12 * GiB, usedPercent: 88 },
    ],
    ...over,
  };
}

export const WEB = snapshot();
export const DB = snapshot({
  hostname: 'db-01.risk.local',
  cpuPercent: 85,
  memoryPercent: 71,
  load1: 6.5,
  cores: 4,
  disks: [
    { mount: '/', fs: '/dev/vda1', sizeBytes: 20 * GiB, usedBytes: 5 * GiB, availBytes: 15 * GiB, usedPercent: 25 },
    { mount: '/srv/pgdata', fs: '/dev/vdb1', sizeBytes: 500 * GiB, usedBytes: 485 * GiB, availBytes: 15 * GiB, usedPercent: 97 },
  ],
});

export const CONNECT_ERROR = 'connect ECONNREFUSED 127.0.0.9:2222';

/** web-1 (production, connected), db-1 (connected, busy), cache-1 (error). */
export function seededStore(now = Date.now()): LiveStore {
  const store = createLiveStore([
    { name: 'web-1', tags: ['production', 'web'], production: true, address: 'ops@10.0.0.5:22' },
    { name: 'db-1', tags: ['db'], production: false, address: 'ops@10.0.0.6:22' },
    { name: 'cache-1', tags: [], production: false, address: 'ops@10.0.0.9:2222' },
  ]);
  setHostStatus(store, 'web-1', { state: 'connected', error: null, since: now - 60_000 });
  setHostStatus(store, 'db-1', { state: 'connected', error: null, since: now - 60_000 });
  setHostStatus(store, 'cache-1', { state: 'error', error: CONNECT_ERROR, since: now - 5_000 });
  setResources(store, 'web-1', WEB, now - 1_000);
  setResources(store, 'db-1', DB, now - 2_000);
  return store;
}

/** Many hosts, for windowing and frame-height tests. */
export function bigStore(n: number, now = Date.now()): LiveStore {
  const seeds = Array.from({ length: n }, (_, i) => ({
    name: `host-${String(i + 1).padStart(2, '0')}`,
    tags: i % 10 === 0 ? ['production'] : [],
    production: i % 10 === 0,
    address: `ops@10.0.1.${i + 1}:22`,
  }));
  const store = createLiveStore(seeds);
  for (const s of seeds) {
    setHostStatus(store, s.name, { state: 'connected', error: null, since: now });
    setResources(store, s.name, snapshot({ hostname: `${s.name}.risk.local` }), now);
  }
  return store;
}

export interface RecordedActions extends CockpitActions {
  calls: string[];
}

export function recordingActions(): RecordedActions {
  const calls: string[] = [];
  return {
    calls,
    connect: (h) => calls.push(`connect ${h}`),
    disconnect: (h) => calls.push(`disconnect ${h}`),
    answerHostKey: (h, a) => calls.push(`answerHostKey ${h} ${a}`),
  };
}

/**
 * Ink draws after React commits, and a key's effect may take a few turns of
 * the event loop on a loaded machine: wait (bounded) for the frame to show
 * it, then assert. Never a fixed sleep standing in for "it has rendered".
 */
async function eventually(ok: () => boolean, ms: number): Promise<void> {
  const start = Date.now();
  while (!ok() && Date.now() - start < ms) await new Promise((r) => setTimeout(r, 10));
}

export async function sees(frame: () => string, text: string, ms = 5000): Promise<void> {
  await eventually(() => frame().includes(text), ms);
  expect(frame()).toContain(text);
}

export async function matches(frame: () => string, re: RegExp, ms = 5000): Promise<void> {
  await eventually(() => re.test(frame()), ms);
  expect(frame()).toMatch(re);
}

/**
 * Waits until the frame has not changed for a few polls (bounded): under load
 * Ink may draw, and re-bind its input handlers, after a key's own tick.
 */
export async function settled(frame: () => string, quietPolls = 3, maxMs = 1500): Promise<void> {
  const start = Date.now();
  let last = frame();
  let quiet = 0;
  while (quiet < quietPolls && Date.now() - start < maxMs) {
    await new Promise((r) => setTimeout(r, 15));
    const now = frame();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
}
