import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labHost, readLab } from '../lab/lab';
import { cleanEnv, onHost, riskctl, tempDir, writeConfig } from './cliHelpers';

interface Report {
  generatedAt: string;
  hosts: Array<{
    name: string;
    state: string;
    error: string | null;
    tags: string[];
    resources: null | {
      cpuPercent: number | null;
      memoryPercent: number;
      load1: number;
      load5: number;
      load15: number;
      cores: number;
      uptimeSeconds: number;
      disks: Array<{ mount: string; usedPercent: number; sizeBytes: number }>;
    };
  }>;
}

describe('riskctl status --json against the lab', () => {
  it('reports every lab host with the figures the host itself reports', async () => {
    // Its own config: the lab may hold more hosts (the bench runs ten) and the
    // lab config's services are broken on purpose for the alert tests.
    const cfg = writeConfig(
      tempDir('status'),
      [1, 2, 3].map((i) => ({ name: `lab-${i}`, host: labHost(i), tags: i === 1 ? ['lab', 'production'] : ['lab'] })),
    );
    const r = await riskctl(['status', '--json', '--config', cfg], cleanEnv());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(Date.now() - Date.parse(report.generatedAt)).toBeLessThan(60_000);
    expect(report.hosts.map((h) => h.name)).toEqual(['lab-1', 'lab-2', 'lab-3']);
    expect(report.hosts[0]!.tags).toContain('production');
    for (const [i, h] of report.hosts.entries()) {
      expect(h.state).toBe('connected');
      expect(h.error).toBeNull();
      const res = h.resources!;
      const host = labHost(i + 1);
      expect(res.cores).toBe(Number(onHost(host, 'nproc').trim()));
      const [l1, l5] = onHost(host, 'cat /proc/loadavg').split(' ').map(Number);
      // Read a few seconds apart: on a busy machine the one-minute figure moves by a share of itself.
      expect(Math.abs(res.load1 - l1!)).toBeLessThan(Math.max(1.5, 0.2 * l1!));
      expect(Math.abs(res.load5 - l5!)).toBeLessThan(Math.max(1, 0.1 * l5!));
      const mem = Object.fromEntries(
        onHost(host, 'cat /proc/meminfo')
          .split('\n')
          .map((l) => l.split(/:\s+/))
          .map(([k, v]) => [k, Number.parseInt(v ?? '0', 10)]),
      ) as Record<string, number>;
      const memPct = ((mem.MemTotal! - mem.MemAvailable!) / mem.MemTotal!) * 100;
      expect(Math.abs(res.memoryPercent - memPct)).toBeLessThan(5);
      const up = Number(onHost(host, 'cut -d" " -f1 /proc/uptime').trim());
      expect(Math.abs(res.uptimeSeconds - up)).toBeLessThan(60);
      expect(res.cpuPercent).not.toBeNull();
      expect(res.cpuPercent!).toBeGreaterThanOrEqual(0);
      expect(res.cpuPercent!).toBeLessThanOrEqual(100);
      const df = onHost(host, 'df -P -B1 /').trim().split('\n')[1]!.split(/\s+/);
      const root = res.disks.find((d) => d.mount === '/');
      expect(root).toBeDefined();
      expect(root!.sizeBytes).toBe(Number(df[1]));
      expect(Math.abs(root!.usedPercent - Number.parseInt(df[4]!, 10))).toBeLessThanOrEqual(1);
    }
  });

  it('refuses a changed host key naming both fingerprints, shows no data for it, and still reads the others', async () => {
    const lab = readLab();
    const dir = tempDir('changed');
    const l2 = labHost(2);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'other')]);
    const otherPub = readFileSync(join(dir, 'other.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
    const otherFp = execFileSync('ssh-keygen', ['-lf', join(dir, 'other.pub')], { encoding: 'utf8' }).split(' ')[1]!;
    const kh = readFileSync(lab.knownHosts, 'utf8')
      .split('\n')
      .map((l) => (l.startsWith(`[${l2.address}]:${l2.port} `) ? `[${l2.address}]:${l2.port} ${otherPub}` : l))
      .join('\n');
    writeFileSync(join(dir, 'known_hosts'), kh);
    const cfg = writeConfig(dir, [
      { name: 'lab-1', host: labHost(1), knownHosts: join(dir, 'known_hosts') },
      { name: 'lab-2', host: l2, knownHosts: join(dir, 'known_hosts') },
    ]);
    const r = await riskctl(['status', '--json', '--config', cfg], cleanEnv());
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const bad = report.hosts.find((h) => h.name === 'lab-2')!;
    expect(bad.state).toBe('error');
    expect(bad.resources).toBeNull();
    expect(bad.error).toContain(otherFp);
    expect(bad.error).toContain(l2.fingerprint);
    expect(report.hosts.find((h) => h.name === 'lab-1')!.state).toBe('connected');
  });

  it('refuses an unknown host key headless, accepts it with --accept-new-host-keys, and remembers it', async () => {
    const dir = tempDir('unknown');
    const env = cleanEnv();
    const cfg = writeConfig(dir, [{ name: 'lab-3', host: labHost(3), knownHosts: null }]);
    const first = await riskctl(['status', '--json', '--config', cfg], env);
    expect(first.code).toBe(1);
    const h1 = (JSON.parse(first.stdout) as Report).hosts[0]!;
    expect(h1.state).toBe('error');
    expect(h1.error).toContain(labHost(3).fingerprint);
    expect(h1.error).toContain('--accept-new-host-keys');
    expect(h1.resources).toBeNull();

    const second = await riskctl(['status', '--json', '--config', cfg, '--accept-new-host-keys'], env);
    expect(second.code).toBe(0);
    expect((JSON.parse(second.stdout) as Report).hosts[0]!.state).toBe('connected');
    const remembered = readFileSync(join(env.XDG_STATE_HOME!, 'riskctl', 'known_hosts'), 'utf8');
    expect(remembered).toContain(`[${labHost(3).address}]:${labHost(3).port} ssh-ed25519 `);

    const third = await riskctl(['status', '--json', '--config', cfg], env);
    expect(third.code).toBe(0);
    expect((JSON.parse(third.stdout) as Report).hosts[0]!.state).toBe('connected');
  });

  it('names a host with nothing listening and still reports the others', async () => {
    const dir = tempDir('dead');
    const cfg = writeConfig(dir, [
      { name: 'lab-1', host: labHost(1) },
      { name: 'ghost', address: '127.0.0.250', port: 2222 },
    ]);
    const r = await riskctl(['status', '--json', '--config', cfg], cleanEnv());
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    const ghost = report.hosts.find((h) => h.name === 'ghost')!;
    expect(ghost.state).toBe('error');
    expect(ghost.error).toMatch(/^ghost: .*127\.0\.0\.250:2222.*refused/);
    expect(report.hosts.find((h) => h.name === 'lab-1')!.resources).not.toBeNull();
  });

  it('reaches lab-2 through lab-1 (ProxyJump)', async () => {
    const dir = tempDir('jump');
    const cfg = writeConfig(dir, [
      { name: 'lab-1', host: labHost(1) },
      { name: 'behind', host: labHost(2), jump: 'lab-1' },
    ]);
    const r = await riskctl(['status', '--json', '--config', cfg, '--host', 'behind'], cleanEnv());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.hosts.map((h) => [h.name, h.state])).toEqual([['behind', 'connected']]);
    expect(report.hosts[0]!.resources!.cores).toBeGreaterThan(0);
  });
});
