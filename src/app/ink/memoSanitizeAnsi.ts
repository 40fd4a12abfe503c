/**
 * Ink's sanitizeAnsi, remembered by string. Ink squashes every text node of
 * the frame at every render, and each squash re-tokenizes the node's SGR
 * codes to strip cursor movement — the same strings frame after frame. The
 * function is pure, so its answer for a string is kept (bounded: a flood of
 * distinct lines clears it). Swapped in by the bundle (scripts/build.mjs).
 */
// Ink's package exports hide build/sanitize-ansi.js; the file itself is the function.
import sanitizeAnsi from '../../../node_modules/ink/build/sanitize-ansi.js';

const seen = new Map<string, string>();

export default function memoSanitizeAnsi(text: string): string {
  let out = seen.get(text);
  if (out === undefined) {
    if (seen.size >= 4096) seen.clear();
    out = sanitizeAnsi(text);
    seen.set(text, out);
  }
  return out;
}
