/**
 * A changed row built without a cell object per column. Ink builds each row
 * as width × {value, styles} objects, then walks them diffing every cell's
 * styles against the previous one's — for a status bar whose clock moved,
 * 120 objects and 120 diffs, the biggest part of the cockpit's render at
 * idle. For rows whose lines are SGR escapes and narrow text
 * only (narrowText.ts), this keeps two plain arrays instead: the character,
 * and the reduced style list in force — one list shared by a whole run — so
 * a diff is computed only where the style list changes. It reduces and diffs
 * with ansi-tokenize's own functions, so the bytes are Ink's
 * (test/app/ink/rowCachedOutput.test.ts compares them).
 */
import { ansiCodesToString, diffAnsiCodes, reduceAnsiCodesIncremental, type AnsiCode } from '@alcalzone/ansi-tokenize';
import { NARROW_TEXT } from './narrowText';
import { escapeTokens, SGR_RUN } from './tokenizeNarrow';

export interface NarrowLine {
  chars: string[];
  /** Per character, the styles in force: the same array for a whole run. */
  styles: AnsiCode[][];
}

const NONE: AnsiCode[] = [];
const RUN = new RegExp(SGR_RUN.source, 'gy');

/** The line as characters and styles, or null when it has other escapes or wider text. */
export function narrowLine(line: string): NarrowLine | null {
  const chars: string[] = [];
  const styles: AnsiCode[][] = [];
  let codes = NONE;
  RUN.lastIndex = 0;
  for (let m = RUN.exec(line); m !== null && m[0] !== ''; m = RUN.exec(line)) {
    if (m[3] !== undefined) return null;
    if (m[1] !== undefined) {
      for (const t of escapeTokens(m[1])) if (t.type === 'ansi') codes = reduceAnsiCodesIncremental(codes, [t]);
      continue;
    }
    const text = m[2]!;
    if (!NARROW_TEXT.test(text)) return null;
    for (const ch of text) {
      chars.push(ch);
      styles.push(codes);
    }
  }
  return { chars, styles };
}

/** Ink's row: lines placed left to right (later ones over earlier), serialized with minimal SGR changes, trailing blanks trimmed. */
export function buildNarrowRow(width: number, segments: Array<{ x: number; line: NarrowLine }>): string {
  const chars: Array<string | undefined> = new Array<string>(width).fill(' ');
  const styles: AnsiCode[][] = new Array<AnsiCode[]>(width).fill(NONE);
  for (const { x, line } of segments) {
    for (let i = 0; i < line.chars.length; i++) {
      // Ink sets negative offsets as non-index properties of its row array: never drawn.
      if (x + i < 0) continue;
      chars[x + i] = line.chars[i];
      styles[x + i] = line.styles[i]!;
    }
  }
  let out = '';
  let prev = NONE;
  let any = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    // Past the width Ink's row array has holes where nothing was written; it skips them.
    if (c === undefined) continue;
    const s = styles[i]!;
    if (s !== prev) out += ansiCodesToString(diffAnsiCodes(prev, s));
    out += c;
    prev = s;
    any = true;
  }
  if (any && prev !== NONE) out += ansiCodesToString(diffAnsiCodes(prev, NONE));
  return out.trimEnd();
}
