import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseResourcesSections } from '../../../src/services/resources/parseResourcesBatch';
import { resourcesSamplerScript } from '../../../src/services/resources/remoteResourcesCommand';
import { splitSections } from '../../../src/services/resources/sections';

/**
 * The sampler script on a host as the shells and the host make it: the same
 * output under dash, bash and busybox ash; no `sleep` forked where the shell
 * waits by itself; samples on their ticks beside 30 filesystems and beside a
 * df that hangs.
 */
const NONCE = 'a1b2c3d4e5f60718';
const SHELLS = [
  ['/bin/sh (dash)', '/bin/sh'],
  ['bash', 'bash'],
  ['busybox ash', 'busybox'],
] as const;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(name: string): string {
  const d = mkdtempSync(join(os.tmpdir(), `riskctl-${name}-`));
  dirs.push(d);
  return d;
}

const shellArgs = (shell: string, asZero: boolean) => [
  ...(shell === 'busybox' ? ['sh'] : []),
  '-c',
  resourcesSamplerScript,
  ...(asZero ? [resourcesSamplerScript] : []),
];

/** Runs the script under shell with the leases on stdin; asZero: the program as $0 too, as riskctl runs it. */
function runScript(shell: string, input: string, opts: { env?: NodeJS.ProcessEnv; asZero?: boolean; wrap?: string[] } = {}): string {
  const argv = [shell, ...shellArgs(shell, opts.asZero ?? false)];
  const [cmd, ...args] = [...(opts.wrap ?? []), ...argv];
  return execFileSync(cmd!, args, { input, encoding: 'utf8', env: opts.env ?? process.env, timeout: 60_000 });
}

/** The samples in order, each as its sections. */
const samplesOf = (out: string) =>
  out
    .split(/^@@riskctl-sample:\w+@@$/m)
    .slice(0, -1)
    .map(splitSections);
const uptimeCs = (text: string) => Math.round(Number(text.trim().split(/\s+/)[0]) * 100);

/** A PATH folder of stand-ins: each NAME → its script; `sleep` also logs each call to LOG. */
function standIns(scripts: Record<string, string>): string {
  const d = tempDir('path');
  for (const [name, body] of Object.entries(scripts)) writeFileSync(join(d, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return d;
}

describe('the sampler script under dash, bash and busybox ash', () => {
  it('gives the same sections, fields and filesystems under each', () => {
    const shapes = SHELLS.map(([, shell]) => {
      const samples = samplesOf(runScript(shell, `${NONCE} 7 0 10\n`));
      const first = parseResourcesSections(samples[0]!);
      const withDf = samples.find((s) => s.has('df'))!;
      const disks = first.snapshot.disks;
      return {
        sections: samples.map((s) => [...s.keys()].filter((k) => k !== 'df' && k !== 'dfexit').sort()),
        dfExit: withDf.get('dfexit')!.trim(),
        meminfo: samples[0]!
          .get('meminfo')!
          .trim()
          .split('\n')
          .map((l) => l.split(':')[0]),
        statLines: samples[0]!.get('stat')!.trim().split('\n').length,
        snapshot: Object.keys(first.snapshot).sort(),
        hostname: first.snapshot.hostname,
        os: first.snapshot.os,
        cores: first.snapshot.cores,
        disks: disks.map((d) => `${d.mount} ${d.type}`).sort(),
      };
    });
    expect(shapes[0]!.disks.length).toBeGreaterThan(0);
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
  });

  it.each([
    ['bash', 'bash'],
    ['busybox ash', 'busybox'],
  ])('under %s, waits between samples without forking a sleep', (_n, shell) => {
    const log = join(tempDir('log'), 'sleeps');
    const path = standIns({ sleep: `echo "$@" >>${log}\nexec /bin/sleep "$@"` });
    const out = runScript(shell, `${NONCE} 4 0 20\n`, { env: { ...process.env, PATH: `${path}:${process.env.PATH}` } });
    const at = samplesOf(out).map((s) => uptimeCs(s.get('uptime')!));
    expect(at).toHaveLength(4);
    // It did wait: the samples are a tick apart.
    at.slice(1).forEach((t, i) => expect(t - at[i]!).toBeGreaterThanOrEqual(15));
    expect(() => readFileSync(log, 'utf8')).toThrow();
  });

  it('under dash, given itself as $0, runs itself under bash; without bash on the PATH it sleeps', () => {
    const log = join(tempDir('log'), 'sleeps');
    const sleep = `echo "$@" >>${log}\nexec /bin/sleep "$@"`;
    const path = standIns({ sleep });
    const withBash = runScript('/bin/sh', `${NONCE} 3 0 20\n`, { asZero: true, env: { ...process.env, PATH: `${path}:${process.env.PATH}` } });
    expect(samplesOf(withBash)).toHaveLength(3);
    expect(() => readFileSync(log, 'utf8')).toThrow();

    // A PATH with what the script runs, but no bash.
    const noBash = standIns({ sleep });
    for (const tool of ['df', 'timeout', 'mktemp', 'mkfifo', 'rm', 'nproc', 'uname', 'cat', 'getconf']) {
      const at = execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();
      symlinkSync(at, join(noBash, tool));
    }
    const withoutBash = runScript('/bin/sh', `${NONCE} 3 0 20\n`, { asZero: true, env: { ...process.env, PATH: noBash } });
    expect(samplesOf(withoutBash)).toHaveLength(3);
    expect(readFileSync(log, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(2);
  });
});

/** From sample `from` on, each sample one tick after the one before: none skipped, none caught up. */
function expectOnTicks(at: number[], tickCs: number, from: number): void {
  for (let i = from + 1; i < at.length; i++) {
    expect(Math.round((at[i]! - at[i - 1]!) / tickCs), `sample ${i}: ${at[i]! - at[i - 1]!} cs after the one before`).toBe(1);
  }
}

describe('the sampler on a host with many filesystems, or a hung one', () => {
  it.each(SHELLS)('under %s: 30 filesystems are listed and the samples stay on their ticks', (_n, shell) => {
    const root = tempDir('mounts');
    // A mount namespace of its own: the 30 mounts vanish with the process.
    const mounts = Array.from({ length: 30 }, (_, i) => join(root, `fs${i}`));
    const setup = mounts.map((m) => `mkdir -p ${m} && mount -t tmpfs -o size=1m fleet-test ${m}`).join(' && ');
    const probe = spawnSync('unshare', ['-m', '--propagation', 'private', 'true']);
    expect(probe.status, `unshare -m: ${probe.stderr}`).toBe(0);
    const out = runScript(shell, `${NONCE} 8 0 50\n`, {
      wrap: ['unshare', '-m', '--propagation', 'private', 'sh', '-c', `${setup} && exec "$@"`, 'sh'],
    });
    const samples = samplesOf(out);
    expect(samples).toHaveLength(8);
    const df = samples
      .map((s) => s.get('df'))
      .filter(Boolean)
      .at(-1)!;
    expect(mounts.filter((m) => df.includes(` ${m}\n`) || df.endsWith(` ${m}`))).toHaveLength(30);
    expect(samples[0]!.get('mounts')!.match(/fleet-test/g)).toHaveLength(30);
    expectOnTicks(
      samples.map((s) => uptimeCs(s.get('uptime')!)),
      50,
      0,
    );
  });

  // busybox ash runs its own df applet before any on the PATH, so a stand-in cannot hang it: dash and bash only.
  it.each(SHELLS.slice(0, 2))('under %s: a df that hangs delays no sample after the first; its section comes when timeout ends it', (_n, shell) => {
    // df of one path answers (as riskctl's other commands need); df of every filesystem hangs, as on a dead NFS server.
    const path = standIns({ df: 'for a; do case $a in /*) exec /bin/df "$@" ;; esac; done\nexec /bin/sleep 30' });
    const env = { ...process.env, PATH: `${path}:${process.env.PATH}` };
    // The sampler's first sample waits for its df (timeout ends it at 5 s); the next lease's first (G = 1: df due on every
    // sample) starts one in the background, which ends 5 s (10 samples) later; none starts while it runs.
    const samples = samplesOf(runScript(shell, `${NONCE} 1 0 50 1\nb1b2c3d4e5f60718 16 0 50 1\n`, { env }));
    expect(samples).toHaveLength(17);
    for (const s of samples) {
      expect(s.get('stat')).toMatch(/^cpu /m);
      expect(s.get('meminfo')).toMatch(/MemTotal:/);
    }
    // The first waited for its df: none skipped from the second on.
    expectOnTicks(
      samples.map((s) => uptimeCs(s.get('uptime')!)),
      50,
      1,
    );
    expect(samples[0]!.get('dfexit')!.trim()).toBe('124');
    const withDf = samples.map((s, i) => (s.has('df') ? i : -1)).filter((i) => i > 0);
    expect(withDf).toHaveLength(1);
    expect(withDf[0]!).toBeGreaterThanOrEqual(10);
    expect(samples[withDf[0]!]!.get('dfexit')!.trim()).toBe('124');
  });
});

describe("what the sampler learns from the host's first df", () => {
  // busybox ash runs its own df and timeout applets before any on the PATH: dash and bash only.
  it.each(SHELLS.slice(0, 2))('under %s: a timeout that wants -t and a df without -B: every later df runs as df -P -k', (_n, shell) => {
    const log = join(tempDir('log'), 'calls');
    // An older busybox's timeout runs its first argument as the program; a POSIX df knows -P and -k, not -B.
    const path = standIns({
      timeout: `echo "timeout $*" >>${log}\nexec "$@"`,
      df: `echo "df $*" >>${log}\ncase " $* " in *" -B1 "*) echo "df: invalid option -- B" >&2; exit 1 ;; esac\nexec /bin/df "$@"`,
    });
    const env = { ...process.env, PATH: `${path}:${process.env.PATH}` };
    // df on every second sample (G = 2): the second lease's second sample starts one in the background; its figures come with the third.
    const samples = samplesOf(runScript(shell, `${NONCE} 1 0 50 2\nb1b2c3d4e5f60718 3 0 50 2\n`, { env }));
    const withDf = samples.filter((s) => s.has('df'));
    expect(withDf).toHaveLength(2);
    for (const s of withDf) {
      expect(s.get('df')).toMatch(/^Filesystem +1024-blocks/m);
      expect(s.get('dfexit')!.trim()).toMatch(/^[01]$/);
    }
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['timeout 5 df -P -B1', 'df -P -B1', 'df -P -k', 'df -P -k']);
  });
});

describe("the steady sections, read with the shell's own read", () => {
  // A host of its own: a hostname in a UTS namespace, and an os-release without a final newline bound over /etc/os-release.
  // What the commands say there is written to files before the sampler starts.
  const osRelease = 'PRETTY_NAME="Fleet Test Linux 9 (steady)"\nNAME="Fleet Test"\nID=fleettest';
  function onTestHost(shell: string, input: string): { out: string; said: (name: string) => string } {
    const dir = tempDir('steady');
    writeFileSync(join(dir, 'os-release'), osRelease);
    const setup = [
      'hostname steady-test-host',
      `mount --bind ${dir}/os-release /etc/os-release`,
      ...['nproc', 'uname -n', 'uname -sr', 'cat /proc/mounts'].map((c) => `${c} >"${dir}/${c.replace(/\W/g, '')}"`),
    ].join(' && ');
    const out = runScript(shell, input, { wrap: ['unshare', '-m', '-u', '--propagation', 'private', 'sh', '-c', `${setup} && exec "$@"`, 'sh'] });
    return { out, said: (c) => readFileSync(join(dir, c.replace(/\W/g, '')), 'utf8').trim() };
  }

  it.each(SHELLS)('under %s: nproc, hostname, os-release, uname and mounts are what the commands say', (_n, shell) => {
    const { out, said } = onTestHost(shell, `${NONCE} 1 0 10\n`);
    const [first] = samplesOf(out);
    expect(first!.get('nproc')!.trim()).toBe(said('nproc'));
    expect(first!.get('hostname')!.trim()).toBe('steady-test-host');
    expect(first!.get('hostname')!.trim()).toBe(said('uname -n'));
    expect(first!.get('uname')!.trim()).toBe(said('uname -sr'));
    expect(first!.get('mounts')!.trim()).toBe(said('cat /proc/mounts'));
    expect(first!.get('osrelease')!.trim()).toBe(osRelease);
    const { snapshot } = parseResourcesSections(first!);
    expect(snapshot.cores).toBe(Number(said('nproc')));
    expect(snapshot.hostname).toBe('steady-test-host');
    expect(snapshot.os).toBe('Fleet Test Linux 9 (steady)');
  });

  it.each(SHELLS.slice(0, 2))('under %s: a lease forks nothing for them (no nproc, uname, cat, getconf or grep)', (_n, shell) => {
    const log = join(tempDir('log'), 'calls');
    const logged = (tool: string) => `echo ${tool} "$@" >>${log}\nexec /usr/bin/${tool} "$@"`;
    const path = standIns(Object.fromEntries(['nproc', 'uname', 'cat', 'getconf', 'grep'].map((t) => [t, logged(t)])));
    const out = runScript(shell, `${NONCE} 2 0 10\nb1b2c3d4e5f60718 2 0 10\n`, { env: { ...process.env, PATH: `${path}:${process.env.PATH}` } });
    const samples = samplesOf(out);
    expect(samples).toHaveLength(4);
    expect(samples[0]!.get('nproc')!.trim()).toMatch(/^\d+$/);
    expect(() => readFileSync(log, 'utf8')).toThrow();
  });
});
