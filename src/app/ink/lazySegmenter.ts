/**
 * A grapheme segmenter for the bundle's ANSI libraries (slice-ansi,
 * ansi-tokenize), which each made an Intl.Segmenter when they loaded and ran
 * every string through it — escape runs included. Printable ASCII and ESC
 * split one grapheme per character (UAX #29: no extenders, no CR LF, and a
 * control always breaks), so those strings are split here; anything else goes
 * to an Intl.Segmenter made on first need. Creating and first using one costs
 * ~6 ms, which would be in every start before the first frame
 * (test/app/ink/lazySegmenter.test.ts checks the split against Intl's).
 */
const ASCII_OR_ESC = /^[\x1b\x20-\x7e]*$/;

interface Segment {
  segment: string;
  index: number;
  input: string;
}

interface Segments extends Iterable<Segment> {
  containing(index?: number): Segment | undefined;
}

/** Intl's Segments, for a string of one grapheme per character: iterable, and `containing` (slice-ansi uses it). */
function perCharacter(s: string): Segments {
  const at = (i: number): Segment => ({ segment: s[i]!, index: i, input: s });
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < s.length; i++) yield at(i);
    },
    containing(index = 0) {
      const i = Math.trunc(Number(index));
      return i >= 0 && i < s.length ? at(i) : undefined;
    },
  };
}

export function lazyGraphemeSegmenter(): { segment(s: string): Segments } {
  let made: Intl.Segmenter | undefined;
  return {
    segment: (s) => (ASCII_OR_ESC.test(s) ? perCharacter(s) : (made ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(s)),
  };
}
