/**
 * The cockpit's one keyboard listener. Ink hands a paste (or a fast burst in
 * one read) over as a single string; we split plain text into single keys so
 * that ":host db-1⏎" typed or pasted behaves the same.
 */
import { useCallback, useLayoutEffect, useRef } from 'react';
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

/**
 * Listens once for the component's life and calls the handler of the last
 * render committed: a handler may close over the render's values, and Ink
 * does not re-subscribe stdin at every frame.
 */
export function useKeys(handler: (input: string, key: KeyFlags) => void, active = true): void {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  const listener = useCallback((input: string, key: Key) => {
    for (const [i, k] of splitKeys(input, key)) latest.current(i, k);
  }, []);
  useInput(listener, { isActive: active });
}
