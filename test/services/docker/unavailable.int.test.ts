// dockerd stopped under a running monitor: the services pane says Docker is
// unavailable and why, resources and health keep coming, and once dockerd is
// back the list returns by itself (no operator action).
import { afterAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { ServicesService } from '../../../src/services/docker/ServicesService';
import { createLiveStore, type HostEntry } from '../../../src/services/liveStore';
import { Monitor } from '../../../src/services/Monitor';
import { resourcesPoller } from '../../../src/services/resourcesPoller';
import { dockerStart, dockerStop } from '../../lab/lab';
import { dockerLab, labConfigs, labHosts, waitUntil } from './dockerLab';

describe('the services pane when dockerd stops and starts', () => {
  let hosts: Map<string, Host> | undefined;
  const store = createLiveStore([{ name: 'lab-2', tags: [], production: false, address: 'lab-2' }]);
  const svc = new ServicesService({ store, refreshMs: 500 });
  const monitor = new Monitor({ isReady: () => true, maxBackoffMs: 2000 });

  afterAll(async () => {
    monitor.stop();
    svc.stop();
    dockerStart();
    await Promise.allSettled([...(hosts?.values() ?? [])].map((h) => h.close()));
  });

  it('says "Docker unavailable" with the reason while the rest keeps polling, and recovers by itself', async () => {
    hosts = await labHosts('lab-2');
    const host = hosts.get('lab-2')!;
    for (const p of svc.add(host, labConfigs('lab-2')[0]!)) monitor.add(p);
    monitor.add(resourcesPoller(host, store, 500));
    for (const d of ['services', 'health', 'resources']) monitor.setDemand(d, 'all');
    monitor.start();
    svc.start();
    const h = () => store.getState().hosts['lab-2']!;
    const until = (pred: (e: HostEntry) => unknown, what: string, ms?: number) => waitUntil(() => pred(h()), what, ms);

    await until((e) => e.services.data?.events && e.services.error === null, 'the list and the event stream');
    await until((e) => e.health.data !== null, 'first health results');

    dockerStop();
    const stoppedAt = Date.now();
    // The event stream drops at once: no need to wait for a poll.
    await until((e) => e.services.error !== null, 'the services error', 5000);
    const err = h().services.error!;
    expect(err).toMatch(/^Docker unavailable: /);
    // Why, in words: the socket is gone (dockerd removes it) or nothing answers on it.
    expect(err).toMatch(
      new RegExp(
        `(no socket at|no engine answers).*${dockerLab().socket.replace(/[.]/g, '\\.')}|${dockerLab().socket.replace(/[.]/g, '\\.')}.*(no socket|no engine answers)`,
      ),
    );
    expect(h().services.data!.events).toBe(false);
    // The rest of the cockpit carries on.
    const seen = h().resources.updatedAt ?? 0;
    await until((e) => (e.resources.updatedAt ?? 0) > seen, 'resources to keep updating');
    expect(h().resources.error).toBeNull();
    // Health checks go on too (whatever they find: the api went down with its container).
    await until((e) => (e.health.data?.[0]?.checkedAt ?? 0) > stoppedAt, 'health to keep checking', 15_000);

    dockerStart();
    const back = Date.now();
    await until((e) => e.services.error === null && (e.services.updatedAt ?? 0) > back && e.services.data?.events, 'the engine to come back', 20_000);
    const api = h().services.data!.containers.find((c) => c.service === 'api')!;
    await waitUntil(async () => {
      await svc.watcher('lab-2')!.refresh();
      return h().services.data!.containers.find((c) => c.service === 'api')?.state === 'running';
    }, 'api running again');
    expect(api.project).toBe(dockerLab().project);
  });
});
