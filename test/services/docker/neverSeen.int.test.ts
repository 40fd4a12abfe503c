// A host without Docker (lab-3, its docker.socket pointed at nothing): the
// event stream's retry loop alone probes the missing socket and says why; the
// periodic list does not probe it again meanwhile (each probe is an SSH
// channel, counted in sshd's VERBOSE log).
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { DockerWatcher } from '../../../src/services/docker/DockerWatcher';
import { createLiveStore } from '../../../src/services/liveStore';
import { readLab } from '../../lab/lab';
import { labHosts, waitUntil } from './dockerLab';

const SOCKET = `/nonexistent-riskctl-${process.pid}/docker.sock`;

describe('an engine never reached since start', () => {
  let hosts: Map<string, Host> | undefined;
  let watcher: DockerWatcher | undefined;

  afterAll(async () => {
    watcher?.stop();
    await Promise.allSettled([...(hosts?.values() ?? [])].map((h) => h.close()));
  });

  it('is probed by the event loop alone, which says why; polls in between add no probe', async () => {
    hosts = await labHosts('lab-3');
    const host = hosts.get('lab-3')!;
    const log = readLab().hosts.find((h) => h.name === 'lab-3')!.logFile;
    const probes = () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l.includes(`connect to ${SOCKET} port`)).length;
    const store = createLiveStore([{ name: 'lab-3', tags: [], production: false, address: 'lab-3' }]);
    // Retries a minute apart once the first has failed: the polls below run inside one wait.
    watcher = new DockerWatcher(host, SOCKET, { store, neverSeenBackoffMs: 60_000 });
    watcher.start();
    const error = await waitUntil(() => store.getState().hosts['lab-3']!.services.error, 'the services error');
    expect(error).toMatch(new RegExp(`^Docker unavailable: no socket at ${SOCKET.replace(/[.]/g, '\\.')}`));
    await waitUntil(() => probes() >= 1, "the probe in sshd's log");
    const before = probes();
    for (let i = 0; i < 5; i++) await watcher.poll();
    // At most the event loop's own next retry (0.5 s after the first) may land meanwhile.
    expect(probes() - before).toBeLessThanOrEqual(1);
    expect(store.getState().hosts['lab-3']!.services.error).toBe(error);
    // And the monitor need not wake for those polls every refresh: the slow interval of a host not shown will do.
    expect(watcher.pollEveryMs(2000)).toBe(60_000);
  });
});
