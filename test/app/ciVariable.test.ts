import { describe, expect, it } from 'vitest';
import { ciVariable } from '../../src/app/ciVariable';

describe('ciVariable', () => {
  it.each([
    [{}, null],
    [{ CI: 'true' }, 'CI'],
    [{ CI: '1' }, 'CI'],
    [{ CI: '' }, 'CI'],
    [{ CI: 'false' }, null],
    [{ CI: '0' }, null],
    [{ CONTINUOUS_INTEGRATION: 'yes' }, 'CONTINUOUS_INTEGRATION'],
    [{ CI: 'false', CONTINUOUS_INTEGRATION: '1' }, 'CONTINUOUS_INTEGRATION'],
    [{ CI_JOB_ID: '7' }, null],
  ] as const)('%j → %s', (env, expected) => {
    expect(ciVariable(env)).toBe(expected);
  });
});
