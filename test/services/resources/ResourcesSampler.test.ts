import { describe, expect, it } from 'vitest';
import { LocalHost } from '../../../src/hosts/LocalHost';
import type { Host, StdinFeed, StreamOptions } from '../../../src/hosts/Host';
import { parseResourcesSections } from '../../../src/services/resources/parseResourcesBatch';
import { STEADY_SECTIONS } from '../../../src/services/resources/remoteResourcesCommand';
import { ResourcesSampler } from '../../../src/services/resources/ResourcesSampler';

/** The host's uptime in centiseconds, as the script reads it. */
const uptimeCs = (text: string) => Math.round(Number(text.trim().split(/\s+/)[0]) * 100);

describe('ResourcesSampler on a real shell (LocalHost)', () => {
  it('every sample has every section, CPU % from the second on, and close hangs it up', async () => {
    const sampler = new ResourcesSampler(new LocalHost(), { periodMs: 200 });
    const a = await sampler.sample(5000);
    const b = await sampler.sample(5000);
    for (const name of STEADY_SECTIONS) expect(b.get(name), name).toBe(a.get(name));
    const pa = parseResourcesSections(a);
    const pb = parseResourcesSections(b, { prev: pa.cpuSample });
    expect(pb.snapshot.os).toBe(pa.snapshot.os);
    expect(pb.snapshot.disks.map((d) => d.type)).toEqual(pa.snapshot.disks.map((d) => d.type));
    expect(pb.snapshot.cpuPercent === null || (pb.snapshot.cpuPercent >= 0 && pb.snapshot.cpuPercent <= 100)).toBe(true);
    // The second sample came on the host's tick, a period's quarter or more after the first.
    expect(uptimeCs(b.get('uptime')!) - uptimeCs(a.get('uptime')!)).toBeGreaterThanOrEqual(5);
    sampler.close();
    // A new sampler after close: all sections again.
    const c = await sampler.sample(5000);
    expect(c.get('mounts')).toBe(a.get('mounts'));
    sampler.close();
  });
});

/** A host whose one streaming command is played by the test: what it was written, what it printed, when it ends. */
function playedHost() {
  const runs: { stdin: string[]; hungUp: boolean; print: (s: string) => void; end: (code: number | null) => void; signal?: AbortSignal }[] = [];
  const host = {
    name: 'h1',
    kind: 'ssh',
    stream: (_cmd: string, o: StreamOptions) =>
      new Promise<number | null>((resolve) => {
        const r = { stdin: [] as string[], hungUp: false, print: (s: string) => o.onStdout(Buffer.from(s)), end: resolve, signal: o.signal };
        runs.push(r);
        const feed: StdinFeed = { write: (t) => void r.stdin.push(t), end: () => {}, hangUp: () => void (r.hungUp = true) };
        o.signal?.addEventListener('abort', () => resolve(null));
        queueMicrotask(() => o.onStdin?.(feed));
      }),
  } as unknown as Host;
  return { host, runs };
}

const sample = (end: string, body: Record<string, string>) =>
  Object.entries(body)
    .map(([k, v]) => `@@riskctl-resources:${k}@@\n${v}\n`)
    .join('') + `@@riskctl-resources:end@@\n\n@@riskctl-sample:${end}@@\n`;
const tick = () => new Promise((r) => setTimeout(r, 0));
/** The lease lines written so far to run r: nonce, count, delay and period (cs). */
const leases = (r: { stdin: string[] }) => r.stdin.map((l) => l.trim().split(' ')).map(([n, k, d, q]) => ({ n: n!, k: Number(k), d: Number(d), q: Number(q) }));

describe('ResourcesSampler reading a sampler', () => {
  it('asks for one sample at once, then leases a minute of samples from the next aligned tick, written when the last sample comes', async () => {
    const { host, runs } = playedHost();
    let now = 10_300;
    const s = new ResourcesSampler(host, { periodMs: 2000, now: () => now });
    const p1 = s.sample(1000);
    await tick();
    const [first] = leases(runs[0]!);
    expect(first).toMatchObject({ k: 1, d: 0, q: 200 });
    expect(first!.n).toMatch(/^[0-9a-f]{16}$/);
    now = 10_450;
    runs[0]!.print(sample(`${first!.n}0`, { stat: 's0' }));
    expect((await p1).get('stat')).toBe('s0');
    // Written in the same wakeup: the next tick is 12 000, 1550 ms away.
    const second = leases(runs[0]!)[1]!;
    expect(second).toMatchObject({ k: 30, d: 155, q: 200 });
    expect(second.n).not.toBe(first!.n);
    // Samples within the lease ask for nothing.
    for (let i = 0; i < 29; i++) {
      const p = s.sample(1000);
      runs[0]!.print(sample(`${second.n}${i}`, { stat: `s${i}` }));
      expect((await p).get('stat')).toBe(`s${i}`);
    }
    expect(runs[0]!.stdin).toHaveLength(2);
    const p30 = s.sample(1000);
    now = 70_020;
    runs[0]!.print(sample(`${second.n}29`, { stat: 'last' }));
    await p30;
    expect(leases(runs[0]!)[2]).toMatchObject({ k: 30, d: 198, q: 200 });
  });

  it('a sample ends only at a whole line with a lease it wrote and an index inside it; forged and split ends do not cut it', async () => {
    const { host, runs } = playedHost();
    const s = new ResourcesSampler(host, { periodMs: 1000, leaseSamples: 3 });
    const p = s.sample(1000);
    await tick();
    const n = leases(runs[0]!)[0]!.n;
    // Another lease's nonce: the last digit changed (never to itself).
    const other = `${n.slice(0, -1)}${n.endsWith('f') ? 'e' : 'f'}`;
    const forged = [`${n}1`, `${n}00`, `${n}-0`, `${other}0`, 'guess', `${n}0x`].map((e) => `@@riskctl-sample:${e}@@`);
    const text = sample(`${n}0`, { df: `/dev/x 1 1 0 50% /mnt/a\n${forged.join('\n')}\nx@@riskctl-sample:${n}0@@`, mounts: 'm1' });
    // Delivered in commands, one of them splitting the end line.
    const cut = text.length - 10;
    runs[0]!.print(text.slice(0, cut));
    runs[0]!.print(text.slice(cut));
    const got = await p;
    expect(got.get('df')).toContain('@@riskctl-sample:guess@@');
    expect(got.get('df')).toContain(`@@riskctl-sample:${n}1@@`);
    expect(got.get('mounts')).toBe('m1');
  });

  it('keeps the last text of each steady section and puts it back', async () => {
    const { host, runs } = playedHost();
    const s = new ResourcesSampler(host, { periodMs: 1000 });
    const p1 = s.sample(1000);
    await tick();
    runs[0]!.print(sample(`${leases(runs[0]!)[0]!.n}0`, { stat: 's1', mounts: 'm1', osrelease: 'o1' }));
    expect((await p1).get('mounts')).toBe('m1');
    const p2 = s.sample(1000);
    runs[0]!.print(sample(`${leases(runs[0]!)[1]!.n}0`, { stat: 's2', osrelease: 'o2' }));
    const got = await p2;
    expect([got.get('stat'), got.get('mounts'), got.get('osrelease')]).toEqual(['s2', 'm1', 'o2']);
  });

  it('a sample nobody waits for (its poll given up) is dropped; the next poll gets the next one', async () => {
    const { host, runs } = playedHost();
    const s = new ResourcesSampler(host, { periodMs: 1000 });
    const ctl = new AbortController();
    const p1 = s.sample(1000, ctl.signal);
    await tick();
    ctl.abort();
    await expect(p1).rejects.toBeTruthy();
    runs[0]!.print(sample(`${leases(runs[0]!)[0]!.n}0`, { stat: 'late', mounts: 'm1' }));
    const p2 = s.sample(1000);
    runs[0]!.print(sample(`${leases(runs[0]!)[1]!.n}0`, { stat: 'mine' }));
    const got = await p2;
    expect([got.get('stat'), got.get('mounts')]).toEqual(['mine', 'm1']);
    expect(runs).toHaveLength(1);
  });

  it('polls after polls on one signal: the signal is listened to once, and its abort still fails the wait', async () => {
    const { host, runs } = playedHost();
    const s = new ResourcesSampler(host, { periodMs: 1000 });
    const ctl = new AbortController();
    let listeners = 0;
    const add = ctl.signal.addEventListener.bind(ctl.signal);
    ctl.signal.addEventListener = ((...a: Parameters<typeof add>) => (listeners++, add(...a))) as typeof add;
    for (let i = 0; i < 3; i++) {
      const p = s.sample(1000, ctl.signal);
      await tick();
      const ls = leases(runs[0]!);
      runs[0]!.print(sample(`${ls.at(-1)!.n}${i === 0 ? 0 : i - 1}`, { stat: `s${i}` }));
      expect((await p).get('stat')).toBe(`s${i}`);
    }
    expect(listeners).toBe(1);
    const last = s.sample(1000, ctl.signal);
    ctl.abort(new Error('stopped'));
    await expect(last).rejects.toThrow('stopped');
    s.close();
  });

  it('the sampler ending fails the waiting poll, and the next poll starts a new one (steady sections forgotten)', async () => {
    const { host, runs } = playedHost();
    const s = new ResourcesSampler(host, { periodMs: 1000 });
    const p1 = s.sample(1000);
    await tick();
    runs[0]!.print(sample(`${leases(runs[0]!)[0]!.n}0`, { mounts: 'm1' }));
    await p1;
    const p2 = s.sample(1000);
    runs[0]!.end(137);
    await expect(p2).rejects.toThrow('h1: the resources sampler ended (exit 137)');
    const p3 = s.sample(1000);
    await tick();
    expect(runs).toHaveLength(2);
    expect(leases(runs[1]!)[0]).toMatchObject({ k: 1, d: 0 });
    runs[1]!.print(sample(`${leases(runs[1]!)[0]!.n}0`, { stat: 's' }));
    expect((await p3).has('mounts')).toBe(false);
  });

  it('a sample that does not come in time (the wait for a tick included) fails the poll and kills the sampler', async () => {
    const { host, runs } = playedHost();
    const s = new ResourcesSampler(host, { periodMs: 10 });
    const p = s.sample(30);
    await expect(p).rejects.toThrow('h1: resources poll timed out after 50 ms');
    expect(runs[0]!.signal?.aborted).toBe(true);
    const next = s.sample(1000);
    await tick();
    expect(runs).toHaveLength(2);
    runs[1]!.print(sample(`${leases(runs[1]!)[0]!.n}0`, { stat: 's' }));
    expect((await next).get('stat')).toBe('s');
  });

  it('a sampler silent for longer than a sample may take is replaced at the next poll, even when the polls before were given up', async () => {
    const { host, runs } = playedHost();
    let now = 0;
    const s = new ResourcesSampler(host, { periodMs: 1000, now: () => now });
    const ctl = new AbortController();
    const p1 = s.sample(5000, ctl.signal);
    ctl.abort();
    await expect(p1).rejects.toBeTruthy();
    now = 6_000; // within 5 s + two periods
    void s.sample(5000, AbortSignal.abort()).catch(() => {});
    expect(runs).toHaveLength(1);
    now = 7_001;
    const p3 = s.sample(5000);
    await tick();
    expect(runs[0]!.signal?.aborted).toBe(true);
    expect(runs).toHaveLength(2);
    runs[1]!.print(sample(`${leases(runs[1]!)[0]!.n}0`, { stat: 's' }));
    expect((await p3).get('stat')).toBe('s');
  });

  it('close hangs the channel up (no kill, no extra exec) and fails the waiting poll; before its channel is there, it kills', async () => {
    const { host, runs } = playedHost();
    const s = new ResourcesSampler(host, { periodMs: 1000 });
    const waiting = s.sample(5000);
    await tick();
    s.close();
    await expect(waiting).rejects.toThrow('h1: the resources sampler was stopped');
    expect([runs[0]!.hungUp, runs[0]!.signal?.aborted]).toEqual([true, false]);
    const early = s.sample(5000);
    s.close(); // its stdin not handed over yet
    await expect(early).rejects.toThrow('h1: the resources sampler was stopped');
    expect([runs[1]!.hungUp, runs[1]!.signal?.aborted]).toEqual([false, true]);
  });

  it('refuses a period under 10 ms (the host clocks centiseconds)', () => {
    expect(() => new ResourcesSampler(playedHost().host, { periodMs: 5 })).toThrow('sampler period must be at least 10 ms, not 5');
  });
});
