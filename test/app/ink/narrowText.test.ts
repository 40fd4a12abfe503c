import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { NARROW_TEXT, narrowTextWidth } from '../../../src/app/ink/narrowText';

describe('narrow text', () => {
  it('every code point the fast path accepts is one column wide to string-width', () => {
    const accepted: number[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (NARROW_TEXT.test(ch)) accepted.push(cp);
    }
    expect(accepted.length).toBeGreaterThan(650);
    const wrong = accepted.filter((cp) => stringWidth(String.fromCodePoint(cp)) !== 1);
    expect(wrong).toEqual([]);
  });

  it.each([
    ['Overview · 1 host', 17],
    ['›   1 lab-1 … 86%', 17],
    ['── ▸ ← —', 8],
    ['', 0],
  ])('%j is as wide as string-width says', (text, width) => {
    expect(narrowTextWidth(text)).toBe(width);
    expect(stringWidth(text)).toBe(width);
  });

  it.each([
    ['emoji', 'ok ✅'],
    ['a combining mark', 'e\u0301'],
    ['the soft hyphen', 'a\u00adb'],
    ['CJK', '日本'],
    ['©, an emoji base', '©'],
    ['a check mark', '✔ done'],
    ['an escape code', '\x1b[31mx'],
  ])('leaves %s to string-width', (_n, text) => {
    expect(narrowTextWidth(text)).toBeUndefined();
  });

  it('leaves everything to string-width when ambiguous characters count as wide', () => {
    expect(narrowTextWidth('·…', { ambiguousIsNarrow: false })).toBeUndefined();
    expect(stringWidth('·…', { ambiguousIsNarrow: false })).toBe(4);
  });
});
