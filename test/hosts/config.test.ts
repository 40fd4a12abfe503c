import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/hosts/ConfigError';
import { embeddedDefault, parseConfig } from '../../src/hosts/loadConfig';

const good = `hosts:
  - name: prod-1
    ssh: { host: 10.0.0.5, port: 22, user: ops, identityFile: ~/.ssh/id_ed25519, jump: bastion }
    tags: [production]
    postgres: { passwordEnv: RISK_PG_PASSWORD }
  - name: bastion
    ssh: { host: 10.0.0.1 }
  - name: here
    local: true
thresholds: { cpu: 65 }
`;

describe('parseConfig', () => {
  it('resolves a valid config with the platform defaults', () => {
    const c = parseConfig(good, 'cfg.yaml', '/home/op');
    expect(c.hosts.map((h) => h.name)).toEqual(['prod-1', 'bastion', 'here']);
    const p = c.hosts[0]!;
    expect(p.ssh).toMatchObject({ host: '10.0.0.5', port: 22, user: 'ops', jump: 'bastion', identityFiles: ['/home/op/.ssh/id_ed25519'] });
    expect(p.tags).toEqual(['production']);
    expect(p.origin).toBe('cfg.yaml:2');
    expect(p.postgres).toEqual({ host: '127.0.0.1', port: 5432, database: 'risk_platform', user: 'risk_platform_app', passwordEnv: 'RISK_PG_PASSWORD' });
    expect(p.health.map((h) => h.url)).toContain('http://localhost:3000/health');
    expect(p.backups.dir).toBe('/opt/risk-platform/backups');
    expect(c.hosts[1]!.ssh!.port).toBe(22);
    expect(c.hosts[2]!.local).toBe(true);
    expect(c.thresholds).toMatchObject({ cpu: 65, memory: 80, disk: 85, diskCritical: 95 });
    // The alert thresholds default to the library's figures.
    expect(c.thresholds).toMatchObject({ connections: 50, longQueryMinutes: 5, cacheHitRatio: 95, certificateDays: 30, backupHours: 26, slowHealthMs: 500, holdPolls: 2, bell: true });
    expect(c.refreshMs).toBe(2000);
  });

  // Each bad input must name the file, the line and the field.
  const bad: Array<[string, string, string]> = [
    ['hosts:\n  - name: a\n    ssh: { host: h, port: 99999 }\n', 'cfg.yaml:3: hosts[0].ssh.port:', 'port out of range'],
    ['hosts:\n  - name: a\n    ssh: { host: h }\n    tgas: [x]\n', 'cfg.yaml:4: hosts[0].tgas: unknown field', 'typo names the key line'],
    ['hosts:\n  - name: a\n    local: true\n    postgres: { password: hunter2 }\n', 'cfg.yaml:4: hosts[0].postgres.password: secrets never go in the config', 'secret refused'],
    ['hosts:\n  - name: a\n', 'cfg.yaml:2: hosts[0].ssh: required', 'neither local nor ssh'],
    ['hosts:\n  - name: a\n    local: true\n  - name: a\n    local: true\n', 'cfg.yaml:4: hosts[1].name: "a" is already', 'duplicate name'],
    ['hosts:\n  - name: a\n    ssh: { host: h, jump: nowhere }\n', 'cfg.yaml:3: hosts[0].ssh.jump: no host named "nowhere"', 'unknown jump'],
    ['hosts:\n  - name: a\n    ssh: { host: h, jump: b }\n  - name: b\n    ssh: { host: h, jump: a }\n', 'hosts[0].ssh.jump: jump loop: a → b → a', 'jump loop'],
    ['hosts:\n  - name: "bad name; rm -rf /"\n    local: true\n', 'cfg.yaml:2: hosts[0].name:', 'hostile name'],
    ['hosts: [\n  - name: a\n', 'cfg.yaml:', 'broken YAML'],
    ['refresh: 0.1\n', 'cfg.yaml:1: refresh:', 'refresh too small'],
    ['hosts:\n  - name: a\n    local: true\n    health: [{ name: api, url: "not a url" }]\n', 'cfg.yaml:4: hosts[0].health[0].url:', 'bad url'],
  ];
  it.each(bad)('%j → %s (%s)', (text, expected) => {
    let err: unknown;
    try {
      parseConfig(text, 'cfg.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(expected);
    expect((err as Error).message).not.toMatch(/\n\s+at /);
  });

  it('never echoes a secret value in its message', () => {
    expect(() => parseConfig('hosts:\n  - name: a\n    local: true\n    postgres: { password: hunter2 }\n', 'c.yaml')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('embedded default watches this machine', () => {
    const c = embeddedDefault();
    expect(c.source).toBe('(embedded default)');
    expect(c.hosts).toHaveLength(1);
    expect(c.hosts[0]!.local).toBe(true);
  });
});
