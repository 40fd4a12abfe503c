// Commands run batched in the resources exec: the script text, the split of the
// output, the queue's fallback timing (a manual clock), the collector batching
// them, and the whole command through real shells (dash, bash, busybox sh).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExecOptions, ExecResult, Host } from '../../../src/hosts/Host';
import { withEnv } from '../../../src/hosts/shellEnv';
import { backupsFrom, backupsCommand, certificateFromBatch, certificateCommand } from '../../../src/services/hostFacts/hostFacts';
import { parseResourcesBatch } from '../../../src/services/resources/parseResourcesBatch';
import { remoteBatchCommand, remoteResourcesCommand, remoteResourcesCommandWithBatch } from '../../../src/services/resources/remoteResourcesCommand';
import { ResourcesCollector } from '../../../src/services/resources/ResourcesCollector';
import { BatchedCommandQueue, type BatchClock } from '../../../src/services/resources/BatchedCommandQueue';
import {
  checkBatchedCommand,
  batchedCommandEnv,
  batchText,
  splitBatchOutput,
  type BatchedCommand,
  type BatchedCommandResult,
} from '../../../src/services/resources/batchedCommandScript';
import { fixture } from './fixture';
import { shellHost } from './shellHost';

const NONCE = '0123456789abcdef';
const M = (i: number, part: string) => `@@riskctl-batch:${NONCE}:${i}:${part}@@`;
const START = `@@riskctl-batch:${NONCE}@@`;
/** What the shell prints for one command: output, an `echo`, the stderr, an `echo`, the status. */
const command = (i: number, out: string, err: string, code: number | null) =>
  `${M(i, 'out')}\n${out}\n${M(i, 'err')}\n${err}\n${code === null ? '' : `${M(i, 'exit')}\n${code}\n`}`;
const RES = '@@riskctl-resources:meminfo@@\nMemTotal: 1 kB\n@@riskctl-resources:end@@\n\n';

describe('the appended text', () => {
  it.each([1, 2, 8])('for %i commands keeps the resources script rules: one line, no quote, bang or backslash', (n) => {
    const cmd = remoteResourcesCommandWithBatch(n);
    expect(cmd.startsWith("/bin/sh -c '") && cmd.endsWith("; exit 0'")).toBe(true);
    const inner = cmd.slice("/bin/sh -c '".length, -1);
    expect(inner).not.toMatch(/['!\n\\]/);
    expect(inner).toContain(batchText(n));
  });

  it('no commands: exactly the plain resources command', () => {
    expect(remoteResourcesCommandWithBatch(0)).toBe(remoteResourcesCommand);
    expect(batchText(0)).toBe('');
  });
});

describe('batchedCommandEnv', () => {
  it('hands scripts and values over as variables, each command its values under names of its own', () => {
    const env = batchedCommandEnv(NONCE, [
      { script: 'echo "$P"', env: { P: "a'b" } },
      { script: 'echo "$P"', env: { P: '$(x)' }, timeoutSeconds: 1 },
    ]);
    expect(env).toEqual({
      RISKCTL_BATCH_NONCE: NONCE,
      RISKCTL_BATCH_1: 'P="$RISKCTL_BATCH_1_V_P"; export P\necho "$P"',
      RISKCTL_BATCH_1_V_P: "a'b",
      RISKCTL_BATCH_1_T: '3',
      RISKCTL_BATCH_2: 'P="$RISKCTL_BATCH_2_V_P"; export P\necho "$P"',
      RISKCTL_BATCH_2_V_P: '$(x)',
      RISKCTL_BATCH_2_T: '1',
    });
  });

  it.each<[string, BatchedCommand, RegExp]>([
    ['a name that is no identifier', { script: 'true', env: { 'A;B': 'x' } }, /invalid environment variable name/],
    ['a name of the poller', { script: 'true', env: { RISKCTL_BATCH_1: 'x' } }, /poller's own/],
    ['a NUL in a value', { script: 'true', env: { A: 'x\0y' } }, /NUL/],
    ['a NUL in the script', { script: 'true\0', env: {} }, /NUL/],
    ['a timeout of 0', { script: 'true', timeoutSeconds: 0 }, /1–30/],
    ['a fractional timeout', { script: 'true', timeoutSeconds: 1.5 }, /1–30/],
  ])('refuses %s', (_what, p, msg) => {
    expect(() => checkBatchedCommand(p)).toThrow(msg);
    expect(() => batchedCommandEnv(NONCE, [p])).toThrow(msg);
  });

  it('refuses a nonce that is not hex (it is printed by the shell)', () => {
    expect(() => batchedCommandEnv('$(x)', [])).toThrow(/hex/);
  });
});

describe('splitBatchOutput', () => {
  const ok = (stdout: string, stderr = '', code = 0): BatchedCommandResult => ({ stdout, stderr, code, timedOut: false });
  it.each<[string, string, number, (BatchedCommandResult | null)[], string?]>([
    ['output with a final newline', `${RES}${START}\n${command(1, 'a\nb\n', '', 0)}`, 1, [ok('a\nb\n')]],
    ['output without one', `${RES}${START}\n${command(1, 'a', '', 0)}`, 1, [ok('a')]],
    ['no output, stderr and a status', `${RES}${START}\n${command(1, '', 'no such file', 3)}`, 1, [ok('', 'no such file', 3)]],
    ['two commands', `${RES}${START}\n${command(1, 'x\n', '', 0)}${command(2, 'y\n', 'e', 1)}`, 2, [ok('x\n'), ok('y\n', 'e', 1)]],
    ['killed by GNU timeout', `${RES}${START}\n${command(1, '', '', 124)}`, 1, [{ stdout: '', stderr: '', code: 124, timedOut: true }]],
    ["killed by busybox timeout's TERM", `${RES}${START}\n${command(1, '', '', 143)}`, 1, [{ stdout: '', stderr: '', code: 143, timedOut: true }]],
    ['cut short before the status', `${RES}${START}\n${command(1, 'x', '', null)}`, 1, [null]],
    ['cut short before the second command', `${RES}${START}\n${command(1, 'x', '', 0)}`, 2, [ok('x'), null]],
    ['no batch part at all', RES, 1, [null]],
    [
      'markers forged by the output (no nonce, or a resources one) stay output',
      `${RES}${START}\n${command(1, '@@riskctl-batch:deadbeef:1:exit@@\n@@riskctl-resources:meminfo@@\nMemTotal: 99 kB\n', '', 0)}`,
      1,
      [ok('@@riskctl-batch:deadbeef:1:exit@@\n@@riskctl-resources:meminfo@@\nMemTotal: 99 kB\n')],
    ],
  ])('%s', (_what, stdout, n, results) => {
    const r = splitBatchOutput(stdout, NONCE, n);
    expect(r.results).toEqual(results);
    // The resources part never contains anything of the commands.
    expect(r.resources).toBe(stdout.includes(START) ? RES.slice(0, -1) : RES);
  });
});

/** Timers that fire only when the test moves time on. */
class ManualClock implements BatchClock {
  now = 0;
  private timers: { at: number; fn: () => void; live: boolean }[] = [];
  after(ms: number, fn: () => void): () => void {
    const t = { at: this.now + ms, fn, live: true };
    this.timers.push(t);
    return () => (t.live = false);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const t of this.timers)
      if (t.live && t.at <= this.now) {
        t.live = false;
        t.fn();
      }
  }
  get live(): number {
    return this.timers.filter((t) => t.live).length;
  }
}

/** Where a batch promise stands, without awaiting it forever. */
async function state<T>(p: Promise<T>): Promise<{ done: false } | { done: true; value: T } | { done: true; error: unknown }> {
  let s: Awaited<ReturnType<typeof state<T>>> = { done: false };
  p.then(
    (value) => (s = { done: true, value }),
    (error) => (s = { done: true, error }),
  );
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return s;
}

const P = (timeoutSeconds = 3): BatchedCommand => ({ script: 'true', timeoutSeconds });
const RESULT: BatchedCommandResult = { stdout: 'x', stderr: '', code: 0, timedOut: false };

describe('BatchedCommandQueue: who runs a command, and when the wait ends', () => {
  type Step = 'take+settle' | 'take' | 'take+settle-late' | 'detach' | 'abort' | { advance: number };
  it.each<[string, boolean, Step[], 'result' | 'null' | 'pending' | 'aborted']>([
    ['no poller: run it yourself, at once', false, [], 'null'],
    ['carried: a poll takes it and brings the result', true, ['take+settle'], 'result'],
    ['carried, no poll yet: still waiting just before the bound', true, [{ advance: 999 }], 'pending'],
    ['carried, no poll within the bound: run it yourself', true, [{ advance: 1000 }], 'null'],
    ['taken by a poll that hangs: run it yourself at the bound', true, ['take', { advance: 1000 }], 'null'],
    ['a result after the bound is ignored', true, ['take', { advance: 1000 }, 'take+settle-late'], 'null'],
    ['the poller goes away: waiting commands run themselves', true, ['detach'], 'null'],
    ['the asker gives up: rejected with its reason', true, ['abort'], 'aborted'],
  ])('%s', async (_what, carried, steps, want) => {
    const clock = new ManualClock();
    const q = new BatchedCommandQueue({ clock });
    const detach = carried ? q.attach(1000) : () => {};
    const ctl = new AbortController();
    const p = q.runBatched(P(), ctl.signal);
    let taken: ReturnType<BatchedCommandQueue['take']> = [];
    for (const s of steps) {
      if (s === 'take' || s === 'take+settle') taken = q.take();
      if (s === 'take+settle') taken[0]!.settle(RESULT);
      if (s === 'take+settle-late') taken[0]!.settle(RESULT);
      if (s === 'detach') detach();
      if (s === 'abort') ctl.abort(new Error('screen closed'));
      if (typeof s === 'object') clock.advance(s.advance);
    }
    const st = await state(p);
    if (want === 'pending') expect(st.done).toBe(false);
    else if (want === 'aborted') expect(st).toEqual({ done: true, error: new Error('screen closed') });
    else expect(st).toEqual({ done: true, value: want === 'result' ? RESULT : null });
    if (want !== 'pending') {
      // Nothing left behind: no timer, no queued command.
      expect(clock.live).toBe(0);
      expect(q.pending).toBe(0);
    }
  });

  it.each<[string, number[], number[][]]>([
    ['commands fit the budget of 4 s: backups (3 s) and a certificate (1 s) together', [3, 1, 1], [[3, 1], [1]]],
    ['one command over the budget still goes, alone', [30, 1], [[30], [1]]],
    [
      'oldest first',
      [1, 3, 1, 1],
      [
        [1, 3],
        [1, 1],
      ],
    ],
    [
      'ten small ones: four a poll',
      Array.from({ length: 10 }, () => 1),
      [
        [1, 1, 1, 1],
        [1, 1, 1, 1],
        [1, 1],
      ],
    ],
  ])('take: %s', async (_what, timeouts, polls) => {
    const q = new BatchedCommandQueue({ clock: new ManualClock() });
    q.attach(1000);
    for (const t of timeouts) void q.runBatched(P(t));
    const got: number[][] = [];
    for (let t = q.take(); t.length > 0; t = q.take()) got.push(t.map((x) => x.command.timeoutSeconds!));
    expect(got).toEqual(polls);
  });

  it('at most eight a poll when they are small enough', () => {
    const q = new BatchedCommandQueue({ clock: new ManualClock(), budgetSeconds: 30 });
    q.attach(1000);
    for (let i = 0; i < 10; i++) void q.runBatched(P(1));
    expect([q.take().length, q.take().length, q.take().length]).toEqual([8, 2, 0]);
  });

  it('a bad command is refused before it queues', () => {
    const q = new BatchedCommandQueue({ clock: new ManualClock() });
    q.attach(1000);
    expect(() => q.runBatched({ script: 'x', env: { 'no-name': '1' } })).toThrow(/invalid environment variable name/);
    expect(q.pending).toBe(0);
  });
});

/** What the shell prints for n commands that each wrote `out<i>`, after the resources part. */
const partsFor = (env: Record<string, string>, n: number, before = fixture('batch-a.txt')) => {
  const nonce = env.RISKCTL_BATCH_NONCE!;
  let s = `${before}\n@@riskctl-batch:${nonce}@@\n`;
  for (let i = 1; i <= n; i++)
    s += `@@riskctl-batch:${nonce}:${i}:out@@\nout${i}\n\n@@riskctl-batch:${nonce}:${i}:err@@\n\n@@riskctl-batch:${nonce}:${i}:exit@@\n0\n`;
  return s;
};

describe('ResourcesCollector batching commands', () => {
  const batch = fixture('batch-a.txt');

  /** An ssh-kind host that answers the resources exec with the batch and the commands' parts. */
  function carrierHost(answer: (env: Record<string, string>) => Partial<ExecResult> | Promise<never>) {
    const calls: { command: string; opts?: ExecOptions }[] = [];
    const host: Host = {
      ...shellHost('db-7').host,
      exec: async (command, opts) => {
        calls.push({ command, opts });
        const r = await answer(opts?.env ?? {});
        return { code: 0, stdout: '', stderr: '', durationMs: 1, timedOut: false, ...r };
      },
    };
    return { host, calls };
  }

  it('one exec batches the queued commands; each gets its own output; the next poll batches none', async () => {
    const q = new BatchedCommandQueue({ clock: new ManualClock() });
    const { host, calls } = carrierHost((env) => ({ stdout: partsFor(env, Object.keys(env).filter((k) => /^RISKCTL_BATCH_\d+$/.test(k)).length) }));
    const c = new ResourcesCollector(host, { batchQueue: q, batchWaitMs: 1000, timeoutMs: 4000 });
    expect(q.polled).toBe(true);
    const a = q.runBatched(backupsCommand('/b'));
    const b = q.runBatched(certificateCommand('/c.crt'));
    const snap = await c.poll();
    expect(snap.memTotalBytes).toBeGreaterThan(0);
    expect(await a).toEqual({ stdout: 'out1\n', stderr: '', code: 0, timedOut: false });
    expect(await b).toEqual({ stdout: 'out2\n', stderr: '', code: 0, timedOut: false });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.command).toBe(remoteResourcesCommandWithBatch(2));
    expect(calls[0]!.opts).toMatchObject({ timeoutMs: 4000 + 4000, env: { RISKCTL_BATCH_1_V_DIR: '/b', RISKCTL_BATCH_2_V_P: '/c.crt' } });
    await c.poll();
    expect(calls[1]!.command).toBe(remoteResourcesCommand);
    expect(calls[1]!.opts?.env).toBeUndefined();
  });

  it.each<[string, (env: Record<string, string>) => Partial<ExecResult> | Promise<never>]>([
    ['the exec fails', () => Promise.reject(new Error('channel closed'))],
    ['the poll times out with nothing of the commands', () => ({ code: null, timedOut: true, stdout: batch })],
    ['the output is cut inside the command', (env) => ({ code: null, stdout: partsFor(env, 1).replace(/\n0\n$/, '\n') })],
  ])('%s: the command is told to run itself (null), not left waiting', async (_what, answer) => {
    const q = new BatchedCommandQueue({ clock: new ManualClock() });
    const c = new ResourcesCollector(carrierHost(answer).host, { batchQueue: q, batchWaitMs: 1000 });
    const a = q.runBatched(backupsCommand('/b'));
    await c.poll().catch(() => {});
    expect(await a).toBeNull();
  });

  it('a local host batches nothing: commands run themselves at once', async () => {
    const q = new BatchedCommandQueue({ clock: new ManualClock() });
    new ResourcesCollector(shellHost('here', { kind: 'local' }).host, { batchQueue: q });
    expect(q.polled).toBe(false);
    expect(await q.runBatched(backupsCommand('/b'))).toBeNull();
  });

  it('close() detaches: a waiting command runs itself', async () => {
    const q = new BatchedCommandQueue({ clock: new ManualClock() });
    const c = new ResourcesCollector(carrierHost(() => ({})).host, { batchQueue: q, batchWaitMs: 1000 });
    const a = q.runBatched(backupsCommand('/b'));
    c.close();
    expect(await a).toBeNull();
    expect(q.polled).toBe(false);
  });
});

describe("ResourcesCollector with a sampler: queued commands go out in the wakeup of the next sample (not the sampler's first)", () => {
  const batch = fixture('batch-a.txt');
  const tick = () => new Promise((r) => setTimeout(r, 0));

  /** An ssh-kind host whose sampler the test plays, and whose execs wait for the test's answer. */
  function sampledHost() {
    const leases: string[] = [];
    const execs: { command: string; opts?: ExecOptions; answer: (r: Partial<ExecResult> | Error) => void }[] = [];
    let print: (s: string) => void = () => {};
    const host: Host = {
      ...shellHost('db-7').host,
      stream: (_cmd, o) =>
        new Promise<number | null>(() => {
          print = (s) => o.onStdout(Buffer.from(s));
          queueMicrotask(() => o.onStdin?.({ write: (t) => void leases.push(t.split(' ')[0]!), end: () => {}, hangUp: () => {} }));
        }),
      exec: (command, opts) =>
        new Promise<ExecResult>((resolve, reject) => {
          execs.push({
            command,
            opts,
            answer: (r) => (r instanceof Error ? reject(r) : resolve({ code: 0, stdout: '', stderr: '', durationMs: 1, timedOut: false, ...r })),
          });
        }),
    };
    // Sample `i` of the newest lease, from the batch fixture.
    const sample = (i = 0) => print(`${batch}\n@@riskctl-sample:${leases[leases.length - 1]}${i}@@\n`);
    return { host, execs, sample };
  }

  it('one exec of the commands alone, started as the sample arrives; the poll does not wait for it; the next sample finds none', async () => {
    const q = new BatchedCommandQueue({ clock: new ManualClock() });
    const { host, execs, sample } = sampledHost();
    const c = new ResourcesCollector(host, { batchQueue: q, batchWaitMs: 1000, samplerPeriodMs: 1000 });
    expect(c.hostClocked).toBe(true);
    const first = c.poll();
    await tick();
    // Queued while the poll waits for the host's first sample: they wait for the next.
    const a = q.runBatched(backupsCommand('/b'));
    const b = q.runBatched(certificateCommand('/c.crt'));
    sample();
    expect((await first).memTotalBytes).toBeGreaterThan(0);
    expect(execs).toHaveLength(0);
    expect(q.pending).toBe(2);
    const second = c.poll();
    await tick();
    sample();
    expect((await second).memTotalBytes).toBeGreaterThan(0);
    expect(q.pending).toBe(0);
    expect(execs).toHaveLength(1);
    expect(execs[0]!.command).toBe(remoteBatchCommand(2));
    expect(execs[0]!.opts).toMatchObject({ timeoutMs: 4000 + 5000, env: { RISKCTL_BATCH_1_V_DIR: '/b', RISKCTL_BATCH_2_V_P: '/c.crt' } });
    execs[0]!.answer({ stdout: partsFor(execs[0]!.opts!.env!, 2) });
    expect(await a).toEqual({ stdout: 'out1\n', stderr: '', code: 0, timedOut: false });
    expect(await b).toEqual({ stdout: 'out2\n', stderr: '', code: 0, timedOut: false });
    const third = c.poll();
    await tick();
    sample(1);
    await third;
    expect(execs).toHaveLength(1);
  });

  it('the commands exec failing tells each command to run itself (null)', async () => {
    const q = new BatchedCommandQueue({ clock: new ManualClock() });
    const { host, execs, sample } = sampledHost();
    const c = new ResourcesCollector(host, { batchQueue: q, batchWaitMs: 1000, samplerPeriodMs: 1000 });
    const a = q.runBatched(backupsCommand('/b'));
    for (let i = 0; i < 2; i++) {
      const p = c.poll();
      await tick();
      sample();
      await p;
    }
    execs[0]!.answer(new Error('channel closed'));
    expect(await a).toBeNull();
  });
});

describe('host facts from a command', () => {
  const r = (code: number, stdout = '', stderr = '', timedOut = false): BatchedCommandResult => ({ code, stdout, stderr, timedOut });
  it.each<[string, BatchedCommandResult, boolean, unknown]>([
    ['the newest file', r(0, '1764205200.5 full_backup.tar.gz\n'), true, { dir: '/b', newestAt: 1764205200500, newestName: 'full_backup.tar.gz', error: null }],
    ['an empty folder', r(0, ''), true, { dir: '/b', newestAt: null, newestName: null, error: null }],
    ['no folder, on a database host', r(3), true, { dir: '/b', newestAt: null, newestName: null, error: 'no such folder' }],
    ['no folder, elsewhere: nothing to say', r(3), false, undefined],
    ['the listing timed out', r(124, '', '', true), true, { dir: '/b', newestAt: null, newestName: null, error: 'listing timed out' }],
    ['another failure names itself', r(2, '', 'find: boom'), true, { dir: '/b', newestAt: null, newestName: null, error: 'find: boom' }],
  ])('backups: %s', (_what, res, db, want) => {
    expect(backupsFrom('/b', res, db)).toEqual(want);
  });

  it.each<[string, BatchedCommandResult, unknown]>([
    [
      'no such file, in readFile words',
      r(1, '', "head: cannot open '/c.crt' for reading: No such file or directory"),
      { path: '/c.crt', notAfter: null, error: 'cannot read /c.crt (No such file or directory)' },
    ],
    ['timed out', r(124, '', '', true), { path: '/c.crt', notAfter: null, error: 'cannot read /c.crt (timed out)' }],
    ['od missing: let readFile try', r(127, '', 'od: not found'), null],
    ['output that is no hex: let readFile try', r(0, 'zz'), null],
    ['bytes that are no certificate', r(0, ' 68 69\n'), { path: '/c.crt', notAfter: null, error: expect.stringMatching(/^not a PEM certificate/) }],
    ['too large', r(0, ' 00'.repeat(256 * 1024 + 1)), { path: '/c.crt', notAfter: null, error: '/c.crt is larger than 262144 bytes' }],
  ])('certificate: %s', (_what, res, want) => {
    expect(certificateFromBatch('/c.crt', res)).toEqual(want);
  });
});

// Each of these waits a second for a hung command's timeout: they run side by side.
describe.concurrent('through real shells', () => {
  const run = promisify(execFile);
  const dir = mkdtempSync(join(os.tmpdir(), 'riskctl-batch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const canary = join(dir, 'canary');
  const hostile = `x'"; touch ${canary}; echo $(touch ${canary}) \`touch ${canary}\`\n; touch ${canary} #`;
  const busybox = execFileSync('/bin/sh', ['-c', 'command -v busybox || true'], { encoding: 'utf8' }).trim();
  const shells: [string, string, NodeJS.ProcessEnv][] = [
    ['dash', '/bin/sh', process.env],
    ['bash as the login shell', 'bash', process.env],
  ];
  if (busybox) {
    const bin = mkdtempSync(join(dir, 'bb-'));
    for (const a of ['sh', 'cat', 'df', 'nproc', 'uname', 'timeout', 'find', 'sort', 'tail', 'head', 'od', 'ls', 'date', 'sleep'])
      symlinkSync(busybox, join(bin, a));
    shells.push(['busybox sh and applets', join(bin, 'sh'), { PATH: bin }]);
  }

  it.for(shells)('%s: values stay values, same names do not clash, a hung command is cut, resources still parse', async ([, shell, env], { expect }) => {
    const folder = join(dir, hostile);
    execFileSync('mkdir', ['-p', folder]);
    writeFileSync(join(folder, 'full_backup_1.tar.gz'), 'x');
    const commands: BatchedCommand[] = [
      backupsCommand(folder),
      { script: 'printf %s "$P"', env: { P: hostile } },
      { script: 'printf %s "$P"', env: { P: 'the other P' } },
      // exec: busybox's timeout kills its child only, and a grandchild would hold the output open.
      { script: 'exec sleep 5; echo late', timeoutSeconds: 1 },
    ];
    const { stdout } = await run(shell, ['-c', withEnv(remoteResourcesCommandWithBatch(commands.length), batchedCommandEnv(NONCE, commands))], {
      env,
      encoding: 'utf8',
    });
    const { resources, results } = splitBatchOutput(stdout, NONCE, commands.length);
    expect(parseResourcesBatch(resources).snapshot.memTotalBytes).toBeGreaterThan(0);
    expect(backupsFrom(folder, results[0]!, true)).toMatchObject({ newestName: 'full_backup_1.tar.gz', error: null });
    expect(results[1]).toEqual({ stdout: hostile, stderr: '', code: 0, timedOut: false });
    expect(results[2]).toEqual({ stdout: 'the other P', stderr: '', code: 0, timedOut: false });
    expect(results[3]).toMatchObject({ stdout: '', timedOut: true });
    expect(existsSync(canary)).toBe(false);
  });

  it.for(shells)(
    '%s: the commands alone (beside a sampler): values stay values, a hung command is cut, nothing else is printed',
    async ([, shell, env], { expect }) => {
      const commands: BatchedCommand[] = [
        { script: 'printf %s "$P"', env: { P: hostile } },
        { script: 'exec sleep 5; echo late', timeoutSeconds: 1 },
      ];
      const { stdout } = await run(shell, ['-c', withEnv(remoteBatchCommand(commands.length), batchedCommandEnv(NONCE, commands))], { env, encoding: 'utf8' });
      const { resources, results } = splitBatchOutput(stdout, NONCE, commands.length);
      expect(resources).toBe('');
      expect(results[0]).toEqual({ stdout: hostile, stderr: '', code: 0, timedOut: false });
      expect(results[1]).toMatchObject({ stdout: '', timedOut: true });
      expect(existsSync(canary)).toBe(false);
    },
  );
});
