/** The fleet keys, from key to UI events: s and t on the overview, Enter/→/← on a grouped alert, moves in the order shown, tag: filters. */
import { describe, expect, test } from 'vitest';
import { interpret, type View } from '../../src/screens/intents';
import { resolveKey, type Action, type KeyAction, type KeyContext } from '../../src/screens/keymap';
import { initialUi, uiReducer, type UiEvent, type UiState } from '../../src/screens/uiStore';

const HOSTS = ['web-2', 'db-10', 'web-10', 'db-2'];
const TAGS = {
  'web-2': { tags: ['production'] },
  'db-10': { tags: ['production', 'db'] },
  'web-10': { tags: ['staging'] },
  'db-2': { tags: ['staging', 'db'] },
};
const view: View = { hosts: HOSTS, prompt: null, page: 10, bodyScrollMax: 0, helpScrollMax: 0, tags: TAGS };
const act = (action: Action): KeyAction => ({ action, key: '' });
const run = (ui: UiState, events: readonly UiEvent[]) => events.reduce(uiReducer, ui);

describe('the fleet keys resolve where they apply', () => {
  test.each<[string, Partial<Record<'leftArrow' | 'rightArrow', boolean>>, KeyContext, Action | null]>([
    ['O', {}, { screen: 'overview', modal: null }, 'sortHosts'],
    ['s', {}, { screen: 'overview', modal: null }, 'openShell'],
    ['t', {}, { screen: 'overview', modal: null }, 'groupByTag'],
    ['s', {}, { screen: 'database', modal: null }, 'sortSessions'],
    ['s', {}, { screen: 'hosts', modal: null }, 'openShell'],
    ['s', {}, { screen: 'resources', modal: null }, 'openShell'],
    ['s', {}, { screen: 'services', modal: null }, 'openShell'],
    ['s', {}, { screen: 'alerts', modal: null }, null],
    ['O', {}, { screen: 'hosts', modal: null }, null],
    ['', { rightArrow: true }, { screen: 'alerts', modal: null }, 'expandGroup'],
    ['', { leftArrow: true }, { screen: 'alerts', modal: null }, 'collapseGroup'],
    ['', { rightArrow: true }, { screen: 'overview', modal: null }, null],
    ['s', {}, { screen: 'overview', modal: 'input' }, 'insert'],
  ])('%j %j on %j', (input, flags, ctx, want) => {
    expect(resolveKey(input, flags, ctx)?.action ?? null).toBe(want);
  });
});

describe('overview: sort, group, and moves in the order shown', () => {
  test('O and t change the listing, which holds across screens', () => {
    let ui = initialUi({ host: 'web-2' });
    ui = run(ui, interpret(act('sortHosts'), ui, view).events);
    ui = run(ui, interpret(act('groupByTag'), ui, view).events);
    ui = run(ui, [
      { type: 'show', screen: 'alerts' },
      { type: 'show', screen: 'overview' },
    ]);
    expect(ui.fleet).toMatchObject({ sort: 'worst', byTag: true });
  });

  test('j walks the listed order, with the tag filter applied on top', () => {
    const listed = ['db-2', 'web-10', 'db-10', 'web-2'];
    let ui = initialUi({ host: 'db-2' });
    ui = run(ui, interpret(act('down'), ui, { ...view, listed }).events);
    expect(ui.host).toBe('web-10');
    ui = { ...ui, filter: 'tag:db' };
    ui = run(ui, interpret(act('down'), ui, { ...view, listed }).events);
    // web-10 is filtered out: the first db host in the listed order is where j lands.
    expect(ui.host).toBe('db-2');
    ui = run(ui, interpret(act('down'), ui, { ...view, listed }).events);
    expect(ui.host).toBe('db-10');
  });

  test('a tag: filter keeps the selection when it survives, else takes the first listed match', () => {
    let ui: UiState = { ...initialUi({ host: 'web-2' }), input: { kind: 'filter', text: 'tag:staging' } };
    ui = run(ui, interpret(act('submit'), ui, { ...view, listed: ['db-2', 'web-10', 'db-10', 'web-2'] }).events);
    expect(ui).toMatchObject({ filter: 'tag:staging', host: 'db-2' });
    expect(interpret(act('open'), ui, view).events).toEqual([{ type: 'switchHost', host: 'db-2' }]);
  });
});

describe('alerts: a grouped row', () => {
  const G = 'group:riskctl|health-failing|api|CRITICAL|open';
  const M1 = 'riskctl|health-failing|h1|api';
  const M2 = 'riskctl|health-failing|h2|api';
  const alertsUi = (alert: string, openGroups: string[] = []): UiState => ({
    ...initialUi(),
    screen: 'alerts',
    alert,
    fleet: { sort: 'config', byTag: false, openGroups },
  });

  test('Enter on a group opens and closes it; on an alert shows its details', () => {
    const v = { ...view, alerts: [G, 'riskctl|cpu|h1|'] };
    let ui = alertsUi(G);
    ui = run(ui, interpret(act('details'), ui, v).events);
    expect(ui.fleet.openGroups).toEqual([G]);
    expect(ui.alertView).toBe('list');
    ui = run(ui, interpret(act('details'), ui, v).events);
    expect(ui.fleet.openGroups).toEqual([]);
    ui = run({ ...ui, alert: 'riskctl|cpu|h1|' }, interpret(act('details'), { ...ui, alert: 'riskctl|cpu|h1|' }, v).events);
    expect(ui.alertView).toBe('details');
  });

  test('→ opens; ← from a member closes the group and selects its row', () => {
    let ui = alertsUi(G);
    ui = run(ui, interpret(act('expandGroup'), ui, { ...view, alerts: [G] }).events);
    expect(ui.fleet.openGroups).toEqual([G]);
    const open = {
      ...view,
      alerts: [G, M1, M2],
      alertGroupOf: new Map([
        [M1, G],
        [M2, G],
      ]),
    };
    ui = { ...ui, alert: M2 };
    ui = run(ui, interpret(act('collapseGroup'), ui, open).events);
    expect(ui).toMatchObject({ alert: G, fleet: { openGroups: [] } });
    // → on a plain alert, ← on one outside any open group: nothing.
    expect(interpret(act('expandGroup'), alertsUi(M1), { ...view, alerts: [M1] }).events).toEqual([]);
    expect(interpret(act('collapseGroup'), alertsUi(M1), { ...view, alerts: [M1] }).events).toEqual([]);
  });

  test('A on a group asks for the comment, which goes out with the group key', () => {
    let ui = alertsUi(G);
    ui = run(ui, interpret(act('acknowledge'), ui, { ...view, alerts: [G] }).events);
    expect(ui.input?.kind).toBe('ack');
    ui = { ...ui, input: { kind: 'ack', text: 'vendor outage' } };
    expect(interpret(act('submit'), ui, view).effects).toEqual([{ kind: 'acknowledge', key: G, comment: 'vendor outage' }]);
  });
});
