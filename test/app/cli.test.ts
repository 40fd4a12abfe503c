import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, riskctl, riskctlInProcess, tempDir } from './cliHelpers';

// Most cases run the command line in this process; the built bin runs where the
// process boundary is the point: its version, a config error's exit code and
// one line on stderr, and the cockpit refusing a pipe.

describe('riskctl command line', () => {
  it('prints help, and the bin its version', async () => {
    const h = await riskctlInProcess(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('riskctl status');
    const v = await riskctl(['--version']);
    expect(v).toEqual({ code: 0, stdout: `riskctl ${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version}\n`, stderr: '' });
  });

  // Bad input: one clear line naming the problem, exit 2, never a stack trace.
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown option', ['--hots'], /Unknown option '--hots'/],
    ['unknown command', ['stauts'], /unknown command 'stauts'/],
    ['missing config', ['status', '--config', '/nonexistent/riskctl.yaml'], /\/nonexistent\/riskctl\.yaml: no such file/],
    ['unknown host', ['hosts', '--host', 'nope'], /--host "nope": no such host/],
  ];
  it.each(cases)('%s → exit 2 with a clear message', async (_name, args, message) => {
    const r = await riskctlInProcess(args, cleanEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('the bin, on a malformed config: exit 2, one line naming file:line and field, no stack', async () => {
    const dir = tempDir('badcfg');
    const file = join(dir, 'c.yaml');
    writeFileSync(file, 'hosts:\n  - name: a\n    ssh: { host: h, port: "twenty-two" }\n');
    const r = await riskctl(['status', '--config', file], cleanEnv());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`riskctl: ${file}:3: hosts[0].ssh.port: `);
    expect(lines[1]).toBe('');
  });

  it('hosts --json lists the embedded default (this machine) with no config', async () => {
    const r = await riskctlInProcess(['hosts', '--json'], cleanEnv());
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { config: string; hosts: Array<{ kind: string; address: string }> };
    expect(out.config).toBe('(embedded default)');
    expect(out.hosts).toEqual([expect.objectContaining({ kind: 'local', address: 'local' })]);
  });

  it('status --json on the embedded default reads this machine', async () => {
    const r = await riskctlInProcess(['status', '--json'], cleanEnv());
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { hosts: Array<{ state: string; resources: { cores: number } }> };
    expect(out.hosts[0]!.state).toBe('connected');
    expect(out.hosts[0]!.resources.cores).toBeGreaterThan(0);
  });

  it('alerts --json: one entry per host, and "groups" with each cause once and its hosts', async () => {
    const dir = tempDir('storm');
    const file = join(dir, 'c.yaml');
    // No key in the clean HOME: each host fails before any connection, host-unreachable on all three.
    const hosts = [1, 2, 3].map((i) => `  - name: gone-${i}\n    ssh: { host: 127.0.0.${249 + i}, port: 2222, user: ops }\n`);
    writeFileSync(file, `hosts:\n${hosts.join('')}`);
    const r = await riskctlInProcess(['alerts', '--json', '--config', file], cleanEnv());
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { alerts: Array<{ rule: string; host: string }>; groups: unknown[] };
    expect(out.alerts.map((a) => [a.rule, a.host])).toEqual([
      ['host-unreachable', 'gone-1'],
      ['host-unreachable', 'gone-2'],
      ['host-unreachable', 'gone-3'],
    ]);
    expect(out.groups).toEqual([
      { rule: 'host-unreachable', target: '', source: 'riskctl', severity: 'CRITICAL', count: 3, hosts: ['gone-1', 'gone-2', 'gone-3'] },
    ]);
  });

  it('the bin: the cockpit refuses to start without a terminal', async () => {
    const r = await riskctl([], cleanEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('needs a terminal');
  });
});
