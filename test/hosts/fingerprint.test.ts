import { describe, expect, it } from 'vitest';
import { fingerprintOf, keyTypeOf } from '../../src/hosts/fingerprint';
import { makeKey, tempDir } from './keys';

describe('fingerprintOf equals ssh-keygen -lf', () => {
  const dir = tempDir();
  it.each(['ed25519', 'rsa', 'ecdsa'] as const)('%s key', (kind) => {
    const k = makeKey(dir, `id_${kind}`, kind);
    expect(k.sshKeygenFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(fingerprintOf(k.blob)).toBe(k.sshKeygenFingerprint);
    expect(keyTypeOf(k.blob)).toBe(k.type);
  });
});

describe('keyTypeOf on malformed blobs', () => {
  it.each([
    ['empty', Buffer.alloc(0)],
    ['short', Buffer.from([0, 0])],
    ['length past the end', Buffer.from([0, 0, 0, 9, 0x61])],
    ['zero length', Buffer.from([0, 0, 0, 0])],
    ['non-printable type', Buffer.from([0, 0, 0, 2, 0x01, 0x02])],
  ])('%s → null', (_n, blob) => {
    expect(keyTypeOf(blob)).toBeNull();
  });
});
