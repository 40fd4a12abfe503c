/**
 * Runs of text with a style (colour, bold, inverse) as one string with SGR
 * codes, written as chalk writes them: each style opened where it starts and
 * closed where it ends, so a line can be cut by cli-truncate (Ink's
 * wrap="truncate") and nothing bleeds past its end. A table row is one such
 * string: Ink lays it out as one Text instead of a Text per cell.
 */
import type { ToneColor } from './tone';

export interface Run {
  text: string;
  /** undefined: the terminal's own. */
  color?: ToneColor;
  bold?: boolean;
  inverse?: boolean;
}

const FOREGROUND: Record<ToneColor, number> = { red: 31, green: 32, yellow: 33, cyan: 36, gray: 90 };

/** `styles` false: the runs' text alone (a terminal Ink draws without styles). */
export function styledRuns(runs: readonly Run[], styles = true): string {
  let out = '';
  if (!styles) {
    for (const r of runs) out += r.text;
    return out;
  }
  let bold = false;
  let inverse = false;
  let color: number | undefined;
  for (const r of runs) {
    if (r.text === '') continue;
    const fg = r.color === undefined ? undefined : FOREGROUND[r.color];
    if (fg !== color) {
      out += fg === undefined ? '\x1b[39m' : `\x1b[${fg}m`;
      color = fg;
    }
    if ((r.bold === true) !== bold) {
      out += bold ? '\x1b[22m' : '\x1b[1m';
      bold = !bold;
    }
    if ((r.inverse === true) !== inverse) {
      out += inverse ? '\x1b[27m' : '\x1b[7m';
      inverse = !inverse;
    }
    out += r.text;
  }
  if (color !== undefined) out += '\x1b[39m';
  if (bold) out += '\x1b[22m';
  if (inverse) out += '\x1b[27m';
  return out;
}
