import { describe, expect, test } from 'vitest';
import { interpret, type Effect, type View } from '../../src/screens/intents';
import type { Action, KeyAction } from '../../src/screens/keymap';
import { initialUi, type UiEvent, type UiState } from '../../src/screens/uiStore';

const HOSTS = ['web-1', 'db-1', 'cache-1'];
const view: View = { hosts: HOSTS, prompt: null, page: 10, bodyScrollMax: 4, helpScrollMax: 30 };
const base = initialUi({ host: 'db-1' });
const at = (over: Partial<UiState>): UiState => ({ ...base, ...over });
const act = (action: Action, key = '', text?: string): KeyAction => ({ action, key, ...(text !== undefined ? { text } : {}) });

type Case = [name: string, a: KeyAction, ui: UiState, v: View, events: UiEvent[], effects: Effect[]];

const cases: Case[] = [
  ['j moves the selection on a list', act('down'), base, view, [{ type: 'move', by: 1, hosts: HOSTS }], []],
  ['PgDn moves a page', act('pageDown'), base, view, [{ type: 'move', by: 10, hosts: HOSTS }], []],
  ['j scrolls the filesystems on resources', act('down'), at({ screen: 'resources' }), view, [{ type: 'scroll', target: 'body', by: 1, max: 4 }], []],
  ['j scrolls the help when it is open', act('down'), at({ overlay: 'help' }), view, [{ type: 'scroll', target: 'help', by: 1, max: 30 }], []],
  ['G on resources scrolls to the end', act('bottom'), at({ screen: 'resources' }), view, [{ type: 'scroll', target: 'body', by: 'bottom', max: 4 }], []],
  ['3 switches to the third host', act('selectHost', '3'), base, view, [{ type: 'switchHost', host: 'cache-1' }], []],
  [
    '9 with three hosts is an error message, not a crash',
    act('selectHost', '9'),
    base,
    view,
    [{ type: 'message', text: 'no host 9: 3 configured', level: 'error' }],
    [],
  ],
  ['Enter opens the selected host', act('open'), base, view, [{ type: 'switchHost', host: 'db-1' }], []],
  ['s opens a shell on the selected host', act('openShell'), base, view, [], [{ kind: 'shell', host: 'db-1' }]],
  ['s on the hosts screen: the selected host', act('openShell'), at({ screen: 'hosts' }), view, [], [{ kind: 'shell', host: 'db-1' }]],
  ['s on resources: its host', act('openShell'), at({ screen: 'resources', filter: 'web' }), view, [], [{ kind: 'shell', host: 'db-1' }]],
  [
    's with the selection filtered out opens nothing',
    act('openShell'),
    at({ filter: 'web' }),
    view,
    [{ type: 'message', text: 'no host selected', level: 'error' }],
    [],
  ],
  [
    's on services: the selected container',
    act('openShell'),
    at({ screen: 'services', svc: { ...base.svc, container: 'c2' } }),
    { ...view, svcIds: ['c1', 'c2'] },
    [],
    [{ kind: 'shell', host: 'db-1', container: 'c2' }],
  ],
  [
    's on services with no container listed',
    act('openShell'),
    at({ screen: 'services', svc: { ...base.svc, container: 'gone' } }),
    { ...view, svcIds: ['c1'] },
    [{ type: 'message', text: 'no container selected', level: 'error' }],
    [],
  ],
  ['Enter with the selection filtered out does nothing', act('open'), at({ filter: 'web' }), view, [], []],
  ['q quits', act('quit'), base, view, [], [{ kind: 'quit' }]],
  [
    'c connects the selected host',
    act('connect'),
    at({ screen: 'hosts' }),
    view,
    [{ type: 'message', text: 'connecting db-1…', level: 'info' }],
    [{ kind: 'connect', host: 'db-1' }],
  ],
  [
    'd disconnects the selected host',
    act('disconnect'),
    at({ screen: 'hosts' }),
    view,
    [{ type: 'message', text: 'disconnecting db-1…', level: 'info' }],
    [{ kind: 'disconnect', host: 'db-1' }],
  ],
  ['y accepts the prompted key', act('accept'), base, { ...view, prompt: 'web-1' }, [], [{ kind: 'answerHostKey', host: 'web-1', accept: true }]],
  ['n rejects the prompted key', act('reject'), base, { ...view, prompt: 'web-1' }, [], [{ kind: 'answerHostKey', host: 'web-1', accept: false }]],
  ['y without a prompt does nothing', act('accept'), base, view, [], []],
  ['typing inserts text', act('insert', 'x', 'x'), at({ input: { kind: 'command', text: '' } }), view, [{ type: 'edit', op: 'insert', text: 'x' }], []],
  [
    ':host db-1 switches host',
    act('submit'),
    at({ input: { kind: 'command', text: 'host cache-1' } }),
    view,
    [{ type: 'closeInput' }, { type: 'switchHost', host: 'cache-1' }],
    [],
  ],
  [
    ':host nope shows an error',
    act('submit'),
    at({ input: { kind: 'command', text: 'host nope' } }),
    view,
    [{ type: 'closeInput' }, { type: 'message', text: 'unknown host "nope" (hosts: web-1, db-1, cache-1)', level: 'error' }],
    [],
  ],
  [':q quits', act('submit'), at({ input: { kind: 'command', text: 'q' } }), view, [{ type: 'closeInput' }], [{ kind: 'quit' }]],
  [
    ':hosts shows the hosts screen',
    act('submit'),
    at({ input: { kind: 'command', text: 'hosts' } }),
    view,
    [{ type: 'closeInput' }, { type: 'show', screen: 'hosts' }],
    [],
  ],
  ['Enter in the filter applies it', act('submit'), at({ input: { kind: 'filter', text: 'db' } }), view, [{ type: 'applyFilter', hosts: HOSTS }], []],
  ['Esc in an input closes it', act('cancel'), at({ input: { kind: 'filter', text: 'db' } }), view, [{ type: 'closeInput' }], []],
  [
    'a message is cleared by the next key',
    act('showHosts'),
    at({ message: { text: 'old', level: 'error' } }),
    view,
    [{ type: 'clearMessage' }, { type: 'show', screen: 'hosts' }],
    [],
  ],
];

describe('interpret', () => {
  test.each(cases)('%s', (_name, a, ui, v, events, effects) => {
    expect(interpret(a, ui, v)).toEqual({ events, effects });
  });
});
