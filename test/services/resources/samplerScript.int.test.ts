import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResourcesSections } from '../../../src/services/resources/parseResourcesBatch';
import { resourcesSamplerCommand, resourcesSamplerScript } from '../../../src/services/resources/remoteResourcesCommand';
import { splitSections } from '../../../src/services/resources/sections';

/**
 * The sampler script itself under the shells hosts run: dash, bash and
 * busybox ash (the lab's packages bring busybox).
 */
const ends = (out: string) => [...out.matchAll(/^@@riskctl-sample:(\w+)@@$/gm)].map((m) => m[1]);

const NONCE = 'a1b2c3d4e5f60718';
/** The host's uptime in centiseconds, as the script reads it. */
const uptimeCs = (text: string) => Math.round(Number(text.trim().split(/\s+/)[0]) * 100);

function runScript(shell: string, input: string, env?: NodeJS.ProcessEnv): string {
  const args = shell === 'busybox' ? ['sh', '-c', resourcesSamplerScript] : ['-c', resourcesSamplerScript];
  return execFileSync(shell, args, { input, encoding: 'utf8', env });
}

/** A df that takes this many seconds for the filesystems (of one path it answers at once). */
const slowDf = (seconds: number) => `for a; do case $a in /*) exec /bin/df "$@" ;; esac; done\n/bin/sleep ${seconds}\nexec /bin/df "$@"`;

/** The uptime, in centiseconds, of a lease's first two samples at period q under /bin/sh, with a stand-in for one tool first on the PATH. */
function firstTwoUptimes(tool: string, body: string, q: number): [number, number] {
  const dir = mkdtempSync(join(os.tmpdir(), `riskctl-${tool}-`));
  try {
    writeFileSync(join(dir, tool), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    const out = runScript('/bin/sh', `${NONCE} 2 0 ${q}\n`, { ...process.env, PATH: `${dir}:${process.env.PATH}` });
    const [a, b] = out
      .split(/^@@riskctl-sample:\w+@@$/m)
      .slice(0, 2)
      .map((x) => uptimeCs(splitSections(x).get('uptime')!));
    return [a!, b!];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the sampler script', () => {
  it('is one line without characters other login shells treat specially', () => {
    // The program is its own $0 too: under dash it runs itself again under bash.
    expect(resourcesSamplerCommand).toBe(`/bin/sh -c '${resourcesSamplerScript}' '${resourcesSamplerScript}'`);
    expect(resourcesSamplerScript).not.toMatch(/['!\n]|\\\\/);
  });

  it.each([
    ['/bin/sh (dash)', '/bin/sh'],
    ['bash', 'bash'],
    ['busybox ash', 'busybox'],
  ])('under %s: the samples of each lease on its own clock, steady sections only in the first, ends at EOF', (_n, shell) => {
    const start = uptimeCs(readFileSync('/proc/uptime', 'utf8'));
    // Three samples, the first 10 cs after the line is read, then every 15 cs; then a lease of one at once.
    const out = runScript(shell, `${NONCE} 6 10 15\nffee000000000000 1 0 15\n`);
    expect(ends(out)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `${NONCE}${i}`).concat('ffee0000000000000'));
    const samples = out
      .split(/^@@riskctl-sample:\w+@@$/m)
      .slice(0, 7)
      .map(splitSections);
    const [first, second] = samples;
    const withoutDf = (x: Map<string, string>) => [...x.keys()].filter((k) => k !== 'df' && k !== 'dfexit').sort();
    expect(withoutDf(first!)).toEqual([
      'diskstats',
      'end',
      'hostname',
      'loadavg',
      'meminfo',
      'mounts',
      'netdev',
      'nproc',
      'osrelease',
      'stat',
      'uname',
      'uptime',
    ]);
    // The steady sections on a lease's first sample, only when they changed; network and disk counters on every sample.
    expect(withoutDf(second!)).toEqual(['diskstats', 'end', 'loadavg', 'meminfo', 'netdev', 'stat', 'uptime']);
    expect(withoutDf(samples[6]!)).toEqual(['diskstats', 'end', 'loadavg', 'meminfo', 'netdev', 'stat', 'uptime']);
    // df in the sampler's first sample; the next is due DF_PERIOD_SECONDS on, past these leases.
    expect(first!.has('df')).toBe(true);
    expect(samples.slice(1, 6).filter((x) => x.has('df'))).toHaveLength(0);
    // Sample i is taken no sooner than its target: the lease's start + 10 + 15·i cs.
    const at = samples.map((x) => uptimeCs(x.get('uptime')!));
    at.slice(0, 3).forEach((t, i) => expect(t, `sample ${i}`).toBeGreaterThanOrEqual(start + 10 + 15 * i));
    const { snapshot } = parseResourcesSections(first!);
    expect(snapshot.hostname).toBe(os.hostname());
    expect(snapshot.cores).toBe(Number(execFileSync('nproc', { encoding: 'utf8' })));
    expect(snapshot.disks.find((d) => d.mount === '/')?.type).toBeTruthy();
    // Only the cpu lines of /proc/stat travel, and the meminfo fields read.
    expect(
      first!
        .get('stat')!
        .trim()
        .split('\n')
        .every((l) => l.startsWith('cpu')),
    ).toBe(true);
    expect(
      first!
        .get('meminfo')!
        .trim()
        .split('\n')
        .map((l) => l.split(':')[0]),
    ).toEqual(['MemTotal', 'MemFree', 'MemAvailable', 'Buffers', 'Cached', 'SwapTotal', 'SwapFree']);
    expect(snapshot.memTotalBytes).toBe(os.totalmem());
  });

  it.each([
    ['/bin/sh (dash)', '/bin/sh'],
    ['bash', 'bash'],
    ['busybox ash', 'busybox'],
  ])('under %s: df on every G-th sample counted across leases, its figures on the first sample after it ends', (_n, shell) => {
    // G = 4: df in sample 0 (in the sample), then started in the background on samples 4 and 8 (the second lease's third).
    const out = runScript(shell, `${NONCE} 6 0 30 4\nffee000000000000 5 0 30 4\n`);
    const samples = out
      .split(/^@@riskctl-sample:\w+@@$/m)
      .slice(0, 11)
      .map(splitSections);
    expect(samples).toHaveLength(11);
    const dfAt = samples.map((x, i) => (x.has('df') ? i : -1)).filter((i) => i >= 0);
    expect(dfAt[0]).toBe(0);
    // Started on sample 4, it shows on a later one; counted per lease, the second lease would start one on its first (6).
    expect(dfAt[1]).toBeGreaterThanOrEqual(5);
    expect(dfAt[1]).toBeLessThan(8);
    expect(dfAt[2]).toBeGreaterThanOrEqual(9);
    expect(dfAt).toHaveLength(3);
    for (const i of dfAt) expect(samples[i]!.get('dfexit')!.trim()).toBe('0');
  });

  it('where sleep takes only whole seconds, it sleeps whole seconds (never a busy loop)', () => {
    // A sleep that refuses fractions, as POSIX allows, first on the PATH.
    const [a, b] = firstTwoUptimes('sleep', 'case "$1" in *.*) exit 1;; esac\nexec /bin/sleep "$1"', 60);
    // 60 cs round to one second.
    expect(b - a).toBeGreaterThanOrEqual(95);
  });

  it('a target passed by at most an eighth of the period is taken late, at once, not skipped', () => {
    // The first sample's df takes 4.2 s of a 4 s period: the second's tick passed by ~20–40 cs, within 50.
    const [a, b] = firstTwoUptimes('df', slowDf(4.2), 400);
    // Taken late, as the first ends (~420 cs); skipped, the second would wait for the tick at 800.
    expect(b - a).toBeGreaterThanOrEqual(420);
    expect(b - a).toBeLessThan(600);
  });

  it('a target passed by more than an eighth of the period is skipped, not caught up: samples stay on the lease ticks', () => {
    // The sampler's first sample waits for its df: at 90 cs, past two 40 cs ticks.
    const [a, b] = firstTwoUptimes('df', slowDf(0.9), 40);
    // Caught up, the second would start as the first ends (~90 cs, 10 off the grid); skipped, on the tick at 120.
    expect(b - a).toBeGreaterThanOrEqual(90);
    const off = (b - a) % 40;
    expect(Math.min(off, 40 - off)).toBeLessThanOrEqual(5);
  });
});
