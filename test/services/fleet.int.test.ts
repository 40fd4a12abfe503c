import { afterAll, describe, expect, it } from 'vitest';
import { createHosts } from '../../src/hosts/createHosts';
import { Fleet } from '../../src/services/Fleet';
import { createLiveStore, type LiveState } from '../../src/services/liveStore';
import { Monitor } from '../../src/services/Monitor';
import { resourcesPoller } from '../../src/services/resourcesPoller';
import { cleanEnv, tempDir, writeConfig } from '../app/cliHelpers';
import { hostStart, hostStop, labHost } from '../lab/lab';
import { readConfigFile } from '../../src/hosts/loadConfig';

const POLL_MS = 1000;

function waitFor(store: ReturnType<typeof createLiveStore>, pred: (s: LiveState) => boolean, what: string, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (pred(store.getState())) return resolve();
    const timer = setTimeout(() => {
      unsub();
      reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(Object.values(store.getState().hosts).map((h) => [h.name, h.state, h.error]))}`));
    }, ms);
    const unsub = store.subscribe((s) => {
      if (pred(s)) {
        clearTimeout(timer);
        unsub();
        resolve();
      }
    });
  });
}

describe('a fleet of lab hosts, live', () => {
  const dir = tempDir('fleet');
  const cfg = readConfigFile(
    writeConfig(
      dir,
      [1, 2, 3].map((i) => ({ name: `lab-${i}`, host: labHost(i) })),
    ),
  );
  const store = createLiveStore(cfg.hosts.map((h) => ({ name: h.name, tags: h.tags, production: false, address: h.name })));
  const hosts = createHosts(cfg.hosts, { stateDir: cleanEnv().XDG_STATE_HOME!, onUnknownHostKey: async () => false });
  const monitor = new Monitor({ isReady: (n) => hosts.get(n)?.status().state === 'connected' });
  for (const h of hosts.values()) monitor.add(resourcesPoller(h, store, POLL_MS));
  monitor.setDemand('resources', 'all');
  const fleet = new Fleet(store, hosts, monitor);

  afterAll(async () => {
    await fleet.stop();
    hostStart(2);
  });

  it('a killed sshd shows disconnected within two polls while the others keep updating, and it comes back by itself', async () => {
    fleet.start();
    await waitFor(store, (s) => Object.values(s.hosts).every((h) => h.resources.updatedAt !== null), 'first data from every host');

    const polls = () => monitor.runCount('lab-1', 'resources');
    hostStop(2);
    const before = polls();
    await waitFor(store, (s) => s.hosts['lab-2']!.state !== 'connected', 'lab-2 to drop');
    expect(polls() - before).toBeLessThanOrEqual(2);
    expect(store.getState().hosts['lab-2']!.error).toMatch(/connection lost/);

    // The others keep updating while lab-2 is down.
    const seen1 = store.getState().hosts['lab-1']!.resources.updatedAt!;
    const seen3 = store.getState().hosts['lab-3']!.resources.updatedAt!;
    await waitFor(store, (s) => s.hosts['lab-1']!.resources.updatedAt! > seen1 && s.hosts['lab-3']!.resources.updatedAt! > seen3, 'others to update');
    await new Promise((r) => setTimeout(r, 3000));
    expect(store.getState().hosts['lab-2']!.state).not.toBe('connected');

    hostStart(2);
    const back = Date.now();
    await waitFor(store, (s) => s.hosts['lab-2']!.state === 'connected', 'lab-2 to reconnect', 10_000);
    expect(Date.now() - back).toBeLessThanOrEqual(5000);
    const at = Date.now();
    await waitFor(store, (s) => (s.hosts['lab-2']!.resources.updatedAt ?? 0) > at, 'fresh data from lab-2');
  });
});
