import { readFileSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { HostError, type ExecOptions, type ExecResult, type Host } from '../../../src/hosts/Host';
import { collectResourcesTwice, ResourcesCollector } from '../../../src/services/resources/ResourcesCollector';
import { formatOs } from '../../../src/services/resources/localResources';
import { remoteResourcesCommand } from '../../../src/services/resources/remoteResourcesCommand';
import { fixture, withSection } from './fixture';
import { shellHost } from './shellHost';

const batchA = fixture('batch-a.txt');
const batchB = fixture('batch-b.txt');
/** batch-b plus another 1000 ticks, 250 of them busy. */
const batchC = withSection(batchB, 'stat', 'cpu  1003250 2000 300800 5006350 40400 100 6100 7800 9000 0\n');

type Reply = Partial<ExecResult> | (() => Promise<Partial<ExecResult>>);

/** An ssh-kind Host whose exec answers from a script and records each call. */
function scriptedHost(replies: Reply[]) {
  const calls: { command: string; opts?: ExecOptions }[] = [];
  const { host } = shellHost('db-7');
  const scripted: Host = {
    ...host,
    exec: async (command, opts) => {
      calls.push({ command, opts });
      const r = replies.shift();
      if (!r) throw new Error('unexpected exec');
      const res = typeof r === 'function' ? await r() : r;
      return { code: 0, stdout: '', stderr: '', durationMs: 1, timedOut: false, ...res };
    },
  };
  return { host: scripted, calls };
}

describe('ResourcesCollector (ssh)', () => {
  it('one exec of the batched command per poll; CPU % from the second poll on', async () => {
    const { host, calls } = scriptedHost([{ stdout: batchA }, { stdout: batchB }, { stdout: batchC }]);
    const c = new ResourcesCollector(host, { timeoutMs: 4000 });
    const cpu = [(await c.poll()).cpuPercent, (await c.poll()).cpuPercent, (await c.poll()).cpuPercent];
    expect(cpu).toEqual([null, 44.4, 25]);
    expect(calls).toHaveLength(3);
    expect(calls.every((x) => x.command === remoteResourcesCommand && x.opts?.timeoutMs === 4000)).toBe(true);
  });

  it('a reboot between polls (counters back to small numbers): null, then figures again', async () => {
    const { host } = scriptedHost([{ stdout: batchB }, { stdout: batchA }, { stdout: batchB }]);
    const c = new ResourcesCollector(host);
    await c.poll();
    expect((await c.poll()).cpuPercent).toBeNull();
    expect((await c.poll()).cpuPercent).toBe(44.4);
  });

  it('a poll that finishes after a newer one does not become the baseline', async () => {
    let releaseOld!: () => void;
    const old = new Promise<void>((r) => (releaseOld = r));
    const { host } = scriptedHost([async () => (await old, { stdout: batchA }), { stdout: batchB }, { stdout: batchC }]);
    const c = new ResourcesCollector(host);
    const abandoned = c.poll();
    await c.poll(); // newer, finishes first: baseline = B
    releaseOld();
    expect((await abandoned).cpuPercent).toBeNull(); // A is older than B
    expect((await c.poll()).cpuPercent).toBe(25); // C − B, not C − A
  });

  it.each([
    {
      name: 'non-zero exit, empty stdout',
      reply: { code: 255, stderr: 'sh: 1: /bin/sh: Permission denied\n' },
      want: 'db-7: resources command failed (exit 255): sh: 1: /bin/sh: Permission denied',
      code: 'io',
    },
    { name: 'killed, nothing printed', reply: { code: null }, want: 'db-7: resources command failed (exit killed): no output', code: 'io' },
    { name: 'timed out', reply: { code: null, timedOut: true }, want: 'db-7: resources poll timed out after 10000 ms', code: 'timeout' },
    {
      name: 'output that is not ours',
      reply: { code: 127, stdout: 'Welcome to the bastion!\n', stderr: 'fish: Unknown command\n' },
      want: 'db-7: cannot read resources: the resources command printed none of its sections (fish: Unknown command)',
      code: 'io',
    },
    {
      name: 'not Linux',
      reply: { stdout: withSection(withSection(batchA, 'meminfo', ''), 'loadavg', '') },
      want: 'db-7: cannot read resources: unreadable /proc/meminfo, /proc/loadavg (is this a Linux host?)',
      code: 'io',
    },
  ])('$name → HostError naming the host', async ({ reply, want, code }) => {
    const { host } = scriptedHost([reply]);
    const err = await new ResourcesCollector(host).poll().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).message).toBe(want);
    expect((err as HostError).code).toBe(code);
  });

  it('an aborted signal rejects without exec', async () => {
    const { host, calls } = scriptedHost([{ stdout: batchA }]);
    const ac = new AbortController();
    ac.abort(new Error('screen closed'));
    await expect(new ResourcesCollector(host).poll(ac.signal)).rejects.toThrow('screen closed');
    expect(calls).toHaveLength(0);
  });

  it('through a real shell: collectResourcesTwice gives CPU % and this machine’s figures', async () => {
    const { host, calls } = shellHost('here');
    const s = await collectResourcesTwice(host, 200);
    expect(calls).toHaveLength(2);
    expect(s.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(s.cpuPercent).toBeLessThanOrEqual(100);
    expect(s.hostname).toBe(os.hostname());
    expect(s.disks.map((d) => d.mount)).toContain('/');
  });
});

const meminfoTotal = Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;
const osReleaseName = /^NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))![1]!;

describe('ResourcesCollector (local, systeminformation)', () => {
  it('first poll CPU null, second a figure; the rest from this machine; never execs', async () => {
    const { host, calls } = shellHost('laptop', { kind: 'local' });
    const c = new ResourcesCollector(host);
    const first = await c.poll();
    await new Promise((r) => setTimeout(r, 300)); // si ignores calls < 200 ms apart
    const second = await c.poll();
    expect(calls).toHaveLength(0);
    expect(first.cpuPercent).toBeNull();
    expect(second.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(second.cpuPercent).toBeLessThanOrEqual(100);
    expect(second.cores).toBe(os.availableParallelism());
    expect(second.memTotalBytes).toBe(meminfoTotal);
    expect(second.hostname).toBe(os.hostname());
    expect(second.os.startsWith(osReleaseName)).toBe(true);
    expect(Math.abs(second.load1 - os.loadavg()[0]!)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(second.uptimeSeconds - os.uptime())).toBeLessThanOrEqual(5);
  });

  it('shows the same filesystems as the remote path on this machine', async () => {
    const local = await new ResourcesCollector(shellHost('a', { kind: 'local' }).host).poll();
    const remote = await new ResourcesCollector(shellHost('b', { kind: 'ssh' }).host).poll();
    expect(local.disks.map((d) => [d.mount, d.fs, d.type, d.readOnly])).toEqual(remote.disks.map((d) => [d.mount, d.fs, d.type, d.readOnly]));
    for (const [i, d] of local.disks.entries()) {
      // si reads df -k (KiB, rounded) and we read -B1: the sizes agree to a KiB per block.
      expect(Math.abs(d.sizeBytes - remote.disks[i]!.sizeBytes)).toBeLessThanOrEqual(1024);
      expect(Math.abs(d.usedPercent - remote.disks[i]!.usedPercent)).toBeLessThanOrEqual(1);
    }
  });

  it.each([
    { info: { distro: 'Debian GNU/Linux', release: '12', codename: 'bookworm', platform: 'linux' }, want: 'Debian GNU/Linux 12 (bookworm)' },
    { info: { distro: 'Ubuntu', release: '22.04.4 LTS', codename: 'jammy', platform: 'linux' }, want: 'Ubuntu 22.04.4 LTS (jammy)' },
    { info: { distro: 'macOS', release: '14.4', codename: 'macOS Sonoma', platform: 'darwin' }, want: 'macOS 14.4 (macOS Sonoma)' },
    { info: { distro: 'Alpine Linux 3.19', release: '3.19', codename: '', platform: 'linux' }, want: 'Alpine Linux 3.19' },
    { info: { distro: '', release: '', codename: '', platform: 'linux' }, want: 'linux' },
  ])('formatOs → $want', ({ info, want }) => {
    expect(formatOs(info)).toBe(want);
  });
});
