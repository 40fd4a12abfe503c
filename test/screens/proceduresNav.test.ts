// Where the Procedures screen is, as a table of key sequences: back returns
// where go came from, a link opened during a run comes back to that run.
import { describe, expect, test } from 'vitest';
import type { Move } from '../../src/screens/uiStore';
import { canGoBack, initialNav, navReduce, type NavEvent, type ProceduresNav } from '../../src/screens/proceduresNav';

const walk = (events: NavEvent[], from: ProceduresNav = initialNav) => events.reduce(navReduce, from);
const mv = (by: Move, count: number): NavEvent => ({ type: 'move', by, count, page: 10 });

describe('navReduce', () => {
  test.each<[string, NavEvent[], Partial<ProceduresNav>]>([
    ['the library moves its selection, clamped', [mv(1, 3), mv(1, 3), mv(1, 3), mv(1, 3)], { mode: 'list', sel: 2 }],
    ['top and bottom', [mv('bottom', 21), mv(-1, 21)], { sel: 19 }],
    ['an empty list stays at 0', [mv(1, 0), mv('bottom', 0)], { sel: 0 }],
    ['detail scrolls its text, not the selection', [{ type: 'go', mode: 'detail' }, mv(1, 5), mv(1, 5)], { mode: 'detail', sel: 0, scroll: 2, from: ['list'] }],
    ['a text scrolls up to the lines past the window', [{ type: 'go', mode: 'report' }, mv('bottom', 7)], { scroll: 7 }],
    ['past runs move their own selection', [{ type: 'go', mode: 'runs' }, mv(1, 4), mv(1, 4)], { mode: 'runs', runSel: 2, sel: 0 }],
    [
      'runs → report → back is the runs list, selection kept',
      [{ type: 'go', mode: 'runs' }, mv(1, 4), { type: 'go', mode: 'report' }, mv(5, 40), { type: 'back' }],
      { mode: 'runs', runSel: 1, scroll: 0, from: ['list'] },
    ],
    ['a run ignores movement keys', [{ type: 'reset', mode: 'run' }, mv(1, 5)], { mode: 'run', sel: 0 }],
    [
      'run → links → linked → back → back is the run again',
      [{ type: 'reset', mode: 'run' }, { type: 'go', mode: 'links' }, mv(1, 2), { type: 'go', mode: 'linked' }, { type: 'back' }, { type: 'back' }],
      { mode: 'run', from: [] },
    ],
    [
      'links open at the first link each time',
      [{ type: 'reset', mode: 'run' }, { type: 'go', mode: 'links' }, mv(1, 2), { type: 'back' }, { type: 'go', mode: 'links' }],
      { mode: 'links', linkSel: 0 },
    ],
    [
      'a run started from a link has nothing to go back to within the screen',
      [
        { type: 'reset', mode: 'run' },
        { type: 'go', mode: 'links' },
        { type: 'go', mode: 'linked' },
        { type: 'reset', mode: 'run' },
      ],
      { mode: 'run', from: [] },
    ],
    ['back with nowhere to go stays', [{ type: 'back' }], { mode: 'list', from: [] }],
    [
      'going to the view shown is no step',
      [
        { type: 'go', mode: 'runs' },
        { type: 'go', mode: 'runs' },
      ],
      { from: ['list'] },
    ],
    ['select sets the library selection', [{ type: 'select', sel: 4 }], { sel: 4 }],
  ])('%s', (_name, events, want) => {
    expect(walk(events)).toMatchObject(want);
  });

  test('canGoBack says whether Esc stays on the screen', () => {
    expect(canGoBack(initialNav)).toBe(false);
    expect(canGoBack(walk([{ type: 'go', mode: 'runs' }]))).toBe(true);
    expect(canGoBack(walk([{ type: 'go', mode: 'runs' }, { type: 'back' }]))).toBe(false);
  });
});
