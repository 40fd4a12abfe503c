import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupPassword, pgpassPath } from '../../../src/services/database/password';
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
