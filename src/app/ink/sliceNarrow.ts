/**
 * Columns [from, to) of a line that holds only SGR escapes and narrow text
 * (narrowText.ts: one code unit, one column each) — or undefined, and
 * slice-ansi does it. slice-ansi segments graphemes and checks emoji on every
 * call; a clipped row of the cockpit is plain text with colours, cut every
 * frame it changes.
 *
 * The result keeps every escape met before `from`, in order, then the text
 * and escapes inside the range: tokenized, each kept character carries the
 * very styles it had in the whole line, which is all the Output uses.
 */
import { NARROW_TEXT } from './narrowText';

const SGR = /\x1b\[[0-9;]*m/y;

export function sliceNarrow(line: string, from: number, to: number): string | undefined {
  let out = '';
  let col = 0;
  let text = '';
  for (let i = 0; i < line.length; ) {
    if (line.charCodeAt(i) === 0x1b) {
      SGR.lastIndex = i;
      const m = SGR.exec(line);
      if (!m) return undefined;
      if (col < to) out += m[0];
      i += m[0].length;
      continue;
    }
    const ch = line[i]!;
    text += ch;
    if (col >= from && col < to) out += ch;
    col++;
    i++;
  }
  return NARROW_TEXT.test(text) ? out : undefined;
}
