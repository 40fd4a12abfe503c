import { describe, expect, it } from 'vitest';
import { isHostAddress } from '../../src/hosts/isHostAddress';

describe('isHostAddress', () => {
  const cases: Array<[string, boolean]> = [
    ['10.0.0.5', true],
    ['127.0.0.32', true],
    ['fd00::5', true],
    ['::1', true],
    ['db-1', true],
    ['db-1.internal.example.com', true],
    ['db-1.example.com.', true],
    ['_ssh.example.com', true],
    ['a'.repeat(63), true],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`, true],
    ['', false],
    ['127.0.0.32; touch /tmp/owned', false],
    ['$(reboot)', false],
    ['host name', false],
    ['10.0.0.300', false],
    ['10.0.0', false],
    ['[fd00::5]', false],
    ['ssh://10.0.0.5', false],
    ['ops@10.0.0.5', false],
    ['10.0.0.5:22', false],
    ['-oProxyCommand=x', false],
    ['db-.example.com', false],
    ['db..example.com', false],
    ['a'.repeat(64), false],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`, false],
    ['\u001b]0;x\u0007', false],
    ['dƅ.example.com', false],
  ];
  it.each(cases)('%j → %s', (s, ok) => {
    expect(isHostAddress(s)).toBe(ok);
  });
});
