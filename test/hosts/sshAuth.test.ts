import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { describeAuth, identityFilesFor, planAuth } from '../../src/hosts/sshAuth';
import { makeKey, tempDir } from './keys';

const dir = tempDir();
makeKey(dir, 'id_ok');
execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'secret', '-f', join(dir, 'id_locked')]);
const parse = (d: Buffer) => ssh2.utils.parseKey(d);

describe('planAuth', () => {
  it('offers usable key files, then the agent, and says what it skipped and why', async () => {
    const files = [join(dir, 'id_ok'), join(dir, 'id_locked'), join(dir, 'missing'), join(dir, 'id_ok.pub')];
    const plan = await planAuth('ops', files, '/run/agent.sock', parse);
    expect(plan.methods.map((m) => m.type)).toEqual(['publickey', 'agent']);
    expect(plan.methods.every((m) => m.username === 'ops')).toBe(true);
    expect(plan.tried).toEqual([`${join(dir, 'id_ok')} (ssh-ed25519)`, 'ssh-agent (/run/agent.sock)']);
    expect(plan.skipped).toEqual([
      `${join(dir, 'id_locked')} (encrypted: load it into ssh-agent)`,
      `${join(dir, 'missing')} (no such file or directory)`,
      `${join(dir, 'id_ok.pub')} (not a private key)`,
    ]);
    expect(describeAuth(plan)).toMatch(/^tried .*id_ok \(ssh-ed25519\), ssh-agent \(\/run\/agent.sock\); skipped .*id_locked/);
  });

  it('has nothing to offer without keys or agent', async () => {
    const plan = await planAuth('ops', [], undefined, parse);
    expect(plan.methods).toEqual([]);
    expect(describeAuth(plan)).toBe('no key or ssh-agent to try');
  });
});

describe('identityFilesFor', () => {
  it.each([
    [['/k'], undefined, ['/k']],
    [[], '/agent', []], // agent only, as configured
    [[], undefined, ['/h/.ssh/id_ed25519', '/h/.ssh/id_ecdsa', '/h/.ssh/id_rsa']], // OpenSSH's defaults
  ] as const)('%j with agent %s → %j', (files, agent, want) => {
    expect(identityFilesFor(files, agent, '/h')).toEqual(want);
  });
});
