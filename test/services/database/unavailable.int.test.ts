// PostgreSQL stopped under a running monitor: the pane says "database
// unavailable" with the reason, resources keep coming, and once the server is
// back the figures return by themselves (no operator action).
import { afterAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { DatabaseService } from '../../../src/services/database/DatabaseService';
import { createLiveStore, type LiveState } from '../../../src/services/liveStore';
import { Monitor } from '../../../src/services/Monitor';
import { resourcesPoller } from '../../../src/services/resourcesPoller';
import { pgStart, pgStop } from '../../lab/lab';
import { labBackups, labHosts, passwordEnv, target, waitUntil } from './pgLab';

describe('the database pane when PostgreSQL stops and starts', () => {
  let hosts: Map<string, Host>;
  const store = createLiveStore([{ name: 'lab-3', tags: [], production: false, address: 'lab-3' }]);
  const svc = new DatabaseService(store, { longQuerySeconds: 300, intervalMs: 500, session: { passwordEnv: passwordEnv() } });
  const monitor = new Monitor({ isReady: () => true, maxBackoffMs: 2000 });

  afterAll(async () => {
    monitor.stop();
    pgStart();
    await svc.close();
    await Promise.allSettled([...(hosts?.values() ?? [])].map((h) => h.close()));
  });

  it('shows "database unavailable" with the reason while the rest keeps polling, and recovers by itself', async () => {
    hosts = await labHosts('lab-3');
    const host = hosts.get('lab-3')!;
    for (const p of svc.add(host, { postgres: target('app'), backups: { dir: labBackups().dir } })) monitor.add(p);
    monitor.add(resourcesPoller(host, store, 500));
    monitor.setDemand('database', 'all');
    monitor.setDemand('backups', 'all');
    monitor.setDemand('resources', 'all');
    monitor.start();
    const h = () => store.getState().hosts['lab-3']!;
    const until = (pred: (s: LiveState['hosts'][string]) => boolean, what: string, ms?: number) => waitUntil(async () => pred(h()), what, ms);

    await until((e) => e.database.data !== null && e.database.error === null, 'first database figures');
    await until((e) => e.backups.data?.newest != null, 'the newest backup');

    pgStop();
    await until((e) => e.database.error !== null, 'the database to be unavailable');
    expect(h().database.error).toMatch(/^database unavailable: /);
    // The reason in words, from the tunnel or the server.
    expect(h().database.error).toMatch(/refused|terminat|shut ?down|connection lost|closed|ECONNRESET/i);
    // The rest of the cockpit carries on: resources still update, the backup age is still known.
    const seen = h().resources.updatedAt ?? 0;
    await until((e) => (e.resources.updatedAt ?? 0) > seen, 'resources to keep updating');
    expect(h().backups.data?.newest).not.toBeNull();

    pgStart();
    const downAt = Date.now();
    await until((e) => e.database.error === null && (e.database.updatedAt ?? 0) > downAt, 'the database to come back', 20_000);
    expect(h().database.data!.connections.total).toBeGreaterThan(0);
  });
});
