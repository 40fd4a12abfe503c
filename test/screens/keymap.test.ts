import { describe, expect, test } from 'vitest';
import {
  BINDINGS,
  SCREENS,
  displayKeys,
  helpSections,
  keyName,
  resolveKey,
  type Action,
  type KeyContext,
  type KeyFlags,
  type Scope,
} from '../../src/screens/keymap';

describe('the binding table', () => {
  test('no key is bound twice within a scope', () => {
    const seen = new Map<string, string>();
    for (const b of BINDINGS) {
      for (const k of b.keys) {
        const id = `${b.scope}:${k}`;
        expect(seen.get(id), `${k} bound twice in ${b.scope}`).toBeUndefined();
        seen.set(id, b.action);
      }
    }
  });

  test('no screen scope silently shadows a global key (they are active together)', () => {
    const globalKeys = new Set(BINDINGS.filter((b) => b.scope === 'global').flatMap((b) => b.keys));
    for (const screen of SCREENS) {
      for (const b of BINDINGS.filter((x) => x.scope === screen)) {
        for (const k of b.keys) expect(globalKeys.has(k), `${screen} rebinds global key ${k}`).toBe(false);
      }
    }
  });

  test('bindings of one scope share a priority unless marked above every layer', () => {
    const byScope = new Map<Scope, Set<number>>();
    for (const b of BINDINGS.filter((x) => x.priority < 100)) {
      byScope.set(b.scope, (byScope.get(b.scope) ?? new Set()).add(b.priority));
    }
    for (const [scope, prios] of byScope) expect(prios.size, scope).toBe(1);
  });

  test('every binding has help text and the help shows every binding', () => {
    for (const b of BINDINGS) expect(b.help.length).toBeGreaterThan(3);
    const rows = helpSections('overview').flatMap((s) => s.rows);
    expect(rows).toHaveLength(BINDINGS.length);
  });

  test('the operator keys the brief names are all there', () => {
    const global = (k: string) => BINDINGS.find((b) => b.scope === 'global' && b.keys.includes(k))?.action;
    expect(global('?')).toBe('help');
    expect(global(':')).toBe('commandLine');
    expect(global('q')).toBe('quit');
    expect(global('tab')).toBe('nextScreen');
    expect(global('shift-tab')).toBe('prevScreen');
    expect(global('esc')).toBe('back');
    expect(global('5')).toBe('selectHost');
    expect(global('o')).toBe('showOverview');
    expect(global('r')).toBe('showResources');
    expect(global('h')).toBe('showHosts');
  });

  test('digits display as a range in help', () => {
    expect(displayKeys(['1', '2', '3', '4', '5', '6', '7', '8', '9'])).toBe('1–9');
    expect(displayKeys(['j', 'down'])).toBe('j ↓');
  });
});

describe('keyName', () => {
  test.each<[string, KeyFlags, string]>([
    ['', { upArrow: true }, 'up'],
    ['', { downArrow: true }, 'down'],
    ['', { return: true }, 'enter'],
    ['\r', {}, 'enter'],
    ['', { escape: true, meta: true } as KeyFlags, 'esc'],
    ['', { tab: true }, 'tab'],
    ['', { tab: true, shift: true }, 'shift-tab'],
    ['', { delete: true }, 'backspace'],
    ['c', { ctrl: true }, 'ctrl-c'],
    ['G', { shift: true }, 'G'],
    ['?', {}, '?'],
  ])('%j %j → %s', (input, key, name) => expect(keyName(input, key)).toBe(name));
});

describe('resolveKey priorities', () => {
  const ov: KeyContext = { screen: 'overview', modal: null };
  const hosts: KeyContext = { screen: 'hosts', modal: null };
  const res: KeyContext = { screen: 'resources', modal: null };
  const input: KeyContext = { screen: 'overview', modal: 'input' };
  const help: KeyContext = { screen: 'overview', modal: 'help' };
  const prompt: KeyContext = { screen: 'hosts', modal: 'prompt' };
  const cases: [string, KeyFlags, KeyContext, Action | null, string?][] = [
    ['j', {}, ov, 'down'],
    ['', { downArrow: true }, ov, 'down'],
    ['G', { shift: true }, ov, 'bottom'],
    ['', { return: true }, ov, 'open'],
    ['/', {}, ov, 'filter'],
    ['/', {}, res, null], // no filter on the resources screen yet
    ['j', {}, res, 'down'],
    ['c', {}, hosts, 'connect'],
    ['c', {}, ov, null], // connect only where the hosts are listed
    ['d', {}, hosts, 'disconnect'],
    ['3', {}, ov, 'selectHost'],
    ['q', {}, ov, 'quit'],
    ['', { escape: true }, ov, 'back'],
    ['x', {}, ov, null],
    // The input line captures everything printable, global keys included.
    ['q', {}, input, 'insert', 'q'],
    [':', {}, input, 'insert', ':'],
    ['j', {}, input, 'insert', 'j'],
    ['', { escape: true }, input, 'cancel'],
    ['', { return: true }, input, 'submit'],
    ['', { delete: true }, input, 'erase'],
    ['u', { ctrl: true }, input, 'clearLine'],
    ['f', { ctrl: true }, input, null],
    // Help overlay: closes on ?/Esc/q, scrolls, swallows the rest.
    ['?', {}, help, 'closeHelp'],
    ['q', {}, help, 'closeHelp'],
    ['j', {}, help, 'down'],
    ['3', {}, help, null],
    [':', {}, help, null],
    // Host-key prompt: only an answer gets through.
    ['y', {}, prompt, 'accept'],
    ['n', {}, prompt, 'reject'],
    ['', { escape: true }, prompt, 'reject'],
    ['d', {}, prompt, null],
    ['q', {}, prompt, null],
    // Ctrl-C outranks every layer.
    ['c', { ctrl: true }, prompt, 'quit'],
    ['c', { ctrl: true }, input, 'quit'],
  ];
  test.each(cases)('%j %j in %j → %s', (inp, key, ctx, action, text) => {
    const r = resolveKey(inp, key, ctx);
    expect(r?.action ?? null).toBe(action);
    if (text !== undefined) expect(r?.text).toBe(text);
  });

  test('selectHost reports which digit', () => {
    expect(resolveKey('7', {}, { screen: 'overview', modal: null })).toEqual({ action: 'selectHost', key: '7' });
  });
});
