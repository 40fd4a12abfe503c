// The bundle's grapheme segmenter splits as Intl.Segmenter does.
import { describe, expect, it } from 'vitest';
import { lazyGraphemeSegmenter } from '../../../src/app/ink/lazySegmenter';

const intl = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const split = (it: Iterable<{ segment: string; index: number }>) => [...it].map((s) => [s.segment, s.index]);

describe('lazyGraphemeSegmenter', () => {
  it.each(['', 'plain ASCII ~!', '\x1b[31mred\x1b[39m', '\x1b[1;38;5;208mx\x1b[0m', '\x1b]8;;http://x\x07link', 'a\r\nb', 'é and e\u0301', '日本 👍🏽 🇩🇪', '› lab-1 · 86% …', 'tab\there'])('%j', (s) => {
    const ours = lazyGraphemeSegmenter().segment(s);
    const theirs = intl.segment(s);
    expect(split(ours)).toEqual(split(theirs));
    for (const i of [-1, 0, 1, 3, s.length - 1, s.length, s.length + 2]) {
      const a = ours.containing(i);
      const b = theirs.containing(i);
      expect(a && [a.segment, a.index]).toEqual(b && [b.segment, b.index]);
    }
  });
});
