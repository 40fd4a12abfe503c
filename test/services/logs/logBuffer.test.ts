// The ring buffer bounded by lines and bytes, against a plain model: after
// every push it holds a contiguous run of the newest lines, their text and
// metadata exact, within both bounds, and no fewer than the bound allows
// (less one line's worth of room lost at the wrap).
import { describe, expect, test } from 'vitest';
import { LogBuffer, MAX_LINE_CHARS, type LogLine } from '../../../src/services/logs/LogBuffer';

/** A small deterministic generator (mulberry32), so a failure replays. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Cut at the bound, or one before it when that would split a surrogate pair (an emoji).
const stored = (text: string) => {
  if (text.length <= MAX_LINE_CHARS) return text;
  const splitsPair = /[\ud800-\udbff]/.test(text[MAX_LINE_CHARS - 1]!);
  return `${text.slice(0, MAX_LINE_CHARS - (splitsPair ? 1 : 0))}…`;
};
const size = (text: string) => Buffer.byteLength(stored(text)) + 1;

function held(b: LogBuffer): LogLine[] {
  return Array.from({ length: b.length }, (_, i) => b.at(i)!);
}

/**
 * The first line where two runs differ, with both sides, or null when equal.
 * A plain loop: toEqual over ten thousand lines at a time costs seconds.
 */
function firstDifference(got: readonly LogLine[], want: readonly LogLine[]): { at: number; got?: LogLine; want?: LogLine } | null {
  for (let i = 0; i < Math.max(got.length, want.length); i++) {
    const g = got[i];
    const w = want[i];
    if (!g || !w || g.seq !== w.seq || g.text !== w.text || g.ts !== w.ts || g.stream !== w.stream) return { at: i, got: g, want: w };
  }
  return null;
}

const ALPHABET = ['a', 'b', 'z', ' ', '€', 'ж', '日', '😀', '\t'];

interface Case {
  name: string;
  capacity: number;
  maxBytes: number;
  pushes: number;
  /** Line length for the i-th push. */
  length: (r: () => number, i: number) => number;
  /** The whole content is compared every this many pushes (and whenever the store grew); default 97. */
  every?: number;
}

const CASES: Case[] = [
  { name: 'short lines: the count bound wins', capacity: 50, maxBytes: 1 << 20, pushes: 2000, length: (r) => Math.floor(r() * 20) },
  { name: 'long lines: the byte bound wins', capacity: 10_000, maxBytes: 20_000, pushes: 3000, length: (r) => 200 + Math.floor(r() * 2000) },
  {
    name: 'mixed lengths, empty lines among them',
    capacity: 300,
    maxBytes: 30_000,
    pushes: 5000,
    length: (r) => (r() < 0.2 ? 0 : Math.floor(r() * r() * 1500)),
  },
  { name: 'lines at and past the cut', capacity: 40, maxBytes: 100_000, pushes: 300, length: (r) => MAX_LINE_CHARS - 2 + Math.floor(r() * 6) },
  // Its content is compared where it is at risk: after each growth of the store, and every 997 pushes.
  { name: 'a store that grows through several sizes', capacity: 100_000, maxBytes: 600_000, pushes: 12_000, length: (r) => Math.floor(r() * 120), every: 997 },
  { name: 'capacity 1', capacity: 1, maxBytes: 1000, pushes: 100, length: (r) => Math.floor(r() * 50) },
];

describe('LogBuffer against a model', () => {
  test.each(CASES)('$name', ({ capacity, maxBytes, pushes, length, every = 97 }) => {
    const r = rng(capacity * 7 + pushes);
    const b = new LogBuffer(capacity, maxBytes);
    const pushed: Array<{ text: string; ts: number; stream: LogLine['stream'] }> = [];
    let longest = 0;
    let storage = b.storageBytes;
    for (let i = 0; i < pushes; i++) {
      const n = length(r, i);
      let text = '';
      for (let k = 0; k < n; k++) text += ALPHABET[Math.floor(r() * ALPHABET.length)];
      const line = { text, ts: 1_700_000_000_000 + i * 0.5, stream: (r() < 0.3 ? 'err' : 'out') as LogLine['stream'] };
      pushed.push(line);
      b.push(line.text, line.ts, line.stream);
      longest = Math.max(longest, size(text));

      // Checked after every push: plain comparisons, with expect() (tens of
      // microseconds a call) reached only to report one that does not hold.
      if (b.total !== i + 1) expect(b.total).toBe(i + 1);
      if (b.last()?.text !== stored(text)) expect(b.last()?.text).toBe(stored(text));
      if (!(b.bytes <= b.maxBytes)) expect(b.bytes).toBeLessThanOrEqual(b.maxBytes);
      // The whole content now and then (every push would be quadratic), and at the first lines pushed out.
      const out = b.total - b.length;
      const grew = b.storageBytes !== storage;
      storage = b.storageBytes;
      if (i % every !== 0 && !grew && i !== pushes - 1 && (out === 0 || out > 5)) continue;
      const got = held(b);
      // The newest lines, consecutive up to the last one pushed.
      expect(got.length).toBeGreaterThan(0);
      const first = pushed.length - got.length;
      expect(
        firstDifference(
          got,
          pushed.slice(first).map((p, k) => ({ seq: first + k + 1, text: stored(p.text), ts: p.ts, stream: p.stream })),
        ),
      ).toBeNull();
      // Both bounds hold, and the byte count is what the lines take.
      expect(got.length).toBeLessThanOrEqual(capacity);
      expect(b.bytes).toBe(got.reduce((s, l) => s + Buffer.byteLength(l.text) + 1, 0));
      expect(b.bytes).toBeLessThanOrEqual(b.maxBytes);
      expect(b.storageBytes).toBeLessThanOrEqual(b.maxBytes);
      // No fewer than fit in the bound less two of the longest lines (the room lost at the end of the store).
      let fit = 0;
      for (let k = pushed.length - 1, room = b.maxBytes - 2 * longest; k >= 0 && fit < capacity; k--) {
        room -= size(pushed[k]!.text);
        if (room < 0) break;
        fit++;
      }
      expect(got.length).toBeGreaterThanOrEqual(fit);
    }
  });
});

describe('LogBuffer', () => {
  test.each([
    ['a paused line still held', 10, 100, 100 - 10 + 1 + 4, 4],
    ['a line pushed out', 10, 100, 50, -1],
    ['newer than the newest', 10, 100, 500, 9],
  ])('indexOfSeq: %s', (_name, capacity, pushes, seq, index) => {
    const b = new LogBuffer(capacity);
    for (let i = 1; i <= pushes; i++) b.push(`l${i}`, i);
    expect(b.indexOfSeq(seq)).toBe(index);
    if (index >= 0 && seq <= pushes) expect(b.at(index)!.seq).toBe(seq);
  });

  test.each([
    ['ASCII', 'GET /api/v1/risks 200'],
    ['multi-byte', 'prix 12 € — ошибка — 日本語 — 😀'],
    ['a surrogate pair at the bound', `${'x'.repeat(MAX_LINE_CHARS - 1)}😀tail`],
    ['empty', ''],
  ])('text comes back as it went in: %s', (_name, text) => {
    const b = new LogBuffer(5);
    b.push(text, 1, 'err');
    expect(b.last()).toEqual({ seq: 1, text: stored(text), ts: 1, stream: 'err' });
  });

  test('a cut never splits a surrogate pair', () => {
    const b = new LogBuffer(5);
    b.push(`${'x'.repeat(MAX_LINE_CHARS - 1)}😀tail`, 1);
    expect(b.last()!.text).toBe(`${'x'.repeat(MAX_LINE_CHARS - 1)}…`);
    b.push(`${'x'.repeat(MAX_LINE_CHARS - 2)}😀tail`, 2);
    expect(b.last()!.text).toBe(`${'x'.repeat(MAX_LINE_CHARS - 2)}😀…`);
  });

  test('lines cut out of big chunks hold none of the chunk: the store grows with the lines, not the chunks', () => {
    // A string split or sliced out of a 256 KiB chunk is a view that keeps the
    // whole chunk alive. 500 lines from 500 such chunks would keep 128 MB as
    // strings; stored as copies of their bytes they take 500 short lines.
    const b = new LogBuffer(1000);
    for (let i = 0; i < 500; i++) {
      const chunk = `${String(i).padStart(6, '0')} ${'z'.repeat(256 * 1024)}\n`;
      const line = chunk.split(' ')[0]!;
      b.push(line, i);
    }
    expect(b.length).toBe(500);
    expect(b.bytes).toBe(500 * 7);
    expect(b.storageBytes).toBeLessThanOrEqual(64 * 1024);
    expect(b.at(0)!.text).toBe('000000');
    expect(b.last()!.text).toBe('000499');
  });

  test('a flood of short lines past the line bound keeps a store the size of its lines, not its byte bound', () => {
    // 10 000 lines of ~100 bytes need ~1 MB; the byte bound is 10 MiB. Growing at
    // every lap's end (as it once did) would reach the bound and leave 1+2+4+8 MB of copies behind.
    const b = new LogBuffer(10_000);
    for (let i = 0; i < 200_000; i++) b.push(`${String(i).padStart(8, '0')} ${'m'.repeat(90)}`, i);
    expect(b.length).toBe(10_000);
    expect(b.bytes).toBe(10_000 * 100);
    expect(b.storageBytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(b.at(0)!.text.slice(0, 8)).toBe('00190000');
    expect(b.last()!.text.slice(0, 8)).toBe('00199999');
  });

  test('clear empties it and gives back a grown store; seq numbers go on', () => {
    const b = new LogBuffer(10_000);
    for (let i = 0; i < 5000; i++) b.push('y'.repeat(100), i);
    expect(b.storageBytes).toBeGreaterThan(64 * 1024);
    b.clear();
    expect(b.length).toBe(0);
    expect(b.bytes).toBe(0);
    expect(b.storageBytes).toBe(64 * 1024);
    expect(b.last()).toBeUndefined();
    expect(b.indexOfSeq(1)).toBe(-1);
    b.push('after', 1);
    expect(b.last()!.seq).toBe(5001);
    expect(b.indexOfSeq(5001)).toBe(0);
  });

  test('the byte bound defaults to 1 KiB per line of capacity, and always fits one line cut at its bound', () => {
    expect(new LogBuffer(10_000).maxBytes).toBe(10_000 * 1024);
    const tiny = new LogBuffer(3, 10);
    tiny.push('日'.repeat(MAX_LINE_CHARS * 2), 0);
    expect(tiny.length).toBe(1);
    expect(tiny.last()!.text).toBe(`${'日'.repeat(MAX_LINE_CHARS)}…`);
  });
});
