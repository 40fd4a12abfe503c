import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { HostError } from '../../src/hosts/Host';
import { verifyHostKey, type UnknownHostKey } from '../../src/hosts/hostKeyCheck';
import { parseKnownHosts, readKnownHostsFiles } from '../../src/hosts/knownHosts';
import { hostKeyOrder } from '../../src/hosts/sshConnect';
import { keyText, makeKey, tempDir } from './keys';

const dir = tempDir();
const good = makeKey(dir, 'good');
const other = makeKey(dir, 'other');
const KH = join(dir, 'known_hosts');
writeFileSync(KH, `# lab\n[127.0.0.3]:2222 ${keyText(good)}\n@revoked * ${keyText(other)}\n`);
const entries = parseKnownHosts(readFileSync(KH, 'utf8'), KH);

const base = { name: 'lab-2', address: '127.0.0.3', port: 2222, entries, rememberIn: join(dir, 'own', 'known_hosts') };

async function refusal(p: Promise<unknown>): Promise<HostError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(HostError);
  return e as HostError;
}

describe('verifyHostKey', () => {
  it('accepts the listed key without asking', async () => {
    const policy = vi.fn(async () => true);
    await expect(verifyHostKey({ ...base, policy }, good.blob)).resolves.toBeNull();
    expect(policy).not.toHaveBeenCalled();
  });

  it('refuses a changed key without asking, naming both fingerprints and file:line', async () => {
    const third = makeKey(dir, 'third');
    const policy = vi.fn(async () => true);
    const e = await refusal(verifyHostKey({ ...base, policy }, third.blob));
    expect(e.code).toBe('host-key-changed');
    expect(e.host).toBe('lab-2');
    expect(e.message).toContain(good.sshKeygenFingerprint);
    expect(e.message).toContain(third.sshKeygenFingerprint);
    expect(e.message).toContain(`${KH}:2`);
    expect(policy).not.toHaveBeenCalled();
  });

  it('refuses a revoked key without asking', async () => {
    const policy = vi.fn(async () => true);
    const e = await refusal(verifyHostKey({ ...base, address: '10.9.9.9', policy }, other.blob));
    expect(e.code).toBe('host-key-changed');
    expect(e.message).toMatch(/REVOKED/);
    expect(e.message).toContain(`${KH}:3`);
    expect(policy).not.toHaveBeenCalled();
  });

  it('asks about an unknown key; no → host-key-unknown with the fingerprint and the flag hint', async () => {
    const fresh = makeKey(dir, 'fresh');
    const asked: UnknownHostKey[] = [];
    const e = await refusal(verifyHostKey({ ...base, port: 2200, policy: async (i) => (asked.push(i), false) }, fresh.blob));
    expect(asked).toEqual([
      { host: 'lab-2', address: '127.0.0.3', port: 2200, fingerprint: fresh.sshKeygenFingerprint, keyType: 'ssh-ed25519', otherKnownTypes: [] },
    ]);
    expect(e.code).toBe('host-key-unknown');
    expect(e.message).toContain(fresh.sshKeygenFingerprint);
    expect(e.message).toContain('--accept-new-host-keys');
  });

  it('refuses an unknown key when there is no policy (headless) or the policy throws', async () => {
    const fresh = makeKey(dir, 'fresh2');
    expect((await refusal(verifyHostKey({ ...base, port: 2201, policy: undefined }, fresh.blob))).code).toBe('host-key-unknown');
    const boom = async () => {
      throw new Error('prompt crashed');
    };
    expect((await refusal(verifyHostKey({ ...base, port: 2201, policy: boom }, fresh.blob))).code).toBe('host-key-unknown');
  });

  it('remembers an accepted key in riskctl’s own file, so it is known next time', async () => {
    const fresh = makeKey(dir, 'fresh3');
    await expect(verifyHostKey({ ...base, address: '127.0.0.9', port: 22, policy: async () => true }, fresh.blob)).resolves.toBeNull();
    expect(readFileSync(base.rememberIn, 'utf8')).toBe(`127.0.0.9 ${keyText(fresh)}\n`);
    const again = await readKnownHostsFiles([KH, base.rememberIn]);
    const policy = vi.fn(async () => false);
    await expect(verifyHostKey({ ...base, entries: again, address: '127.0.0.9', port: 22, policy }, fresh.blob)).resolves.toBeNull();
    expect(policy).not.toHaveBeenCalled();
  });

  it('keeps an accepted session going when the key cannot be saved, with a warning', async () => {
    const fresh = makeKey(dir, 'fresh4');
    const w = await verifyHostKey({ ...base, port: 2202, rememberIn: '/proc/nope/known_hosts', policy: async () => true }, fresh.blob);
    expect(w).toMatch(/could not save it to \/proc\/nope\/known_hosts/);
  });
});

describe('hostKeyOrder', () => {
  it.each([
    [[], 'ssh-ed25519'],
    [['ssh-rsa'], 'rsa-sha2-512,rsa-sha2-256,ssh-rsa,ssh-ed25519'],
    [['ecdsa-sha2-nistp256'], 'ecdsa-sha2-nistp256,ssh-ed25519'],
    [['sk-ssh-ed25519@openssh.com'], 'ssh-ed25519'], // unsupported types are ignored, not passed to ssh2
  ])('known %j → asks first for %s', (known, first) => {
    const order = hostKeyOrder(known);
    expect(order.join(',').startsWith(first)).toBe(true);
    expect(new Set(order).size).toBe(7);
  });
});
