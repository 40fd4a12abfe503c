/**
 * The cockpit's one keyboard listener. Ink hands a paste (or a fast burst in
 * one read) over as a single string; we split plain text into single keys so
 * that ":host db-1⏎" typed or pasted behaves the same.
 */
import { useInput, type Key } from 'ink';
import type { KeyFlags } from './keymap';

const NO_KEY: KeyFlags = {};

/** Split a multi-character plain input into (char, flags) pairs; anything else passes as is. */
export function splitKeys(input: string, key: KeyFlags): [string, KeyFlags][] {
  const special =
    key.upArrow ||
    key.downArrow ||
    key.leftArrow ||
    key.rightArrow ||
    key.pageUp ||
    key.pageDown ||
    key.home ||
    key.end ||
    key.escape ||
    key.tab ||
    key.ctrl ||
    key.return;
  if (input.length <= 1 || special || input.startsWith('\u001b')) return [[input, key]];
  return [...input].map((ch): [string, KeyFlags] => {
    if (ch === '\r' || ch === '\n') return ['', { return: true }];
    if (ch === '\t') return ['', { tab: true }];
    if (ch === '\u007f' || ch === '\b') return ['', { backspace: true }];
    return [ch, /[A-Z]/.test(ch) ? { shift: true } : NO_KEY];
  });
}

export function useKeys(handler: (input: string, key: KeyFlags) => void, active = true): void {
  useInput(
    (input: string, key: Key) => {
      for (const [i, k] of splitKeys(input, key)) handler(i, k);
    },
    { isActive: active },
  );
}
