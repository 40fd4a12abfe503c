import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BINDINGS, type Binding } from '../../src/screens/keymap';
import { KEY_TABLE_END, KEY_TABLE_START, renderKeyTable, replaceKeyTable } from '../../src/screens/keyTable';

const bind = (scope: Binding['scope'], keys: string[], action: Binding['action'], help: string): Binding => ({
  scope,
  keys,
  action,
  help,
  priority: 10,
});

const moves = (scope: Binding['scope'], what: string): Binding[] => [
  bind(scope, ['j', 'down'], 'down', `${what} down`),
  bind(scope, ['k', 'up'], 'up', `${what} up`),
  bind(scope, ['pgdn'], 'pageDown', 'page down'),
  bind(scope, ['pgup'], 'pageUp', 'page up'),
  bind(scope, ['g'], 'top', 'to the top'),
  bind(scope, ['G'], 'bottom', 'to the bottom'),
];

const HEADER = ['| Where | Keys | Action |', '|---|---|---|'];

describe('renderKeyTable', () => {
  test.each([
    {
      name: 'a scope title on its first row only, keys as code, shown as help shows them',
      bindings: [bind('global', ['?'], 'help', 'help'), bind('global', ['ctrl-c', 'q'], 'quit', 'quit')],
      rows: ['| Everywhere | `?` | help |', '|  | `Ctrl-C` `q` | quit |'],
    },
    {
      name: 'the digits as a range',
      bindings: [bind('global', ['1', '2', '3', '4', '5', '6', '7', '8', '9'], 'selectHost', 'select host N')],
      rows: ['| Everywhere | `1`–`9` | select host N |'],
    },
    {
      name: 'a | escaped, in help and in keys',
      bindings: [bind('logs', ['|'], 'errorsOnly', 'warning|error')],
      rows: ['| Logs | `\\|` | warning\\|error |'],
    },
    {
      name: 'a backtick key in a double-backtick span',
      bindings: [bind('logs', ['`'], 'errorsOnly', 'tick')],
      rows: ['| Logs | `` ` `` | tick |'],
    },
    {
      name: "a scope's six movement keys in one row",
      bindings: [...moves('alerts', 'select'), bind('alerts', ['enter'], 'details', 'details')],
      rows: [
        '| Alerts | `j`/`↓` `k`/`↑` `PgDn` `PgUp` `g` `G` | select: down, up, page down, page up, to the top, to the bottom |',
        '|  | `Enter` | details |',
      ],
    },
    {
      name: 'the same movement keys in several scopes: one row under the global keys, none in the scopes',
      bindings: [
        bind('global', ['q'], 'quit', 'quit'),
        ...moves('hosts', 'select'),
        ...moves('alerts', 'scroll'),
        bind('alerts', ['enter'], 'details', 'details'),
      ],
      rows: [
        '| Everywhere | `q` | quit |',
        '|  | `j`/`↓` `k`/`↑` `PgDn` `PgUp` `g` `G` | in a list or a long view: down, up, page down, page up, to the top, to the bottom |',
        '| Alerts | `Enter` | details |',
      ],
    },
    {
      name: 'different movement keys in two scopes: a row in each',
      bindings: [...moves('hosts', 'select'), ...moves('alerts', 'scroll').map((b) => (b.action === 'top' ? { ...b, keys: ['Home'] } : b))],
      rows: [
        '| Hosts | `j`/`↓` `k`/`↑` `PgDn` `PgUp` `g` `G` | select: down, up, page down, page up, to the top, to the bottom |',
        '| Alerts | `j`/`↓` `k`/`↑` `PgDn` `PgUp` `Home` `G` | scroll: down, up, page down, page up, to the top, to the bottom |',
      ],
    },
    {
      name: 'movement keys out of order stay one row each',
      bindings: moves('hosts', 'select').slice(0, 2).reverse(),
      rows: ['| Hosts | `k` `↑` | select up |', '|  | `j` `↓` | select down |'],
    },
    {
      name: 'scopes in lookup order: global, the screens, the modal layers',
      bindings: [bind('help', ['?'], 'closeHelp', 'close'), bind('overview', ['/'], 'filter', 'filter'), bind('global', ['q'], 'quit', 'quit')],
      rows: ['| Everywhere | `q` | quit |', '| Overview | `/` | filter |', '| Help | `?` | close |'],
    },
  ])('$name', ({ bindings, rows }) => {
    expect(renderKeyTable(bindings)).toBe(`${[...HEADER, ...rows].join('\n')}\n`);
  });
});

describe('replaceKeyTable', () => {
  test('replaces what is between the markers and keeps the rest', () => {
    const text = `# x\n${KEY_TABLE_START}\nold\n${KEY_TABLE_END}\nafter\n`;
    expect(replaceKeyTable(text, 'new\n')).toBe(`# x\n${KEY_TABLE_START}\nnew\n${KEY_TABLE_END}\nafter\n`);
  });

  test('refuses a text without the markers', () => {
    expect(() => replaceKeyTable('# x\n', 't\n')).toThrow(/markers/);
  });
});

describe("README's key table", () => {
  test('is the table rendered from BINDINGS (npm run docs:keys rewrites it)', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const start = readme.indexOf(KEY_TABLE_START);
    const end = readme.indexOf(KEY_TABLE_END);
    expect(start, 'README.md has the key table markers').toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const inReadme = readme.slice(start + KEY_TABLE_START.length + 1, end);
    expect(inReadme, 'README.md: run npm run docs:keys').toBe(renderKeyTable(BINDINGS));
  });
});
