import { randomFillSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { pooledRandomFill, type RandomFill } from '../../src/hosts/pooledRandomFill';

/** A stand-in CSPRNG whose output is a known sequence: fill k writes k*16+i for byte i (mod 256). */
function countingSource() {
  let calls = 0;
  const real = vi.fn((buf: Uint8Array, offset = 0, size?: number) => {
    const n = size ?? buf.length - offset;
    for (let i = 0; i < n; i++) buf[offset + i] = (calls * 16 + i) & 0xff;
    calls++;
    return buf;
  });
  return real as unknown as RandomFill & typeof real;
}

describe('pooledRandomFill', () => {
  it('hands out the pool in order, each byte once, and refills it when it runs out', () => {
    const real = countingSource();
    const { fill, stats } = pooledRandomFill(real, 64);
    const a = fill(Buffer.alloc(20), 0, 20);
    const b = fill(Buffer.alloc(20), 0, 20);
    const c = fill(Buffer.alloc(20), 0, 20);
    expect([...a]).toEqual([...Array(20).keys()]);
    expect([...b]).toEqual([...Array(20).keys()].map((i) => i + 20));
    expect([...c]).toEqual([...Array(20).keys()].map((i) => i + 40));
    expect(real).toHaveBeenCalledTimes(1);
    // 4 bytes are left: a fill of 20 takes a fresh pool (the second fill of the source starts at 16).
    const d = fill(Buffer.alloc(20), 0, 20);
    expect([...d]).toEqual([...Array(20).keys()].map((i) => i + 16));
    expect(real).toHaveBeenCalledTimes(2);
    expect(stats).toEqual({ served: 80, fills: 2 });
  });

  it('writes only the range asked for, and returns the buffer', () => {
    const { fill } = pooledRandomFill(countingSource(), 64);
    const buf = Buffer.alloc(16, 0xee);
    expect(fill(buf, 5, 4)).toBe(buf);
    expect([...buf]).toEqual([0xee, 0xee, 0xee, 0xee, 0xee, 0, 1, 2, 3, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee]);
    // Without a size: from the offset to the end.
    const tail = Buffer.alloc(6, 0xee);
    fill(tail, 2);
    expect([...tail]).toEqual([0xee, 0xee, 4, 5, 6, 7]);
  });

  it.each([
    ['a fill past 256 bytes', () => [Buffer.alloc(300), 0, 300] as const],
    ['a DataView', () => [new DataView(new ArrayBuffer(8)), 0, 8] as const],
    ['a range past the end', () => [Buffer.alloc(4), 2, 8] as const],
    ['a negative offset', () => [Buffer.alloc(4), -1, 2] as const],
  ])('leaves %s to the real function', (_what, args) => {
    const real = vi.fn(() => 'real') as unknown as RandomFill;
    const { fill, stats } = pooledRandomFill(real, 64);
    const [buf, offset, size] = args();
    expect((fill as (...a: unknown[]) => unknown)(buf, offset, size)).toBe('real');
    expect(real).toHaveBeenCalledWith(buf, offset, size);
    expect(stats.served).toBe(0);
  });

  it('with the real CSPRNG, a thousand paddings are all different', () => {
    const { fill, stats } = pooledRandomFill(randomFillSync);
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) seen.add(fill(Buffer.alloc(16), 0, 16).toString('hex'));
    expect(seen.size).toBe(1000);
    expect(stats.fills).toBe(Math.ceil((1000 * 16) / 4096));
  });

  it('rejects what the real function rejects', () => {
    const { fill } = pooledRandomFill(randomFillSync);
    expect(() => fill(Buffer.alloc(4), 2, 8)).toThrow(RangeError);
  });
});
