// Our Output must draw exactly what Ink's own Output draws, frame after frame
// (its caches must never serve a stale row).
import { describe, expect, it } from 'vitest';
// Ink's package exports hide build/output.js; the file itself is the reference.
import InkOutput from '../../../node_modules/ink/build/output.js';
import Output, { FrameCache } from '../../../src/app/ink/rowCachedOutput';

type Op = ['write', number, number, string, Array<(l: string, i: number) => string>?] | ['clip', { x1?: number; x2?: number; y1?: number; y2?: number }] | ['unclip'];

function draw(Ctor: new (o: { width: number; height: number }) => { write: Function; clip: Function; unclip: Function; get: () => { output: string; height: number } }, width: number, height: number, ops: Op[]) {
  const o = new Ctor({ width, height });
  for (const op of ops) {
    if (op[0] === 'write') o.write(op[1], op[2], op[3], { transformers: op[4] ?? [] });
    else if (op[0] === 'clip') o.clip(op[1]);
    else o.unclip();
  }
  return o.get();
}

const red = (s: string) => `\x1b[31m${s}\x1b[39m`;
const bold = (s: string) => `\x1b[1m${s}\x1b[22m`;
const upper = (l: string) => l.toUpperCase();
const numbered = (l: string, i: number) => `${i}:${l}`;

const cases: Array<[string, number, number, Op[]]> = [
  ['empty', 10, 3, []],
  ['one line', 20, 3, [['write', 2, 1, 'hello']]],
  ['multi-line text', 20, 4, [['write', 0, 0, 'a\nbb\nccc']]],
  ['overlapping writes on a row', 20, 2, [['write', 0, 0, 'xxxxxxxxxx'], ['write', 3, 0, 'yy']]],
  ['styles', 30, 2, [['write', 0, 0, `${red('CPU')} ${bold('86%')}`], ['write', 10, 0, red('over')]]],
  ['style cut by an overwrite', 20, 1, [['write', 0, 0, red('abcdefgh')], ['write', 3, 0, 'Z']]],
  ['wide characters', 20, 2, [['write', 0, 0, '日本語 ok'], ['write', 1, 1, '✔ done 🚀 x']]],
  ['wide character overwritten', 20, 1, [['write', 0, 0, '日本語'], ['write', 1, 0, 'a']]],
  ['horizontal clip', 20, 2, [['clip', { x1: 2, x2: 6 }], ['write', 0, 0, red('0123456789')], ['unclip'], ['write', 10, 1, 'after']]],
  ['clip inside a styled run', 30, 1, [['clip', { x1: 3, x2: 9 }], ['write', 0, 0, `ab${red(`cd${bold('efgh')}ij`)}klm`], ['unclip']]],
  ['clip after all styles closed', 30, 1, [['clip', { x1: 6, x2: 12 }], ['write', 0, 0, `${red('abc')}${bold('def')}ghijklmn`], ['unclip']]],
  ['clip of narrow glyphs', 30, 1, [['clip', { x1: 2, x2: 8 }], ['write', 0, 0, `› ${red('lab-1 · 86% …')} ─ ▸`], ['unclip']]],
  ['clip of wide text (slice-ansi does it)', 30, 1, [['clip', { x1: 1, x2: 5 }], ['write', 0, 0, `${red('日本語')}ok`], ['unclip']]],
  ['clip with 256 and true colours', 30, 1, [['clip', { x1: 2, x2: 7 }], ['write', 0, 0, '\x1b[38;5;208mabc\x1b[48;2;1;2;3mdefgh\x1b[0mij'], ['unclip']]],
  ['clip skips outside', 20, 2, [['clip', { x1: 10, x2: 12 }], ['write', 0, 0, 'abc'], ['unclip']]],
  ['vertical clip', 10, 5, [['clip', { y1: 1, y2: 3 }], ['write', 0, 0, 'r0\nr1\nr2\nr3\nr4'], ['unclip']]],
  ['nested clips', 20, 4, [['clip', { x1: 0, x2: 8, y1: 0, y2: 4 }], ['clip', { x1: 2, x2: 5 }], ['write', 0, 1, 'abcdefghij'], ['unclip'], ['write', 0, 2, 'abcdefghij'], ['unclip']]],
  ['transformers', 20, 3, [['write', 0, 0, 'ab\ncd', [upper, numbered]]]],
  ['below the screen', 10, 2, [['write', 0, 1, 'a\nb\nc']]],
  ['above the screen', 10, 2, [['write', 0, -1, 'a\nb']]],
  ['past the right edge', 5, 1, [['write', 3, 0, 'abcdef']]],
  ['trailing spaces trimmed', 10, 1, [['write', 0, 0, 'ab   ']]],
  ['trailing styled spaces kept', 12, 1, [['write', 0, 0, `ab\x1b[7m   \x1b[27m`]]],
  ['a write left of the screen', 10, 1, [['write', -2, 0, 'abcdef']]],
  ['a write past the right edge, leaving a gap', 5, 1, [['write', 0, 0, 'ab'], ['write', 8, 0, red('cd')]]],
  ['reset in the middle of a line', 20, 1, [['write', 0, 0, '\x1b[1;31mab\x1b[0mcd\x1b[32mef']]],
  ['bold and dim together, then one ended', 20, 1, [['write', 0, 0, '\x1b[1m\x1b[2mab\x1b[22mcd\x1b[1mef\x1b[22m']]],
  ['one style over another written later', 20, 1, [['write', 0, 0, red('abcdefgh')], ['write', 2, 0, bold('XY')], ['write', 6, 0, '\x1b[44mZ\x1b[49m']]],
  ['narrow and wide segments on one row', 20, 1, [['write', 0, 0, red('› lab-1')], ['write', 9, 0, '日本 ok']]],
  ['a link escape (not SGR) beside narrow text', 30, 1, [['write', 0, 0, 'see '], ['write', 4, 0, '\x1b]8;;https://example.com\x07docs\x1b]8;;\x07']]],
  ['the same style in two writes', 20, 1, [['write', 0, 0, red('ab')], ['write', 2, 0, red('cd')]]],
];

describe('row-cached Output draws what Ink draws', () => {
  it.each(cases)('%s', (_n, w, h, ops) => {
    expect(draw(Output, w, h, ops)).toEqual(draw(InkOutput, w, h, ops));
  });

  it('frame after frame, with rows that change, come back and vanish', () => {
    const frames: Op[][] = [
      [['write', 0, 0, 'title'], ['write', 0, 1, `cpu ${red('3%')}`], ['write', 0, 2, 'same']],
      [['write', 0, 0, 'title'], ['write', 0, 1, `cpu ${red('86%')}`], ['write', 0, 2, 'same']],
      [['write', 0, 0, 'title'], ['write', 0, 1, `cpu ${red('3%')}`]],
      [['write', 0, 0, 'title'], ['write', 1, 1, `cpu ${red('3%')}`], ['write', 0, 2, 'same']],
      [['write', 0, 0, 'tit|e'], ['write', 0, 1, 'cpu 3%']],
      // Rows that trade places, and a frame one row shorter with the same first rows.
      [['write', 0, 0, 'cpu 3%'], ['write', 0, 1, 'tit|e']],
      [['write', 0, 0, 'cpu 3%']],
    ];
    for (let round = 0; round < 2; round++) {
      for (const f of frames) expect(draw(Output, 30, 3, f)).toEqual(draw(InkOutput, 30, 3, f));
    }
    // A different width is a different row, even with the same writes.
    expect(draw(Output, 4, 1, [['write', 0, 0, 'abcdefgh']])).toEqual(draw(InkOutput, 4, 1, [['write', 0, 0, 'abcdefgh']]));
  });

  it('writes whose text only differs in where a segment ends are different rows', () => {
    const a: Op[] = [['write', 0, 0, 'ab'], ['write', 2, 0, 'c']];
    const b: Op[] = [['write', 0, 0, 'a'], ['write', 1, 0, 'bc']];
    const c: Op[] = [['write', 0, 0, 'ab'], ['write', 1, 0, 'c']];
    // A line that spells another row's segment list (a log line can hold anything).
    const d: Op[] = [['write', 0, 0, 'a|1:b']];
    const e: Op[] = [['write', 0, 0, 'a'], ['write', 1, 0, 'b']];
    for (const ops of [a, b, c, a, e, d, e]) expect(draw(Output, 10, 1, ops)).toEqual(draw(InkOutput, 10, 1, ops));
    expect(draw(Output, 10, 1, c).output).toBe('ac');
  });
});

describe('the frame cache', () => {
  const frame = (c: FrameCache<string>, keys: string[], made: string[]) => {
    for (const k of keys) c.get(k, (x) => (made.push(x), x.toUpperCase()));
    c.endFrame();
  };
  it('serves what the last frame used, and recovers after a frame where everything changed', () => {
    const c = new FrameCache<string>();
    const made: string[] = [];
    const a = ['a1', 'a2', 'a3', 'a4'];
    const b = ['b1', 'b2', 'b3', 'b4'];
    frame(c, a, made);
    frame(c, a, made);
    expect(made).toEqual(a);
    frame(c, b, made); // a flood: nothing reused
    frame(c, b, made);
    frame(c, b, made);
    expect(made).toEqual([...a, ...b, ...b]);
    expect(c.get('b1', () => 'made again')).toBe('B1');
  });
});
