import { describe, expect, it } from 'vitest';
import { INITIAL_PROCEDURES_UI, proceduresUiReducer, type ProceduresUiEvent } from '../../src/screens/proceduresUi';
import { initialUi, uiReducer } from '../../src/screens/uiStore';

describe('the procedures screen in the UI store', () => {
  const cases: Array<[string, ProceduresUiEvent[], Partial<typeof INITIAL_PROCEDURES_UI>]> = [
    [
      'a run view, then the library over it',
      [
        { type: 'nav', event: { type: 'reset', mode: 'run' } },
        { type: 'nav', event: { type: 'go', mode: 'list' } },
      ],
      { nav: { ...INITIAL_PROCEDURES_UI.nav, mode: 'list', from: ['run'] } },
    ],
    ['the reason typed is for skipping a failed step', [{ type: 'reasonFor', what: 'skipFailure' }], { reasonFor: 'skipFailure' }],
    [
      'parameters asked one by one: each answer takes the next name',
      [
        { type: 'ask', asking: { procedure: 'TL-003', left: ['a', 'b'], values: {} } },
        { type: 'answered', value: '1' },
      ],
      { asking: { procedure: 'TL-003', left: ['b'], values: { a: '1' } } },
    ],
    ['an answer with nothing asked changes nothing', [{ type: 'answered', value: '1' }], { asking: null }],
    [
      'backup files listed for the parameter asked',
      [
        { type: 'pick', pick: { procedure: 'TL-003', param: 'f', dir: '/b', files: [], sel: -1, loading: true, error: null } },
        { type: 'picked', procedure: 'TL-003', param: 'f', files: [{ name: 'x.dump', mtime: null, size: null }] },
      ],
      { pick: { procedure: 'TL-003', param: 'f', dir: '/b', files: [{ name: 'x.dump', mtime: null, size: null }], sel: -1, loading: false, error: null } },
    ],
    [
      'a late listing for a parameter no longer asked is dropped',
      [
        { type: 'pick', pick: { procedure: 'TL-003', param: 'g', dir: '/b', files: [], sel: -1, loading: true, error: null } },
        { type: 'picked', procedure: 'TL-003', param: 'f', error: 'gone' },
      ],
      { pick: { procedure: 'TL-003', param: 'g', dir: '/b', files: [], sel: -1, loading: true, error: null } },
    ],
    ["a procedure opened from the run's links", [{ type: 'linked', id: 'IR-001' }], { linked: 'IR-001' }],
    [
      'opened from an alert',
      [{ type: 'openedFrom', alert: { procedure: 'IR-002', text: 'service-down api' } }],
      { alert: { procedure: 'IR-002', text: 'service-down api' } },
    ],
  ];
  it.each(cases)('%s', (_n, events, want) => {
    const s = events.reduce(proceduresUiReducer, INITIAL_PROCEDURES_UI);
    expect(s).toMatchObject(want);
  });
  it('an event that changes nothing keeps the state (no render)', () => {
    const ui = initialUi();
    expect(uiReducer(ui, { type: 'procedures', event: { type: 'reasonFor', what: 'answer' } })).toBe(ui);
    expect(uiReducer(ui, { type: 'procedures', event: { type: 'nav', event: { type: 'move', by: 1, count: 0, page: 10 } } }).procedures.nav.sel).toBe(0);
  });
});
