import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/hosts/ConfigError';
import { embeddedDefault, MAX_CONFIG_BYTES, parseConfig, readConfigText } from '../../src/hosts/loadConfig';

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
    const c = parseConfig(good, 'cfg.yaml', { home: '/home/op' });
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
    expect(c.thresholds).toMatchObject({
      connections: 50,
      longQueryMinutes: 5,
      cacheHitRatio: 95,
      certificateDays: 30,
      backupHours: 26,
      slowHealthMs: 500,
      holdPolls: 2,
      bell: true,
    });
    expect(c.refreshMs).toBe(2000);
  });

  // Each bad input must name the file, the line and the field.
  const bad: Array<[string, string, string]> = [
    ['hosts:\n  - name: a\n    ssh: { host: h, port: 99999 }\n', 'cfg.yaml:3: hosts[0].ssh.port:', 'port out of range'],
    ['hosts:\n  - name: a\n    ssh: { host: h }\n    tgas: [x]\n', 'cfg.yaml:4: hosts[0].tgas: unknown field', 'typo names the key line'],
    [
      'hosts:\n  - name: a\n    local: true\n    postgres: { password: hunter2 }\n',
      'cfg.yaml:4: hosts[0].postgres.password: secrets never go in the config',
      'secret refused',
    ],
    ['hosts:\n  - name: a\n', 'cfg.yaml:2: hosts[0].ssh: required', 'neither local nor ssh'],
    ['hosts:\n  - name: a\n    local: true\n  - name: a\n    local: true\n', 'cfg.yaml:4: hosts[1].name: "a" is already', 'duplicate name'],
    ['hosts:\n  - name: a\n    ssh: { host: h, jump: nowhere }\n', 'cfg.yaml:3: hosts[0].ssh.jump: no host named "nowhere"', 'unknown jump'],
    [
      'hosts:\n  - name: a\n    ssh: { host: h, jump: b }\n  - name: b\n    ssh: { host: h, jump: a }\n',
      'hosts[0].ssh.jump: jump loop: a → b → a',
      'jump loop',
    ],
    ['hosts:\n  - name: "bad name; rm -rf /"\n    local: true\n', 'cfg.yaml:2: hosts[0].name:', 'hostile name'],
    ['hosts: [\n  - name: a\n', 'cfg.yaml:2:3: not valid YAML: an indented list or mapping inside [ ] or { }', 'broken YAML: line and column'],
    ['hosts:\n  - name: a\n    local: true\n    local: true\n', 'cfg.yaml:4:5: not valid YAML: "local" appears twice', 'duplicate key'],
    [
      'hosts:\n  - name: a\n    ssh: { host: "127.0.0.32; touch /tmp/x" }\n',
      'cfg.yaml:3: hosts[0].ssh.host: must be a DNS name or an IP address',
      'shell text as a host',
    ],
    ['hosts:\n  - name: a\n    ssh: { host: h, port: "22" }\n', 'cfg.yaml:3: hosts[0].ssh.port: must be a number, not text', 'a wrong type in our words'],
    [
      'hosts:\n  - name: a\n    local: true\n    "\\e]0;x\\a": 1\n',
      'cfg.yaml:4:5: not valid YAML: a control character (U+001B)',
      'an escape sequence as a key',
    ],
    ['- a\n', 'cfg.yaml:1: a config is a mapping of fields', 'a list, not a mapping'],
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

  it('a knownHosts file that does not exist is an error at its line, not an empty list of keys', () => {
    const text = 'hosts:\n  - name: a\n    ssh:\n      host: 10.0.0.5\n      knownHosts: ~/kh\n';
    const seen: string[] = [];
    expect(() => parseConfig(text, 'cfg.yaml', { home: '/home/op', exists: (p) => (seen.push(p), false) })).toThrow(
      'cfg.yaml:5: hosts[0].ssh.knownHosts: no such file: /home/op/kh',
    );
    expect(seen).toEqual(['/home/op/kh']);
    expect(parseConfig(text, 'cfg.yaml', { home: '/home/op', exists: () => true }).hosts[0]!.ssh!.knownHosts).toBe('/home/op/kh');
  });

  it('merge keys share settings between hosts', () => {
    const c = parseConfig(
      'hosts:\n  - name: a\n    ssh: &ssh { host: 10.0.0.5, user: ops, port: 2222 }\n  - name: b\n    ssh:\n      <<: *ssh\n      host: 10.0.0.6\n',
      'cfg.yaml',
    );
    expect(c.hosts.map((h) => [h.ssh?.host, h.ssh?.user, h.ssh?.port])).toEqual([
      ['10.0.0.5', 'ops', 2222],
      ['10.0.0.6', 'ops', 2222],
    ]);
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

describe('readConfigText', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskctl-config-'));
  const write = (name: string, data: string | Buffer) => {
    const f = join(dir, name);
    writeFileSync(f, data);
    return f;
  };

  it('reads UTF-8, a byte-order mark left out', () => {
    expect(readConfigText(write('ok.yaml', 'hosts: []\n'))).toBe('hosts: []\n');
    expect(readConfigText(write('bom.yaml', '\ufeffhosts: []\n'))).toBe('hosts: []\n');
  });

  it('refuses a file over the bound by its size, before reading it', () => {
    const f = write('big.yaml', Buffer.alloc(MAX_CONFIG_BYTES + 1, 0x20));
    expect(() => readConfigText(f)).toThrow(`${f}: ${MAX_CONFIG_BYTES + 1} bytes: a config is at most ${MAX_CONFIG_BYTES} bytes (1 MiB)`);
    expect(readConfigText(write('edge.yaml', Buffer.alloc(MAX_CONFIG_BYTES, 0x20))).length).toBe(MAX_CONFIG_BYTES);
  });

  const bad: Array<[string, string | Buffer, string]> = [
    ['latin1.yaml', Buffer.from([0x61, 0x3a, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]), ':1:7: not UTF-8 text (save the config as UTF-8)'],
    ['utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a: 1\n', 'utf16le')]), ':1:1: UTF-16 text: save the config as UTF-8'],
  ];
  it.each(bad)('%s → %s', (name, data, expected) => {
    const f = write(name, data);
    expect(() => readConfigText(f)).toThrow(`${f}${expected}`);
  });

  it('names a missing file and a folder', () => {
    expect(() => readConfigText(join(dir, 'absent.yaml'))).toThrow(`${join(dir, 'absent.yaml')}: no such file`);
    expect(() => readConfigText(dir)).toThrow(`${dir}: is a folder, not a config file`);
  });
});
