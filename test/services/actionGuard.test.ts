import { describe, expect, it } from 'vitest';
import { confirmationAccepts, confirmationFor, maxRisk, refusal, type Risk } from '../../src/services/actionGuard';

describe('confirmationFor', () => {
  it.each<[Risk, boolean, string]>([
    ['read-only', false, 'none'],
    ['read-only', true, 'none'],
    ['mutating', false, 'yes'],
    ['mutating', true, 'typeHost'],
    ['destructive', false, 'typeHost'],
    ['destructive', true, 'typeHost'],
  ])('%s on production=%s → %s', (risk, production, kind) => {
    const c = confirmationFor(risk, { name: 'prod-1', production });
    expect(c.kind).toBe(kind);
    if (c.kind === 'typeHost') expect(c.expected).toBe('prod-1');
  });
});

describe('refusal under --read-only', () => {
  it.each<[Risk, boolean, string | null]>([
    ['read-only', true, null],
    ['mutating', true, '--read-only: refused to restart api (mutating)'],
    ['destructive', true, '--read-only: refused to restart api (destructive)'],
    ['mutating', false, null],
    ['destructive', false, null],
  ])('%s readOnly=%s', (risk, ro, msg) => {
    expect(refusal(risk, ro, 'restart api')).toBe(msg);
  });
});

describe('confirmationAccepts', () => {
  it.each<[string, string, boolean]>([
    ['yes', 'y', true],
    ['yes', 'YES', true],
    ['yes', 'n', false],
    ['yes', '', false],
    ['typeHost', 'prod-1', true],
    ['typeHost', ' prod-1 ', true],
    ['typeHost', 'PROD-1', false],
    ['typeHost', 'prod-', false],
    ['typeHost', 'y', false],
  ])('%s with %j → %s', (kind, answer, ok) => {
    const c = kind === 'yes' ? ({ kind: 'yes' } as const) : ({ kind: 'typeHost', expected: 'prod-1' } as const);
    expect(confirmationAccepts(c, answer)).toBe(ok);
  });

  it('orders risks', () => {
    expect(maxRisk('read-only', 'mutating')).toBe('mutating');
    expect(maxRisk('destructive', 'mutating')).toBe('destructive');
  });
});
