import type { Action } from './keymap';

/** A move in a list: by a number of rows, or to an end. */
export type Move = number | 'top' | 'bottom';

/** The movement keys, the same on every list: a line, a page, the ends. */
export function moveBy(action: Action, page: number): Move | null {
  switch (action) {
    case 'down':
      return 1;
    case 'up':
      return -1;
    case 'pageDown':
      return Math.max(1, page);
    case 'pageUp':
      return -Math.max(1, page);
    case 'top':
      return 'top';
    case 'bottom':
      return 'bottom';
    default:
      return null;
  }
}
