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
