import { tokenize } from '@alcalzone/ansi-tokenize';
import { describe, expect, it } from 'vitest';
import { tokenizeNarrow } from '../../../src/app/ink/tokenizeNarrow';

describe('tokenizeNarrow gives what tokenize gives', () => {
  it.each([
    ['plain', 'lab-1 connected 86%'],
    ['colours', '\x1b[32mconnected\x1b[39m \x1b[1m\x1b[31m86%\x1b[39m\x1b[22m'],
    ['compound and 256/true colours', '\x1b[1;31mx\x1b[0m \x1b[38;5;208my\x1b[48;2;1;2;3mz\x1b[0m'],
    ['narrow glyphs', '› lab-1 · 3% … ─ ▸ ← ✗'],
    ['empty', ''],
    ['only escapes', '\x1b[31m\x1b[39m'],
  ])('%s', (_n, line) => {
    expect(tokenizeNarrow(line)).toEqual(tokenize(line));
  });

  it.each([
    ['wide text', '日本'],
    ['emoji', 'ok ✅'],
    ['a combining mark', 'e\u0301'],
    ['a link escape', '\x1b]8;;http://x\x07a\x1b]8;;\x07'],
    ['a cursor escape', 'a\x1b[2Kb'],
  ])('leaves %s to tokenize', (_n, line) => {
    expect(tokenizeNarrow(line)).toBeUndefined();
  });
});
