import { describe, expect, test } from 'vitest';
import { activeFilter, initialUi, keyContext, uiReducer, type UiEvent, type UiState } from '../../src/screens/uiStore';
import { SCREENS } from '../../src/screens/keymap';

const HOSTS = ['web-1', 'web-2', 'db-1', 'cache-1'];
const base = initialUi({ host: 'web-1' });
const at = (over: Partial<UiState>): UiState => ({ ...base, ...over });

type Case = [name: string, from: UiState, events: UiEvent[], expected: Partial<UiState>];

const cases: Case[] = [
  ['show a screen remembers where we came from', base, [{ type: 'show', screen: 'resources' }], { screen: 'resources', history: ['overview'] }],
  ['showing the current screen changes nothing', base, [{ type: 'show', screen: 'overview' }], { screen: 'overview', history: [] }],
  ['show resets the scroll', at({ screen: 'resources', scroll: 3 }), [{ type: 'show', screen: 'hosts' }], { scroll: 0 }],
  ['Tab cycles forward', base, [{ type: 'cycle', delta: 1 }], { screen: 'resources', history: [] }],
  ['Tab wraps around', at({ screen: SCREENS[SCREENS.length - 1] }), [{ type: 'cycle', delta: 1 }], { screen: 'overview' }],
  ['Shift-Tab wraps backwards', base, [{ type: 'cycle', delta: -1 }], { screen: SCREENS[SCREENS.length - 1] }],
  [
    'back returns to the previous screen',
    base,
    [{ type: 'show', screen: 'hosts' }, { type: 'show', screen: 'resources' }, { type: 'back' }],
    { screen: 'hosts', history: ['overview'] },
  ],
  [
    'back twice reaches the overview',
    base,
    [{ type: 'show', screen: 'hosts' }, { type: 'show', screen: 'resources' }, { type: 'back' }, { type: 'back' }],
    { screen: 'overview', history: [] },
  ],
  ['back on the overview with nothing behind is a no-op', base, [{ type: 'back' }], { screen: 'overview' }],
  [
    'back clears a filter before leaving the list',
    at({ screen: 'hosts', filter: 'db', history: ['overview'] }),
    [{ type: 'back' }],
    { screen: 'hosts', filter: '' },
  ],
  ['back without history goes to the overview', at({ screen: 'resources' }), [{ type: 'back' }], { screen: 'overview' }],
  ['switchHost selects and shows its resources', base, [{ type: 'switchHost', host: 'db-1' }], { host: 'db-1', screen: 'resources', history: ['overview'] }],
  ['switchHost to another host resets the scroll', at({ screen: 'resources', scroll: 4 }), [{ type: 'switchHost', host: 'db-1' }], { scroll: 0 }],
  ['switchHost to the same host keeps the scroll', at({ screen: 'resources', scroll: 4 }), [{ type: 'switchHost', host: 'web-1' }], { scroll: 4 }],
  ['j moves down', base, [{ type: 'move', by: 1, hosts: HOSTS }], { host: 'web-2' }],
  ['moving stops at the bottom', at({ host: 'cache-1' }), [{ type: 'move', by: 1, hosts: HOSTS }], { host: 'cache-1' }],
  ['moving stops at the top', base, [{ type: 'move', by: -1, hosts: HOSTS }], { host: 'web-1' }],
  ['G goes to the last', base, [{ type: 'move', by: 'bottom', hosts: HOSTS }], { host: 'cache-1' }],
  ['g goes to the first', at({ host: 'db-1' }), [{ type: 'move', by: 'top', hosts: HOSTS }], { host: 'web-1' }],
  ['a page moves by many and clamps', base, [{ type: 'move', by: 10, hosts: HOSTS }], { host: 'cache-1' }],
  ['moving walks the filtered list only', at({ filter: 'web' }), [{ type: 'move', by: 5, hosts: HOSTS }], { host: 'web-2' }],
  ['moving from a filtered-out selection starts at the first match', at({ filter: 'db' }), [{ type: 'move', by: 1, hosts: HOSTS }], { host: 'db-1' }],
  ['moving with no selection picks the first', at({ host: null }), [{ type: 'move', by: 1, hosts: HOSTS }], { host: 'web-1' }],
  ['moving in an empty list keeps the selection', at({ filter: 'zzz' }), [{ type: 'move', by: 1, hosts: HOSTS }], { host: 'web-1' }],
  ['scroll the body within bounds', base, [{ type: 'scroll', target: 'body', by: 3, max: 2 }], { scroll: 2 }],
  ['scroll back never below 0', at({ scroll: 1 }), [{ type: 'scroll', target: 'body', by: -5, max: 9 }], { scroll: 0 }],
  ['scroll to the bottom', base, [{ type: 'scroll', target: 'help', by: 'bottom', max: 7 }], { helpScroll: 7 }],
  ['scroll clamps an offset that the content outgrew', at({ scroll: 9 }), [{ type: 'scroll', target: 'body', by: -1, max: 3 }], { scroll: 2 }],
  ['open the command line', base, [{ type: 'openInput', kind: 'command' }], { input: { kind: 'command', text: '' } }],
  [
    'opening an input closes the help',
    at({ overlay: 'help' }),
    [{ type: 'openInput', kind: 'filter' }],
    { overlay: null, input: { kind: 'filter', text: '' } },
  ],
  [
    'type and erase',
    base,
    [
      { type: 'openInput', kind: 'command' },
      { type: 'edit', op: 'insert', text: 'hosx' },
      { type: 'edit', op: 'erase' },
      { type: 'edit', op: 'insert', text: 't' },
    ],
    { input: { kind: 'command', text: 'host' } },
  ],
  ['Ctrl-U clears the line', at({ input: { kind: 'command', text: 'host db' } }), [{ type: 'edit', op: 'clear' }], { input: { kind: 'command', text: '' } }],
  ['editing without an input line is ignored', base, [{ type: 'edit', op: 'insert', text: 'x' }], { input: null }],
  ['close the input', at({ input: { kind: 'command', text: 'x' } }), [{ type: 'closeInput' }], { input: null }],
  [
    'a filter applies and keeps a surviving selection',
    at({ input: { kind: 'filter', text: ' web ' } }),
    [{ type: 'applyFilter', hosts: HOSTS }],
    { filter: 'web', host: 'web-1', input: null },
  ],
  [
    'a filter moves the selection to the first match',
    at({ input: { kind: 'filter', text: 'db' } }),
    [{ type: 'applyFilter', hosts: HOSTS }],
    { filter: 'db', host: 'db-1' },
  ],
  [
    'a filter matching nothing keeps the selection',
    at({ input: { kind: 'filter', text: 'zzz' } }),
    [{ type: 'applyFilter', hosts: HOSTS }],
    { filter: 'zzz', host: 'web-1' },
  ],
  [
    'toggle the help on and off',
    base,
    [{ type: 'toggleHelp' }, { type: 'scroll', target: 'help', by: 2, max: 9 }, { type: 'toggleHelp' }],
    { overlay: null, helpScroll: 0 },
  ],
  ['close the help', at({ overlay: 'help' }), [{ type: 'closeHelp' }], { overlay: null }],
  ['set and clear a message', base, [{ type: 'message', text: 'boom', level: 'error' }], { message: { text: 'boom', level: 'error' } }],
  ['clear a message', at({ message: { text: 'x', level: 'info' } }), [{ type: 'clearMessage' }], { message: null }],
];

describe('uiReducer', () => {
  test.each(cases)('%s', (_name, from, events, expected) => {
    const out = events.reduce(uiReducer, from);
    expect(out).toMatchObject(expected);
  });

  test('no-op events return the same object (no needless re-render)', () => {
    expect(uiReducer(base, { type: 'show', screen: 'overview' })).toBe(base);
    expect(uiReducer(base, { type: 'closeHelp' })).toBe(base);
    expect(uiReducer(base, { type: 'clearMessage' })).toBe(base);
    expect(uiReducer(base, { type: 'move', by: -1, hosts: HOSTS })).toBe(base);
  });

  test('the Esc history is bounded', () => {
    let s = base;
    for (let i = 0; i < 100; i++) s = uiReducer(s, { type: 'show', screen: i % 2 ? 'overview' : 'hosts' });
    expect(s.history.length).toBeLessThanOrEqual(20);
  });
});

describe('derived state', () => {
  test('the filter being typed is the live one', () => {
    expect(activeFilter(at({ filter: 'a' }))).toBe('a');
    expect(activeFilter(at({ filter: 'a', input: { kind: 'filter', text: 'b' } }))).toBe('b');
    expect(activeFilter(at({ filter: 'a', input: { kind: 'command', text: 'b' } }))).toBe('a');
  });

  test.each<[Partial<UiState>, boolean, string | null]>([
    [{}, false, null],
    [{ overlay: 'help' }, false, 'help'],
    [{ input: { kind: 'command', text: '' } }, false, 'input'],
    [{ input: { kind: 'command', text: '' }, overlay: 'help' }, false, 'input'],
    [{ input: { kind: 'command', text: '' } }, true, 'prompt'],
  ])('keyContext %j prompt=%s → %s', (over, prompt, modal) => {
    expect(keyContext(at(over), prompt).modal).toBe(modal);
  });
});
