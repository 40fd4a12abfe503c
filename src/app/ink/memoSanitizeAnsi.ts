/**
 * Ink's sanitizeAnsi, remembered by string. Ink squashes every text node of
 * the frame at every render, and each squash re-tokenizes the node's SGR
 * codes to strip cursor movement — the same strings frame after frame. The
 * function is pure, so its answer for a string is kept from frame to frame
 * (FrameCache: what a frame did not use goes, and a log flood's frames of all
 * new lines are not kept — they would only age into V8's old generation).
 * Swapped in by the bundle (scripts/build.mjs).
 */
// Ink's package exports hide build/sanitize-ansi.js; the file itself is the function.
import sanitizeAnsi from '../../../node_modules/ink/build/sanitize-ansi.js';
import { FrameCache } from './FrameCache';

const seen = new FrameCache<string>();

export default function memoSanitizeAnsi(text: string): string {
  return seen.get(text, sanitizeAnsi);
}
