import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostsFromSshConfig, mergeSshConfigHosts } from '../../src/hosts/sshConfigHosts';

const text = `# fleet
Host bastion
  HostName 203.0.113.1
  Port 2200
  IdentityFile ~/.ssh/bastion_key

Host prod-1 prod-1-alias
  HostName 10.0.0.5
  User ops
  ProxyJump bastion
  IdentityFile ~/.ssh/id_ed25519
  IdentityFile ~/.ssh/id_rsa

Host *.internal web?
  User nobody

Match exec "touch /tmp/riskctl-should-never-run"
  User evil

# ssh takes the first value it meets, so defaults go last
Host *
  User fallback
  ServerAliveInterval 10
`;

describe('hostsFromSshConfig', () => {
  const hosts = hostsFromSshConfig(text, '~/.ssh/config', '/home/op');
  it.each([
    ['bastion', { host: '203.0.113.1', port: 2200, user: 'fallback', identityFiles: ['/home/op/.ssh/bastion_key'], jump: undefined }, '~/.ssh/config:2'],
    [
      'prod-1',
      { host: '10.0.0.5', port: 22, user: 'ops', identityFiles: ['/home/op/.ssh/id_ed25519', '/home/op/.ssh/id_rsa'], jump: 'bastion' },
      '~/.ssh/config:7',
    ],
    ['prod-1-alias', { host: '10.0.0.5', port: 22, user: 'ops', jump: 'bastion' }, '~/.ssh/config:7'],
  ])('%s resolves like ssh does', (name, ssh, origin) => {
    const h = hosts.find((x) => x.name === name);
    expect(h).toBeDefined();
    expect(h!.ssh).toMatchObject(ssh);
    expect(h!.origin).toBe(origin);
  });
  it('never runs Match exec', () => {
    expect(existsSync('/tmp/riskctl-should-never-run')).toBe(false);
  });
  it('skips wildcard patterns', () => {
    expect(hosts.map((h) => h.name)).toEqual(['bastion', 'prod-1', 'prod-1-alias']);
  });
});

describe('mergeSshConfigHosts', () => {
  it('lets the riskctl config win and drops hosts whose jump is unknown', () => {
    const home = mkdtempSync(join(tmpdir(), 'riskctl-home-'));
    mkdirSync(join(home, '.ssh'));
    writeFileSync(
      join(home, '.ssh', 'config'),
      'Host a\n  HostName 127.0.0.2\nHost b\n  ProxyJump ghost\nHost mine\n  HostName 1.2.3.4\nHost odd\n  HostName "10.0.0.5;touch x"\n',
    );
    const mine = hostsFromSshConfig('Host mine\n  HostName 127.0.0.9\n', 'riskctl.yaml', home);
    const { hosts, skipped } = mergeSshConfigHosts(mine, home);
    expect(hosts.map((h) => [h.name, h.ssh!.host])).toEqual([
      ['mine', '127.0.0.9'],
      ['a', '127.0.0.2'],
    ]);
    expect(skipped[0]).toContain('b: ProxyJump ghost');
    expect(skipped[1]).toContain('odd: HostName is not a DNS name or an IP address; skipped');
  });
});
