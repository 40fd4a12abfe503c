import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { LocalHost } from '../../../src/hosts/LocalHost';
import type { Host, StdinFeed, StreamOptions } from '../../../src/hosts/Host';
import { parseResourcesSections } from '../../../src/services/resources/parseResourcesBatch';
import { resourcesSamplerCommand, resourcesSamplerScript, STEADY_SECTIONS } from '../../../src/services/resources/remoteResourcesCommand';
import { ResourcesSampler } from '../../../src/services/resources/ResourcesSampler';
import { splitSections } from '../../../src/services/resources/sections';

const ends = (out: string) => [...out.matchAll(/^@@riskctl-sample:(\w+)@@$/gm)].map((m) => m[1]);

describe('the sampler script', () => {
  it('is one line without characters other login shells treat specially', () => {
    expect(resourcesSamplerCommand).toBe(`/bin/sh -c '${resourcesSamplerScript}'`);
    expect(resourcesSamplerScript).not.toMatch(/['!\n]|\\\\/);
  });

  it.each([
    ['/bin/sh (dash)', '/bin/sh'],
    ['bash', 'bash'],
    ['busybox ash', 'busybox'],
  ])('under %s: one sample per line read, steady sections only in the first, ends at EOF', (_n, shell) => {
    const args = shell === 'busybox' ? ['sh', '-c', resourcesSamplerScript] : ['-c', resourcesSamplerScript];
    const out = execFileSync(shell, args, { input: 'a1\nb2\nc3\n', encoding: 'utf8' });
    expect(ends(out)).toEqual(['a1', 'b2', 'c3']);
    const [first, second] = out.split(/^@@riskctl-sample:\w+@@$/m).map(splitSections);
    expect([...first!.keys()].sort()).toEqual(['df', 'dfexit', 'end', 'hostname', 'loadavg', 'meminfo', 'mounts', 'nproc', 'osrelease', 'stat', 'uname', 'uptime']);
    expect([...second!.keys()].sort()).toEqual(['df', 'dfexit', 'end', 'loadavg', 'meminfo', 'stat', 'uptime']);
    const { snapshot } = parseResourcesSections(first!);
    expect(snapshot.hostname).toBe(os.hostname());
    expect(snapshot.cores).toBe(Number(execFileSync('nproc', { encoding: 'utf8' })));
    expect(snapshot.disks.find((d) => d.mount === '/')?.type).toBeTruthy();
    // Only the cpu lines of /proc/stat travel, and the meminfo fields read.
    expect(first!.get('stat')!.trim().split('\n').every((l) => l.startsWith('cpu'))).toBe(true);
    expect(first!.get('meminfo')!.trim().split('\n').map((l) => l.split(':')[0])).toEqual(['MemTotal', 'MemFree', 'MemAvailable', 'Buffers', 'Cached', 'SwapTotal', 'SwapFree']);
    expect(snapshot.memTotalBytes).toBe(os.totalmem());
  });
});

describe('ResourcesSampler on a real shell (LocalHost)', () => {
  it('every sample has every section, CPU % from the second on, and close ends it', async () => {
    const sampler = new ResourcesSampler(new LocalHost());
    const a = await sampler.sample(5000);
    const b = await sampler.sample(5000);
    for (const name of STEADY_SECTIONS) expect(b.get(name), name).toBe(a.get(name));
    const pa = parseResourcesSections(a);
    const pb = parseResourcesSections(b, { prev: pa.cpuSample });
    expect(pb.snapshot.os).toBe(pa.snapshot.os);
    expect(pb.snapshot.disks.map((d) => d.type)).toEqual(pa.snapshot.disks.map((d) => d.type));
    expect(pb.snapshot.cpuPercent === null || (pb.snapshot.cpuPercent >= 0 && pb.snapshot.cpuPercent <= 100)).toBe(true);
    sampler.close();
    // A new sampler after close: all sections again.
    const c = await sampler.sample(5000);
    expect(c.get('mounts')).toBe(a.get('mounts'));
    sampler.close();
  });
});

/** A host whose one streaming command is played by the test: what it printed, when it ends. */
function playedHost() {
  const runs: { stdin: string[]; print: (s: string) => void; end: (code: number | null) => void; signal?: AbortSignal }[] = [];
  const host = {
    name: 'h1',
    kind: 'ssh',
    stream: (_cmd: string, o: StreamOptions) =>
      new Promise<number | null>((resolve) => {
        const r = { stdin: [] as string[], print: (s: string) => o.onStdout(Buffer.from(s)), end: resolve, signal: o.signal };
        runs.push(r);
        const feed: StdinFeed = { write: (t) => void r.stdin.push(t), end: () => {} };
        o.signal?.addEventListener('abort', () => resolve(null));
        queueMicrotask(() => o.onStdin?.(feed));
      }),
  } as unknown as Host;
  return { host, runs };
}

const sample = (nonce: string, body: Record<string, string>) =>
  Object.entries(body)
    .map(([k, v]) => `@@riskctl-resources:${k}@@\n${v}\n`)
    .join('') + `@@riskctl-resources:end@@\n\n@@riskctl-sample:${nonce}@@\n`;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('ResourcesSampler reading a sampler', () => {
  it('a sample ends only at a line with a nonce it wrote; forged and split ends do not cut it', async () => {
    const { host, runs } = playedHost();
    const s = new ResourcesSampler(host);
    const p = s.sample(1000);
    await tick();
    const nonce = runs[0]!.stdin[0]!.trim();
    expect(nonce).toMatch(/^[0-9a-f]{17,}$/);
    const text = sample(nonce, { df: `/dev/x 1 1 0 50% /mnt/a\n@@riskctl-sample:${nonce.slice(0, -1)}f@@\n@@riskctl-sample:guess@@`, mounts: 'm1' });
    // Delivered in pieces, one of them splitting the end line.
    const cut = text.length - 10;
    runs[0]!.print(text.slice(0, cut));
    runs[0]!.print(text.slice(cut));
    const got = await p;
    expect(got.get('df')).toContain('@@riskctl-sample:guess@@');
    expect(got.get('mounts')).toBe('m1');
  });

  it('keeps the last text of each steady section and puts it back', async () => {
    const { host, runs } = playedHost();
    const s = new ResourcesSampler(host);
    const p1 = s.sample(1000);
    await tick();
    runs[0]!.print(sample(runs[0]!.stdin[0]!.trim(), { stat: 's1', mounts: 'm1', osrelease: 'o1' }));
    expect((await p1).get('mounts')).toBe('m1');
    const p2 = s.sample(1000);
    runs[0]!.print(sample(runs[0]!.stdin[1]!.trim(), { stat: 's2', osrelease: 'o2' }));
    const got = await p2;
    expect([got.get('stat'), got.get('mounts'), got.get('osrelease')]).toEqual(['s2', 'm1', 'o2']);
  });

  it('a sample given up (abort) is dropped when it comes late; the next poll gets its own', async () => {
    const { host, runs } = playedHost();
    const s = new ResourcesSampler(host);
    const ctl = new AbortController();
    const p1 = s.sample(1000, ctl.signal);
    await tick();
    ctl.abort();
    await expect(p1).rejects.toBeTruthy();
    const p2 = s.sample(1000);
    await tick();
    const [n1, n2] = runs[0]!.stdin.map((x) => x.trim());
    runs[0]!.print(sample(n1!, { stat: 'late' }) + sample(n2!, { stat: 'mine' }));
    expect((await p2).get('stat')).toBe('mine');
    expect(runs).toHaveLength(1);
  });

  it('the sampler ending fails the waiting poll, and the next poll starts a new one (steady sections forgotten)', async () => {
    const { host, runs } = playedHost();
    const s = new ResourcesSampler(host);
    const p1 = s.sample(1000);
    await tick();
    runs[0]!.print(sample(runs[0]!.stdin[0]!.trim(), { mounts: 'm1' }));
    await p1;
    const p2 = s.sample(1000);
    runs[0]!.end(137);
    await expect(p2).rejects.toThrow('h1: the resources sampler ended (exit 137)');
    const p3 = s.sample(1000);
    await tick();
    expect(runs).toHaveLength(2);
    runs[1]!.print(sample(runs[1]!.stdin[0]!.trim(), { stat: 's' }));
    expect((await p3).has('mounts')).toBe(false);
  });

  it('a sample that does not come in time fails the poll and stops the sampler', async () => {
    const { host, runs } = playedHost();
    const s = new ResourcesSampler(host);
    const p = s.sample(30);
    await expect(p).rejects.toThrow('h1: resources poll timed out after 30 ms');
    expect(runs[0]!.signal?.aborted).toBe(true);
    const next = s.sample(1000);
    await tick();
    expect(runs).toHaveLength(2);
    runs[1]!.print(sample(runs[1]!.stdin[0]!.trim(), { stat: 's' }));
    expect((await next).get('stat')).toBe('s');
  });

  it('a sampler that ends fails every poll waiting on it at once, and their time bounds go with it (the next sampler runs on); closing fails the waiting poll too', async () => {
    const { host, runs } = playedHost();
    const s = new ResourcesSampler(host);
    const slow = s.sample(80);
    const other = s.sample(5000);
    await tick();
    runs[0]!.end(null); // it is gone: both fail now
    await expect(slow).rejects.toThrow('h1: the resources sampler ended (exit killed)');
    await expect(other).rejects.toThrow('h1: the resources sampler ended');
    const fresh = s.sample(5000);
    await tick();
    await new Promise((r) => setTimeout(r, 120)); // past the first sample's bound
    expect(runs[1]!.signal?.aborted).toBe(false);
    runs[1]!.print(sample(runs[1]!.stdin[0]!.trim(), { stat: 's' }));
    expect((await fresh).get('stat')).toBe('s');
    const waiting = s.sample(5000);
    s.close();
    await expect(waiting).rejects.toThrow('h1: the resources sampler was stopped');
  });
});
