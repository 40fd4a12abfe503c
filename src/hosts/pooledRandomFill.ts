/**
 * randomFillSync for ssh2's packet padding, served from a pool.
 *
 * ssh2 fills every outgoing packet's 4–255 bytes of padding with
 * crypto.randomFillSync. For a process that sleeps between polls, each call
 * costs 60–160 µs (measured: OpenSSL's DRBG with cold caches; 1.8 µs in a hot
 * loop). A poll sends one packet, so that is a third of the cost of sending
 * it. Here, 4 KB come from the same CSPRNG at once and are handed out once
 * each, then zeroed. OpenSSH does the same: its padding comes from
 * arc4random_buf, a buffered keystream seeded from the system's RNG.
 * Anything but a small fill of a byte array goes to the real function.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
/** SSH padding is at most 255 bytes; ssh2's KEX cookie is 16. */
const MAX_FROM_POOL = 256;

export interface PoolStats {
  /** Bytes handed out from the pool. */
  served: number;
  /** Times the pool was filled from the CSPRNG. */
  fills: number;
}

export type RandomFill = typeof randomFillSync;

export function pooledRandomFill(real: RandomFill = randomFillSync, poolBytes = POOL_BYTES): { fill: RandomFill; stats: PoolStats } {
  const pool = Buffer.alloc(poolBytes);
  let at = poolBytes;
  const stats: PoolStats = { served: 0, fills: 0 };
  const fill = ((buf: NodeJS.ArrayBufferView, offset?: number, size?: number) => {
    const from = offset ?? 0;
    const n = size ?? (buf instanceof Uint8Array ? buf.length - from : -1);
    const small = buf instanceof Uint8Array && Number.isSafeInteger(from) && Number.isSafeInteger(n) && from >= 0 && n >= 0 && n <= MAX_FROM_POOL && from + n <= buf.length;
    if (!small) return (real as (b: NodeJS.ArrayBufferView, o?: number, s?: number) => NodeJS.ArrayBufferView)(buf, offset, size);
    if (at + n > poolBytes) {
      real(pool);
      at = 0;
      stats.fills++;
    }
    buf.set(pool.subarray(at, at + n), from);
    // Handed out once: nothing that went into a packet stays behind.
    pool.fill(0, at, at + n);
    at += n;
    stats.served += n;
    return buf;
  }) as RandomFill;
  return { fill, stats };
}
