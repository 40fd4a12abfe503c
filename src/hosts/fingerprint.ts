import { nodeCrypto } from './lazyBuiltins';

/**
 * Host key identity helpers. A key "blob" is the SSH wire encoding of a public
 * key: the base64 part of a known_hosts or .pub line, decoded.
 */

/** `SHA256:` + unpadded base64 of sha256(blob) — the same text `ssh-keygen -lf` prints. */
export function fingerprintOf(blob: Buffer): string {
  const b64 = nodeCrypto().createHash('sha256').update(blob).digest('base64');
  return `SHA256:${b64.replace(/=+$/, '')}`;
}

/**
 * The key type named inside the blob (`ssh-ed25519`, `ssh-rsa`, ...). It is the
 * first length-prefixed string of the encoding; null when the blob is malformed.
 */
export function keyTypeOf(blob: Buffer): string | null {
  if (blob.length < 4) return null;
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > blob.length) return null;
  const type = blob.subarray(4, 4 + len).toString('latin1');
  return /^[\x21-\x7e]+$/.test(type) ? type : null;
}
