/**
 * ansi-tokenize's tokenize(), for lines of SGR escapes and narrow text only
 * (narrowText.ts), without its grapheme segmenter: each such character is a
 * one-column token of its own. Escape runs still go through tokenize()
 * itself (cached: a screen uses a handful), so codes split and end exactly as
 * the library has them. Anything else: undefined, and tokenize() does it all.
 */
import { tokenize, type Token } from '@alcalzone/ansi-tokenize';
import { NARROW_TEXT } from './narrowText';
import { boundedMemo } from './boundedMemo';

export const SGR_RUN = /((?:\x1b\[[0-9;]*m)+)|([^\x1b]+)|(\x1b)/gy;

/** tokenize() of one run of SGR escapes, cached (a screen uses a handful). */
export const escapeTokens: (run: string) => Token[] = boundedMemo(1000, tokenize);

export function tokenizeNarrow(line: string): Token[] | undefined {
  const out: Token[] = [];
  SGR_RUN.lastIndex = 0;
  for (let m = SGR_RUN.exec(line); m !== null && m[0] !== ''; m = SGR_RUN.exec(line)) {
    if (m[3] !== undefined) return undefined; // an escape that is not SGR
    if (m[1] !== undefined) {
      for (const t of escapeTokens(m[1])) out.push(t);
      continue;
    }
    const text = m[2]!;
    if (!NARROW_TEXT.test(text)) return undefined;
    for (const ch of text) out.push({ type: 'char', value: ch, fullWidth: false });
  }
  return out;
}
