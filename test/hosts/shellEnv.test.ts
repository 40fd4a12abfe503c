import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { envAssignments, isEnvName, shellQuote, withEnv } from '../../src/hosts/shellEnv';

/** Run `text` through a real /bin/sh and return its stdout. */
function sh(text: string): string {
  return execFileSync('/bin/sh', ['-c', text], { encoding: 'utf8' });
}

const hostile: [string, string][] = [
  ['plain', 'hello'],
  ['empty', ''],
  ['single quote', "it's"],
  ['only quotes', "'''"],
  ['command substitution', '$(touch /tmp/riskctl-pwned)'],
  ['backticks', '`touch /tmp/riskctl-pwned`'],
  ['variable', '$HOME ${PATH}'],
  ['newlines', 'line1\nline2\n'],
  ['double quotes and backslashes', '"\\"\\\\n'],
  ['semicolon and ampersand', 'a; rm -rf / & b'],
  ['the library case', `x' || true; "$(id)" '`],
  ['glob', '*'],
  ['utf-8', 'Grüße – ☃'],
  ['control bytes', '\x01\x1b[31m\t'],
];

describe('shellQuote / withEnv through a real /bin/sh', () => {
  it.each(hostile)('%s stays literal', (_name, value) => {
    expect(sh(`printf %s ${shellQuote(value)}`)).toBe(value);
    // The way commands use it: the text names "$V", the value arrives by assignment.
    expect(sh(withEnv('printf %s "$V"', { V: value }))).toBe(value);
  });

  it('hands several variables over at once and exports them to child processes', () => {
    const env = { A: "a'1", B: '$(echo no)', C: '`x`' };
    expect(sh(withEnv(`sh -c 'printf "%s|%s|%s" "$A" "$B" "$C"'`, env))).toBe("a'1|$(echo no)|`x`");
  });

  it('runs no side effect from a hostile value', () => {
    const marker = `/tmp/riskctl-shellenv-${process.pid}`;
    sh(withEnv('printf %s "$V" >/dev/null', { V: `$(touch ${marker})\`touch ${marker}\`` }));
    expect(() => execFileSync('test', ['-e', marker])).toThrow();
  });
});

describe('names and refusals', () => {
  it.each([
    ['A', true],
    ['_x1', true],
    ['PATH_2', true],
    ['1A', false],
    ['A-B', false],
    ['A B', false],
    ['', false],
    ['A;rm', false],
    ['A=B', false],
  ])('isEnvName(%j) = %s', (name, ok) => {
    expect(isEnvName(name)).toBe(ok);
  });

  it('refuses a bad name instead of splicing it', () => {
    expect(() => envAssignments({ 'X;id': '1' })).toThrow(/invalid environment variable name/);
  });

  it('refuses NUL, which a shell would silently truncate at', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });

  it('leaves the command alone without env', () => {
    expect(withEnv('uptime', undefined)).toBe('uptime');
    expect(withEnv('uptime', {})).toBe('uptime');
    expect(withEnv('true', { B: '2', A: '1' })).toBe("export A='1'; export B='2'; true");
  });
});
