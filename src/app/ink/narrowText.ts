/**
 * Text whose terminal width is its length, with no grapheme segmentation.
 * string-width answers printable ASCII at once, but the cockpit's own glyphs
 * (› · … — ─ ▸ ←) send every row through Intl.Segmenter and the
 * \p{RGI_Emoji} regex, whose first use alone costs ~15 ms of start-up, and
 * the segmenter ~7 ms more. The build (scripts/build.mjs, one-string-width)
 * puts this test in front of string-width's own loop.
 *
 * Only single-width code points that are neither emoji, combining marks nor
 * invisible: Latin-1 without the soft hyphen, © and ®; General Punctuation
 * dashes, quotes, bullets, ellipsis, primes and angle quotes; the four plain
 * arrows and ↷; mathematical operators; ⏎; box drawing, block elements and
 * the geometric shapes that have no emoji form; ✗ ✘. Several are East Asian "ambiguous",
 * so the test holds only where ambiguous counts as narrow (string-width's
 * default). test/app/ink/narrowText.test.ts checks every code point against
 * string-width itself.
 */
export const NARROW_TEXT = /^[\u0020-\u007E\u00A0-\u00A8\u00AA-\u00AC\u00AF-\u00FF\u2010-\u2027\u2030-\u203B\u2190-\u2193\u21B7\u2200-\u22FF\u23CE\u2500-\u25A9\u25AC-\u25B5\u25B7-\u25BF\u2717\u2718]*$/;

export function narrowTextWidth(text: string, options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }): number | undefined {
  if (options?.ambiguousIsNarrow === false) return undefined;
  return NARROW_TEXT.test(text) ? text.length : undefined;
}
