import { describe, expect, it } from 'vitest';
import { lazySegmenterClass } from '../../src/launch/lazySegmenter';

/** Intl.Segmenter, counting the segmenters it makes. */
function countingSegmenter() {
  const made: unknown[][] = [];
  class Counting extends Intl.Segmenter {
    constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
      super(...args);
      made.push(args);
    }
  }
  return { Real: Counting as typeof Intl.Segmenter, made };
}

const TEXT = 'Overview · 1 host… 👩‍👩‍👧 e\u0301 한국어';
const graphemes = (s: Intl.Segmenter, text: string) => [...s.segment(text)].map((x) => x.segment);

describe('lazySegmenterClass', () => {
  it('segments as Intl.Segmenter does', () => {
    const Lazy = lazySegmenterClass(Intl.Segmenter);
    expect(graphemes(new Lazy(), TEXT)).toEqual(graphemes(new Intl.Segmenter(), TEXT));
    expect([...new Lazy('en', { granularity: 'word' }).segment('two words')].map((x) => x.segment)).toEqual(['two', ' ', 'words']);
    expect(new Lazy('en', { granularity: 'word' }).resolvedOptions().granularity).toBe('word');
  });

  it('makes no segmenter until one segments, then one for all instances with the same arguments', () => {
    const { Real, made } = countingSegmenter();
    const Lazy = lazySegmenterClass(Real);
    const a = new Lazy();
    const b = new Lazy();
    expect(made).toHaveLength(0);
    graphemes(a, TEXT);
    graphemes(b, TEXT);
    expect(made).toHaveLength(1);
    graphemes(new Lazy('en', { granularity: 'word' }), TEXT);
    expect(made).toHaveLength(2);
  });

  it('keeps no state between texts', () => {
    const Lazy = lazySegmenterClass(Intl.Segmenter);
    const s = new Lazy();
    const first = s.segment('ab');
    expect(graphemes(s, 'xyz')).toEqual(['x', 'y', 'z']);
    expect([...first].map((x) => x.segment)).toEqual(['a', 'b']);
  });
});
