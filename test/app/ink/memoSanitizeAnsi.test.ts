// The remembered sanitizeAnsi answers what Ink's own does, the first time and every time after.
import { describe, expect, it } from 'vitest';
import sanitizeAnsi from '../../../node_modules/ink/build/sanitize-ansi.js';
import memoSanitizeAnsi from '../../../src/app/ink/memoSanitizeAnsi';
import { FrameCache } from '../../../src/app/ink/FrameCache';

const cases = ['plain', '\x1b[31mred\x1b[39m', 'a\x1b[2Jb\x1b[1;1Hc', '\x1b]8;;https://example.com\x07link\x1b]8;;\x07', '\x1b[38;5;208mx\x1b[0m', '\x1b[?25l hidden cursor', ''];

describe('memoSanitizeAnsi', () => {
  it.each(cases)('%j as Ink sanitizes it, twice', (text) => {
    expect(memoSanitizeAnsi(text)).toBe(sanitizeAnsi(text));
    expect(memoSanitizeAnsi(text)).toBe(sanitizeAnsi(text));
  });

  it('still strips cursor movement across frames of many distinct strings', () => {
    for (let f = 0; f < 3; f++) {
      for (let i = 0; i < 2000; i++) expect(memoSanitizeAnsi(`line ${f}.${i}\x1b[K`)).toBe(`line ${f}.${i}`);
      FrameCache.endFrameAll();
    }
    expect(memoSanitizeAnsi('x\x1b[5Ay')).toBe('xy');
  });
});
