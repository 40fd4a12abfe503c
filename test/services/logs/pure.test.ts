// Logs' pure parts: the ring buffer's bound, line splitting across chunks,
// Docker's multiplexed frames and timestamps.
import { describe, expect, test } from 'vitest';
import { DockerFrames, splitTimestamp } from '../../../src/services/logs/dockerFrames';
import { LineSplitter } from '../../../src/services/logs/LineSplitter';
import { LogBuffer, MAX_LINE_CHARS } from '../../../src/services/logs/LogBuffer';

describe('LogBuffer', () => {
  test('keeps the newest lines up to its capacity, with their sequence numbers', () => {
    const b = new LogBuffer(3);
    for (let i = 1; i <= 7; i++) b.push(`l${i}`, i);
    expect(b.length).toBe(3);
    expect(b.total).toBe(7);
    expect([0, 1, 2].map((i) => b.at(i)!.text)).toEqual(['l5', 'l6', 'l7']);
    expect(b.at(3)).toBeUndefined();
    expect(b.indexOfSeq(6)).toBe(1);
    expect(b.indexOfSeq(2)).toBe(-1);
    expect(b.last()!.seq).toBe(7);
  });

  test('100 000 lines leave it at its bound; long lines are cut', () => {
    const b = new LogBuffer(10_000);
    for (let i = 0; i < 100_000; i++) b.push(String(i), i);
    expect(b.length).toBe(10_000);
    b.push('x'.repeat(MAX_LINE_CHARS * 3), 0);
    expect(b.last()!.text.length).toBe(MAX_LINE_CHARS + 1);
    expect(() => new LogBuffer(0)).toThrow(/positive integer/);
  });
});

describe('LineSplitter', () => {
  test('lines cut anywhere, CRLF, a multi-byte character split between chunks', () => {
    const s = new LineSplitter();
    const euro = Buffer.from('€');
    expect(s.push(Buffer.from('one\r\ntw'))).toEqual(['one']);
    expect(s.push(Buffer.concat([Buffer.from('o '), euro.subarray(0, 1)]))).toEqual([]);
    expect(s.push(Buffer.concat([euro.subarray(1), Buffer.from('\nthree')]))).toEqual(['two €']);
    expect(s.end()).toEqual(['three']);
  });

  test('a line that never ends is flushed at a bound', () => {
    const s = new LineSplitter();
    const out = s.push(Buffer.from('y'.repeat(MAX_LINE_CHARS * 5)));
    expect(out).toHaveLength(1);
  });
});

describe('Docker frames', () => {
  const frame = (kind: number, text: string) => {
    const p = Buffer.from(text);
    const h = Buffer.alloc(8);
    h[0] = kind;
    h.writeUInt32BE(p.length, 4);
    return Buffer.concat([h, p]);
  };
  test('stdout and stderr apart, frames cut across chunks', () => {
    const got: Array<[string, string]> = [];
    const f = new DockerFrames((k, p) => got.push([k, p.toString()]));
    const all = Buffer.concat([frame(1, 'out 1\n'), frame(2, 'err 1\n'), frame(1, 'out 2\n')]);
    f.push(all.subarray(0, 5));
    f.push(all.subarray(5, 17));
    f.push(all.subarray(17));
    expect(got).toEqual([
      ['out', 'out 1\n'],
      ['err', 'err 1\n'],
      ['out', 'out 2\n'],
    ]);
  });

  test("Docker's RFC 3339 nanosecond timestamps", () => {
    expect(splitTimestamp('2026-11-27T03:17:37.999339742Z api: up', 5)).toEqual([Date.parse('2026-11-27T03:17:37.999Z'), 'api: up']);
    expect(splitTimestamp('no timestamp here', 5)).toEqual([5, 'no timestamp here']);
  });
});
