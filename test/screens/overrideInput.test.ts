import { describe, expect, test } from 'vitest';
import { parseOverride } from '../../src/screens/overrideInput';

const one = [{ index: 4, text: 'API endpoints responding' }];
const two = [{ index: 0, text: 'Database restored successfully' }, ...one];

describe('parseOverride (the input line after O)', () => {
  test.each<[string, string, typeof two, ReturnType<typeof parseOverride>]>([
    ['one live tick: the text is the reason', 'answered from the old build', one, { ok: true, index: 4, reason: 'answered from the old build' }],
    ['one live tick, numbered anyway', '5 old build', one, { ok: true, index: 4, reason: 'old build' }],
    ['several: the number picks (as shown, from 1)', '1: restored from the wrong dump', two, { ok: true, index: 0, reason: 'restored from the wrong dump' }],
    ['several: #N too', '#5 stale', two, { ok: true, index: 4, reason: 'stale' }],
    [
      'several without a number asks which',
      'stale',
      two,
      { ok: false, problem: 'which one? start with its number: 1 Database restored successfully · 5 API endpoints responding' },
    ],
    ['a number without a reason', '5 ', two, { ok: false, problem: 'overriding "API endpoints responding" needs a reason after the number' }],
    ['an empty reason', '  ', one, { ok: false, problem: 'overriding "API endpoints responding" needs a reason' }],
    ['nothing to override', 'why', [], { ok: false, problem: 'no checklist item was ticked by a live check' }],
    ['a number that is no live tick is part of the reason', '3 replicas answered', one, { ok: true, index: 4, reason: '3 replicas answered' }],
  ])('%s', (_n, text, live, want) => {
    expect(parseOverride(text, live)).toEqual(want);
  });
});
