import { describe, expect, it } from 'vitest';
import { byName } from '../../src/services/byName';

describe('byName', () => {
  it.each([
    ['lab-2', 'lab-10', -1],
    ['lab-10', 'lab-2', 1],
    ['lab-1', 'lab-1', 0],
    ['db-1', 'lab-1', -1],
    ['rctl|cpu|lab-9|', 'rctl|cpu|lab-100|', -1],
    ['api', 'API', -1],
  ])('%s against %s', (a, b, sign) => {
    expect(Math.sign(byName(a, b))).toBe(sign);
  });
});
