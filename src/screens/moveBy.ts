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

/** The index a move lands on in a list of `count` (-1 when empty); from nothing selected, down starts at the top and up at the bottom. */
export function moveIndex(cur: number, by: Move, count: number): number {
  if (count <= 0) return -1;
  if (by === 'top') return 0;
  if (by === 'bottom') return count - 1;
  if (cur < 0) return by > 0 ? 0 : count - 1;
  return Math.max(0, Math.min(count - 1, cur + by));
}
