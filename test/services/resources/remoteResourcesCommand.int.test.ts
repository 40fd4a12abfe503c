import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIDDEN_FS_TYPES } from '../../../src/services/resources/diskFilter';
import { parseResourcesBatch } from '../../../src/services/resources/parseResourcesBatch';
import { remoteResourcesCommand, remoteResourcesScript } from '../../../src/services/resources/remoteResourcesCommand';
import type { ResourcesSnapshot } from '../../../src/services/types';
import { readLab } from '../../lab/lab';

/**
 * The real command through real shells on this machine, compared with what
 * the machine reports by other means. Hosts in the field run dash, bash or
 * busybox ash, with or without GNU coreutils.
 */

function run(shell: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync(shell, args, { env, encoding: 'utf8' });
}

const memTotalBytes = Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;
const loadNow = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
const uptimeNow = () => Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
const prettyName = run('/bin/sh', ['-c', '. /etc/os-release && printf %s "$PRETTY_NAME"']);
const nproc = Number(run('nproc', []).trim());

/** GNU df's own filtering of the same types: an independent list of what should be visible. */
function gnuVisibleMounts(): string[] {
  const args = ['-P', '-B1', ...[...HIDDEN_FS_TYPES].flatMap((t) => ['-x', t])];
  return run('df', args)
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => /^.+?\s+\d+\s+\d+\s+\d+\s+(?:\d+%|-)\s+(\/.*)$/.exec(l)![1]!);
}

/** df's own figures for one mount. */
function dfRow(mount: string): { source: string; size: number; used: number } {
  const line = run('df', ['-P', '-B1', mount]).trim().split('\n')[1]!;
  const m = /^(.+?)\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+%\s+(\/.*)$/.exec(line)!;
  return { source: m[1]!, size: Number(m[2]), used: Number(m[3]) };
}

function expectMatchesThisMachine(s: ResourcesSnapshot) {
  expect(s.hostname).toBe(os.hostname());
  expect(s.os).toBe(prettyName);
  expect(s.cores).toBe(nproc);
  expect(s.memTotalBytes).toBe(memTotalBytes);
  expect(s.memAvailableBytes).toBeGreaterThan(0);
  expect(s.memAvailableBytes).toBeLessThanOrEqual(memTotalBytes);
  const load = loadNow();
  expect(Math.abs(s.load1 - load[0]!)).toBeLessThanOrEqual(0.5);
  expect(Math.abs(s.load5 - load[1]!)).toBeLessThanOrEqual(0.5);
  expect(Math.abs(s.load15 - load[2]!)).toBeLessThanOrEqual(0.5);
  expect(Math.abs(s.uptimeSeconds - uptimeNow())).toBeLessThanOrEqual(5);
  const root = s.disks.find((d) => d.mount === '/');
  const df = dfRow('/');
  expect(root).toBeDefined();
  expect(root!.fs).toBe(df.source);
  expect(root!.sizeBytes).toBe(df.size);
  expect(Math.abs(root!.usedBytes - df.used)).toBeLessThan(256 * 1024 * 1024);
}

describe('remoteResourcesCommand', () => {
  it('is one line without characters other login shells treat specially', () => {
    expect(remoteResourcesCommand).toBe(`/bin/sh -c '${remoteResourcesScript}'`);
    expect(remoteResourcesScript).not.toMatch(/['!\n]|\\\\/);
  });

  it.each([
    ['/bin/sh (dash)', '/bin/sh'],
    ['bash as the login shell', 'bash'],
  ])('under %s: parses and matches this machine', (_n, shell) => {
    const { snapshot, cpuSample } = parseResourcesBatch(run(shell, ['-c', remoteResourcesCommand]));
    expectMatchesThisMachine(snapshot);
    expect(snapshot.warnings).toEqual([]);
    expect(snapshot.cpuPercent).toBeNull();
    expect(cpuSample?.cpuCount).toBe(os.cpus().length);
    expect(snapshot.disks.map((d) => d.mount)).toEqual(gnuVisibleMounts());
  });

  it('through a real sshd (lab-2, OpenSSH client, the lab user logs in with /bin/sh)', () => {
    const lab = readLab();
    const out = run('ssh', ['-F', `${lab.dir}/ssh_config`, 'lab-2', remoteResourcesCommand]);
    const { snapshot } = parseResourcesBatch(out);
    // The lab's hosts are this machine behind sshd: the same figures.
    expectMatchesThisMachine(snapshot);
    expect(snapshot.warnings).toEqual([]);
    expect(snapshot.disks.map((d) => d.mount)).toEqual(gnuVisibleMounts());
  });

  it('two runs apart give a CPU % between 0 and 100', async () => {
    const a = parseResourcesBatch(run('/bin/sh', ['-c', remoteResourcesCommand]));
    await new Promise((r) => setTimeout(r, 300));
    const b = parseResourcesBatch(run('/bin/sh', ['-c', remoteResourcesCommand]), { prev: a.cpuSample });
    expect(b.snapshot.cpuPercent).toBeTypeOf('number');
    expect(b.snapshot.cpuPercent!).toBeGreaterThanOrEqual(0);
    expect(b.snapshot.cpuPercent!).toBeLessThanOrEqual(100);
  });

  describe('on a busybox-only host', () => {
    let bin: string;
    beforeAll(() => {
      bin = mkdtempSync(join(os.tmpdir(), 'riskctl-busybox-'));
      const busybox = run('/bin/sh', ['-c', 'command -v busybox']).trim();
      for (const applet of ['sh', 'cat', 'df', 'grep', 'nproc', 'uname', 'timeout']) symlinkSync(busybox, join(bin, applet));
    });
    afterAll(() => rmSync(bin, { recursive: true, force: true }));

    it('busybox sh, df, nproc, uname, timeout: same figures as GNU', () => {
      const out = run(join(bin, 'sh'), ['-c', remoteResourcesScript], { PATH: bin });
      const { snapshot } = parseResourcesBatch(out);
      expectMatchesThisMachine(snapshot);
      expect(snapshot.warnings).toEqual([]);
      expect(snapshot.disks.map((d) => d.mount)).toEqual(gnuVisibleMounts());
    });

    it('only cat on PATH: no df, nproc or uname, and still a snapshot', () => {
      const only = mkdtempSync(join(os.tmpdir(), 'riskctl-bare-'));
      try {
        symlinkSync(run('/bin/sh', ['-c', 'command -v cat']).trim(), join(only, 'cat'));
        const out = run('/bin/sh', ['-c', remoteResourcesScript], { PATH: only });
        const { snapshot } = parseResourcesBatch(out);
        expect(snapshot.cores).toBe(os.cpus().length); // from the cpuN lines
        expect(snapshot.hostname).toBe(os.hostname()); // from /proc/sys/kernel/hostname
        expect(snapshot.memTotalBytes).toBe(memTotalBytes);
        expect(snapshot.disks).toEqual([]);
        expect(snapshot.warnings).toEqual(['df not found: no disk figures']);
      } finally {
        rmSync(only, { recursive: true, force: true });
      }
    });
  });
});
