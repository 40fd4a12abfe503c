import { describe, expect, it } from 'vitest';
import { alertIntent } from '../../src/screens/alertIntents';
import { initialUi } from '../../src/screens/uiStore';

const ui = (alert: string | null) => ({ ...initialUi({ screen: 'alerts' }), alert });

describe('alert keys act on the row the operator sees marked', () => {
  it.each([
    ['a stored selection', 'b', ['a', 'b'], [{ type: 'alertView', view: 'details' }]],
    [
      'no selection yet: the marked top row',
      null,
      ['a', 'b'],
      [
        { type: 'selectAlert', by: 'top', keys: ['a', 'b'] },
        { type: 'alertView', view: 'details' },
      ],
    ],
    [
      'a selection that left the list: the top row',
      'gone',
      ['a'],
      [
        { type: 'selectAlert', by: 'top', keys: ['a'] },
        { type: 'alertView', view: 'details' },
      ],
    ],
    ['an empty list', null, [], [{ type: 'message', text: 'no alert selected', level: 'error' }]],
  ])('Enter with %s', (_n, alert, keys, events) => {
    expect(alertIntent('details', ui(alert), { alerts: keys })?.events).toEqual(events);
  });

  it('acknowledging with nothing stored yet opens the comment for the top row', () => {
    expect(alertIntent('acknowledge', ui(null), { alerts: ['x'] })?.events).toEqual([
      { type: 'selectAlert', by: 'top', keys: ['x'] },
      { type: 'openInput', kind: 'ack' },
    ]);
  });
});
