// A host without Docker (lab-3, its docker.socket pointed at nothing): the
// event stream's retry loop alone probes the missing socket and says why; the
// periodic list does not probe it again meanwhile (each probe is an SSH
// channel, counted in sshd's VERBOSE log). Retries are bare channels, and a
// socket that starts answering is followed.
import { chmodSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { DockerWatcher } from '../../../src/services/docker/DockerWatcher';
import { createLiveStore } from '../../../src/services/liveStore';
import { readLab } from '../../lab/lab';
import { tempDir } from '../../app/cliHelpers';
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

  it('is retried with a bare channel to the socket, not a Docker request, and followed once the socket answers', async () => {
    hosts ??= await labHosts('lab-3');
    const host = hosts.get('lab-3')!;
    const lab = readLab().hosts.find((h) => h.name === 'lab-3')!;
    const socket = join(tempDir('docker'), 'docker.sock');
    const lines = (what: string) =>
      readFileSync(lab.logFile, 'utf8')
        .split('\n')
        .filter((l) => l.includes(what)).length;
    const probes = () => lines(`connect to ${socket} port`);
    const execs = () => lines('Starting session: command');
    const store = createLiveStore([{ name: 'lab-3', tags: [], production: false, address: 'lab-3' }]);
    watcher = new DockerWatcher(host, socket, { store, neverSeenBackoffMs: 300, firstTryMs: 0 });
    const dockerRequests = vi.spyOn(watcher, 'client');
    watcher.start();
    const error = await waitUntil(() => store.getState().hosts['lab-3']!.services.error, 'the services error');
    expect(error).toMatch(/^Docker unavailable: no socket at /);
    const [p0, e0] = [probes(), execs()];
    await waitUntil(() => probes() >= p0 + 3, 'three more probes');
    // The first try was a Docker request; the retries are channels alone, and the reason stands without a new exec.
    expect(dockerRequests).toHaveBeenCalledTimes(1);
    expect(execs()).toBe(e0);
    expect(store.getState().hosts['lab-3']!.services.error).toBe(error);
    // An engine appears (a socket answering /events, on the lab host, which is this machine): the stream is followed.
    const server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url?.includes('/events')) res.flushHeaders();
      else res.end(req.url?.includes('/version') ? '{"Version":"99.0"}' : '[]');
    });
    await new Promise<void>((r) => server.listen(socket, r));
    // The lab's login user opens it.
    chmodSync(dirname(socket), 0o755);
    chmodSync(socket, 0o777);
    try {
      await waitUntil(() => store.getState().hosts['lab-3']!.services.data?.events === true, 'the event stream followed');
      expect(store.getState().hosts['lab-3']!.services.error).toBeNull();
    } finally {
      watcher.stop();
      server.closeAllConnections();
      server.close();
    }
  });
});
