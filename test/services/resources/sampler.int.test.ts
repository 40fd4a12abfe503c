// The resources sampler over a real sshd (lab-3, LogLevel VERBOSE): one exec
// session for many polls clocked by the host, every figure in every poll, a
// sampler killed on the host replaced by the next poll, and nothing left
// running once the poller idles (hung up, no kill).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { createLiveStore, type LiveStore } from '../../../src/services/liveStore';
import { resourcesPoller } from '../../../src/services/resourcesPoller';
import type { Poller } from '../../../src/services/Monitor';
import { readLab, type LabHost } from '../../lab/lab';
import { clientPort, execCount } from '../../lab/sshdSessions';
import { waitUntil } from '../../waitUntil';
import { labHosts } from '../docker/dockerLab';

const NAME = 'lab-3';
const PERIOD_MS = 300;

/**
 * PIDs of samplers running on the host for this connection: the shells running the loop (not the login shells around
 * them; bash where sh ran it again under bash) below the sshd process serving the connection, the parent of this
 * exec's shell. The lab's hosts share one machine, where other cockpits' samplers run as the same user.
 */
async function samplerPids(host: Host): Promise<number[]> {
  const r = await host.exec('echo "$PPID"; ps -o pid= -o ppid= -o args= -u "$(id -u)"');
  const [session, ...lines] = r.stdout.split('\n');
  const parent = new Map<number, number>();
  const samplers: number[] = [];
  for (const l of lines) {
    const m = /^\s*(\d+)\s+(\d+) (.*)$/.exec(l);
    if (!m) continue;
    parent.set(Number(m[1]), Number(m[2]));
    if (/^(\/bin\/sh|bash) -c export LC_ALL=C; .*riskctl-sample/.test(m[3]!)) samplers.push(Number(m[1]));
  }
  const served = (pid: number) => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === Number(session)) return true;
    return false;
  };
  return samplers.filter(served);
}

describe('the resources sampler over SSH (lab-3)', () => {
  let hosts: Map<string, Host>;
  let host: Host;
  let lab: LabHost;
  let port: string;
  let store: LiveStore;
  let poller: Poller;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    hosts = await labHosts(NAME);
    host = hosts.get(NAME)!;
    lab = readLab().hosts.find((h) => h.name === NAME)!;
    port = clientPort(lab);
    store = createLiveStore([{ name: NAME, tags: [], production: false, address: NAME }]);
    // The host clocks a sample every 300 ms: five polls take a second and a half.
    poller = resourcesPoller(host, store, PERIOD_MS);
  });

  afterAll(async () => {
    poller?.idle?.();
    await Promise.allSettled([...(hosts?.values() ?? [])].map((h) => h.close()));
  });

  const data = () => store.getState().hosts[NAME]!.resources.data!;

  it('five polls, one exec session; the steady figures are there in every poll', async () => {
    const before = execCount(lab, port);
    const seen: { os: string; hostname: string; types: (string | undefined)[]; cpu: number | null; at: number }[] = [];
    expect(poller.hostClocked).toBe(true);
    for (let i = 0; i < 5; i++) {
      await poller.run(signal);
      const d = data();
      seen.push({ os: d.os, hostname: d.hostname, types: d.disks.map((x) => x.type), cpu: d.cpuPercent, at: performance.now() });
    }
    expect(execCount(lab, port) - before).toBe(1);
    // After the first (at once), the host's own clock spaces the samples a period apart (not back to back).
    expect(seen[4]!.at - seen[1]!.at).toBeGreaterThan(3 * PERIOD_MS - 100);
    expect(seen[0]!.types.length).toBeGreaterThan(0);
    expect(seen[0]!.types.every(Boolean)).toBe(true);
    for (const s of seen.slice(1)) {
      expect({ os: s.os, hostname: s.hostname, types: s.types }).toEqual({ os: seen[0]!.os, hostname: seen[0]!.hostname, types: seen[0]!.types });
      expect(s.cpu).not.toBeNull();
    }
    expect(await samplerPids(host)).toHaveLength(1);
  });

  it('a sampler killed on the host: the next poll that fails says so, and the one after runs a new sampler', async () => {
    const [pid] = await samplerPids(host);
    await host.exec('kill "$RISKCTL_PID"', { env: { RISKCTL_PID: String(pid) } });
    await waitUntil(async () => !(await samplerPids(host)).includes(pid!), 'the sampler to end');
    const before = execCount(lab, port);
    // The end may reach us before the poll (a new sampler at once) or during it (this poll fails).
    await poller.run(signal).catch(() => poller.run(signal));
    expect(store.getState().hosts[NAME]!.resources.error).toBeNull();
    expect(data().disks.length).toBeGreaterThan(0);
    expect(execCount(lab, port) - before).toBe(1);
    const now = await samplerPids(host);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(pid);
  });

  it('when the poller idles, the sampler is hung up and ends on the host without another exec', async () => {
    expect(await samplerPids(host)).toHaveLength(1);
    const before = execCount(lab, port);
    poller.idle!();
    // It ends at its next print, a period at most: every session since is one of these checks' own ps.
    let checks = 0;
    await waitUntil(async () => (checks++, (await samplerPids(host)).length === 0), 'the sampler to end');
    expect(execCount(lab, port) - before).toBe(checks);
  });
});
