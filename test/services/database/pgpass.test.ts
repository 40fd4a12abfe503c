import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupPassword, PGPASS_READING_MS, pgpassPath } from '../../../src/services/database/password';
import { lookupPgpass, parsePgpass } from '../../../src/services/database/pgpass';

const T = { host: '127.0.0.1', port: 5432, database: 'risk_platform', user: 'risk_platform_app' };

describe('pgpass', () => {
  it.each([
    ['exact line', '127.0.0.1:5432:risk_platform:risk_platform_app:s3cret', 's3cret'],
    ['wildcards', '*:*:*:risk_platform_app:w1ld', 'w1ld'],
    ['escaped colon and backslash', '127.0.0.1:5432:risk_platform:risk_platform_app:a\\:b\\\\c', 'a:b\\c'],
    ['first match wins', '*:*:*:*:first\n127.0.0.1:5432:risk_platform:risk_platform_app:second', 'first'],
    ['comments and blanks skipped', '# 127.0.0.1:5432:*:*:no\n\n*:5432:*:*:yes', 'yes'],
    ['an unescaped colon ends the password', '*:*:*:*:pa:ss', 'pa'],
    ['other port', '127.0.0.1:5433:*:*:no', null],
    ['other user', '*:*:*:postgres:no', null],
    ['short line ignored', '127.0.0.1:5432:risk_platform:pw', null],
    ['CRLF', '*:*:*:*:crlf\r\n', 'crlf'],
  ])('%s', (_, text, want) => {
    expect(lookupPgpass(parsePgpass(text), T)).toBe(want);
  });
});

describe('lookupPassword', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskctl-pgpass-'));
  const file = join(dir, 'pgpass');
  writeFileSync(file, '*:*:*:risk_platform_app:from-file\n', { mode: 0o600 });

  it('prefers the variable the config names', async () => {
    expect(await lookupPassword({ ...T, passwordEnv: 'PW' }, { env: { PW: 'from-env' }, pgpassFile: file })).toEqual({ password: 'from-env', source: '$PW' });
  });

  it('falls back to the pgpass file, and says where it looked when nothing matches', async () => {
    expect(await lookupPassword({ ...T, passwordEnv: 'PW' }, { env: {}, pgpassFile: file })).toEqual({ password: 'from-file', source: file });
    const r = await lookupPassword({ ...T, user: 'nobody' }, { env: {}, pgpassFile: file });
    expect(r).toEqual({ password: null, why: `${file} has no line for 127.0.0.1:5432:risk_platform:nobody` });
  });

  it('ignores a pgpass that others can read, like libpq', async () => {
    const open = join(dir, 'open');
    writeFileSync(open, '*:*:*:*:leaky\n');
    chmodSync(open, 0o644);
    const r = await lookupPassword(T, { env: {}, pgpassFile: open });
    expect(r.password).toBeNull();
    expect(JSON.stringify(r)).not.toContain('leaky');
    expect(r).toMatchObject({ why: expect.stringMatching(/ignored: permissions should be u=rw \(0600\)/) });
  });

  it('finds the file by $PGPASSFILE, else ~/.pgpass', () => {
    expect(pgpassPath({ PGPASSFILE: '/x/y', HOME: '/h' })).toBe('/x/y');
    expect(pgpassPath({ HOME: '/h' })).toBe('/h/.pgpass');
  });
});

describe('lookupPassword reads a pgpass file once per PGPASS_READING_MS, for every lookup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskctl-pgpass-reading-'));
  const line = (pw: string) => `*:*:*:risk_platform_app:${pw}\n`;
  type Step = [atMs: number, change: (file: string) => void, want: string | null];
  const write = (pw: string) => (f: string) => writeFileSync(f, line(pw), { mode: 0o600 });
  const remove = (f: string) => rmSync(f, { force: true });
  const same = () => {};

  it.each<[string, Step[]]>([
    [
      'a change within the period is read after it',
      [
        [0, write('one'), 'one'],
        [1, write('two'), 'one'],
        [PGPASS_READING_MS - 1, same, 'one'],
        [PGPASS_READING_MS, same, 'two'],
      ],
    ],
    [
      'a missing file stays missing for the period, then is found',
      [
        [0, remove, null],
        [10, write('late'), null],
        [PGPASS_READING_MS + 10, same, 'late'],
      ],
    ],
    [
      'a file removed is missed after the period',
      [
        [0, write('here'), 'here'],
        [5, remove, 'here'],
        [PGPASS_READING_MS + 5, same, null],
      ],
    ],
    [
      'a clock that steps back reads again',
      [
        [1_000_000, write('a'), 'a'],
        [0, write('b'), 'b'],
      ],
    ],
  ])('%s', async (name, steps) => {
    const file = join(dir, name.replaceAll(' ', '-'));
    let now = 0;
    for (const [at, change, want] of steps) {
      now = at;
      change(file);
      const r = await lookupPassword(T, { env: {}, pgpassFile: file, now: () => now });
      expect({ at, password: r.password }).toEqual({ at, password: want });
    }
  });
});
