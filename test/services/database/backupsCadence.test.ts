import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import type { PostgresTarget } from '../../../src/hosts/HostConfig';
import { BACKUPS_INTERVAL_MS, DatabaseService } from '../../../src/services/database/DatabaseService';
import { SLOW_FACTS_INTERVAL_MS } from '../../../src/services/refreshTiming';
import { readHostFacts } from '../../../src/services/hostFacts/hostFacts';
import { createLiveStore } from '../../../src/services/liveStore';

/** A host whose every exec is the backups listing: counts them and names one file. */
function listingHost(name: string): { host: Host; execs: () => number } {
  let n = 0;
  const host = {
    name,
    exec: async () => {
      n++;
      return { code: 0, stdout: '1764205200.5 full_backup.tar.gz\n', stderr: '', timedOut: false };
    },
  } as unknown as Host;
  return { host, execs: () => n };
}

const target = { database: 'risk', user: 'risk' } as unknown as PostgresTarget;
const seed = (name: string) => ({ name, tags: [], production: false, address: name });

describe('the database pane reads the backups folder', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-07T12:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setUp() {
    const store = createLiveStore([seed('a'), seed('b')]);
    const service = new DatabaseService(store, { longQuerySeconds: 300, intervalMs: 2000 });
    const a = listingHost('a');
    const b = listingHost('b');
    const backups = (host: Host) => service.add(host, { postgres: target, backups: { dir: '/opt/backups' } }).find((p) => p.name === 'backups')!;
    return { store, service, a, b, pollA: backups(a.host), pollB: backups(b.host) };
  }

  it('once a minute for the host its screen shows, every five minutes for the others', async () => {
    const { store, service, a, b, pollA, pollB } = setUp();
    expect(pollA.intervalMs).toBe(BACKUPS_INTERVAL_MS);
    service.setView({ screen: 'database', host: 'a' });
    const signal = new AbortController().signal;
    // A poll a minute for six minutes.
    for (let minute = 0; minute <= 6; minute++) {
      await pollA.run(signal);
      await pollB.run(signal);
      vi.advanceTimersByTime(BACKUPS_INTERVAL_MS);
    }
    expect(a.execs()).toBe(7);
    // Read at 0 and 5 min.
    expect(b.execs()).toBe(1 + Math.floor((6 * BACKUPS_INTERVAL_MS) / SLOW_FACTS_INTERVAL_MS));
    expect(store.getState().hosts.b!.backups.data?.newest?.path).toBe('/opt/backups/full_backup.tar.gz');
  });

  it('a host the screen turns to is read on its next poll', async () => {
    const { service, b, pollB } = setUp();
    const signal = new AbortController().signal;
    await pollB.run(signal);
    vi.advanceTimersByTime(BACKUPS_INTERVAL_MS);
    await pollB.run(signal);
    expect(b.execs()).toBe(1);
    service.setView({ screen: 'database', host: 'b' });
    await pollB.run(signal);
    expect(b.execs()).toBe(2);
  });
});

describe("the alert rules' facts", () => {
  it('leave the backups folder unread when told (the database pane reads it), and then run nothing on a host without certificates', async () => {
    const { host, execs } = listingHost('a');
    const facts = await readHostFacts(host, { certificates: [], backups: { dir: '/opt/backups' }, postgres: target }, undefined, undefined, { backups: false });
    expect(facts).toEqual({});
    expect(execs()).toBe(0);
    const read = await readHostFacts(host, { certificates: [], backups: { dir: '/opt/backups' }, postgres: target });
    expect(read.backups?.newestName).toBe('full_backup.tar.gz');
    expect(execs()).toBe(1);
  });
});
