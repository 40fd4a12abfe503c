import { describe, expect, it } from 'vitest';
import { INITIAL_PROC_UI, procUiReducer, type ProcUiEvent } from '../../src/screens/proceduresUi';
import { initialUi, uiReducer } from '../../src/screens/uiStore';

describe('the procedures screen in the UI store', () => {
  const cases: Array<[string, ProcUiEvent[], Partial<typeof INITIAL_PROC_UI>]> = [
    ['a run view, then the library over it', [{ type: 'nav', event: { type: 'reset', mode: 'run' } }, { type: 'nav', event: { type: 'go', mode: 'list' } }], { nav: { ...INITIAL_PROC_UI.nav, mode: 'list', from: ['run'] } }],
    ['the reason typed is for skipping a failed step', [{ type: 'reasonFor', what: 'skipFailure' }], { reasonFor: 'skipFailure' }],
    ['opened from an alert', [{ type: 'openedFrom', alert: { procedure: 'IR-002', text: 'service-down api' } }], { alert: { procedure: 'IR-002', text: 'service-down api' } }],
  ];
  it.each(cases)('%s', (_n, events, want) => {
    const s = events.reduce(procUiReducer, INITIAL_PROC_UI);
    expect(s).toMatchObject(want);
  });
  it('an event that changes nothing keeps the state (no render)', () => {
    const ui = initialUi();
    expect(uiReducer(ui, { type: 'proc', event: { type: 'reasonFor', what: 'answer' } })).toBe(ui);
    expect(uiReducer(ui, { type: 'proc', event: { type: 'nav', event: { type: 'move', by: 1, count: 0, page: 10 } } }).proc.nav.sel).toBe(0);
  });
});
