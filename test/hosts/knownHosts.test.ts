import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendKnownHost,
  checkHostKey,
  hostFieldMatches,
  knownHostLine,
  knownHostToken,
  knownKeyTypes,
  parseKnownHosts,
  readKnownHostsFiles,
  riskctlKnownHostsPath,
} from '../../src/hosts/knownHosts';
import { keyText, makeKey, tempDir } from './keys';

const dir = tempDir();
const A = makeKey(dir, 'a'); // ed25519
const B = makeKey(dir, 'b'); // another ed25519
const R = makeKey(dir, 'r', 'rsa');

/** A hashed host field made the way OpenSSH does: |1|base64(salt)|base64(HMAC-SHA1(salt, name)). */
function nodeHashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

/** A hashed line produced by `ssh-keygen -H` itself. */
function sshKeygenHashed(plainLine: string): string {
  const f = join(dir, `hash-${Math.random().toString(36).slice(2)}`);
  writeFileSync(f, `${plainLine}\n`);
  execFileSync('ssh-keygen', ['-H', '-f', f], { stdio: 'ignore' });
  return readFileSync(f, 'utf8').trim();
}

const lines = [
  '# a comment line', //                                       1
  '', //                                                       2
  `   # indented comment`, //                                  3
  `host1.example.com,10.0.0.1 ${keyText(A)} a comment`, //     4
  `[10.0.0.2]:2222 ${keyText(A)}`, //                          5
  `10.0.0.2 ${keyText(B)}`, //                                 6 (port 22 only)
  sshKeygenHashed(`[10.0.0.3]:2222 ${keyText(A)}`), //         7
  `${nodeHashed('10.0.0.4')} ${keyText(A)}`, //                8
  `*.lab.example,!evil.lab.example ${keyText(A)}`, //          9
  `@revoked 10.0.0.5 ${keyText(A)}`, //                       10
  `10.0.0.5 ${keyText(A)}`, //                                11
  `10.0.0.6 ${keyText(R)}`, //                                12
  `@cert-authority *.ca.example ${keyText(A)}`, //            13
  `not-a-key-line`, //                                        14
  `10.0.0.7 ssh-ed25519 !!!notbase64`, //                     15
  `node?.example ${keyText(A)}`, //                           16
  `HOST8.Example.COM ${keyText(A)}`, //                       17
  `10.0.0.9 ${keyText(B)}`, //                                18
  `10.0.0.9 ${keyText(A)}`, //                                19 (second key, same type)
];
const FILE = '/etc/test_known_hosts';
const entries = parseKnownHosts(lines.join('\n'), FILE);

describe('parseKnownHosts', () => {
  it('skips comments, blanks, cert-authority and malformed lines, keeps line numbers', () => {
    expect(entries.map((e) => e.line)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 17, 18, 19]);
    expect(entries.every((e) => e.file === FILE)).toBe(true);
    expect(entries.find((e) => e.line === 10)?.revoked).toBe(true);
    expect(entries.find((e) => e.line === 12)?.keyType).toBe('ssh-rsa');
  });

  it('reads the hashed line ssh-keygen -H wrote', () => {
    expect(lines[6]).toMatch(/^\|1\|[^|]+\|[^ ]+ ssh-ed25519 /);
  });
});

describe('checkHostKey', () => {
  it.each([
    // host, port, key, verdict, line of the entry
    ['host1.example.com', 22, A, 'ok', 4],
    ['10.0.0.1', 22, A, 'ok', 4], //                      comma list, second name
    ['10.0.0.1', 22, B, 'changed', 4],
    ['10.0.0.1', 2222, A, 'unknown', null], //            plain entries mean port 22
    ['10.0.0.2', 2222, A, 'ok', 5], //                    [host]:port
    ['10.0.0.2', 2222, B, 'changed', 5],
    ['10.0.0.2', 22, B, 'ok', 6],
    ['10.0.0.2', 22, A, 'changed', 6],
    ['10.0.0.3', 2222, A, 'ok', 7], //                    hashed by ssh-keygen -H
    ['10.0.0.3', 2222, B, 'changed', 7],
    ['10.0.0.3', 22, A, 'unknown', null],
    ['10.0.0.4', 22, A, 'ok', 8], //                      hashed by node crypto
    ['10.0.0.4', 22, B, 'changed', 8],
    ['a.lab.example', 22, A, 'ok', 9], //                 wildcard
    ['evil.lab.example', 22, B, 'unknown', null], //      negated pattern vetoes the line
    ['10.0.0.5', 22, A, 'revoked', 10], //                revoked wins over a plain listing
    ['10.0.0.6', 22, A, 'unknown', null], //              only an RSA key listed: not a change
    ['10.0.0.6', 22, R, 'ok', 12],
    ['x.ca.example', 22, A, 'unknown', null], //          @cert-authority is not a host key
    ['node1.example', 22, A, 'ok', 16], //                ? wildcard
    ['node12.example', 22, A, 'unknown', null],
    ['host8.example.com', 22, A, 'ok', 17], //            names compare case-insensitively
    ['10.0.0.9', 22, A, 'ok', 19], //                     any listed key of the host is fine
    ['10.0.0.99', 22, A, 'unknown', null],
  ] as const)('%s:%d %s → %s', (host, port, key, kind, line) => {
    const v = checkHostKey(entries, host, port, key.blob);
    expect(v.kind).toBe(kind);
    if (line !== null) expect('entry' in v ? v.entry.line : null).toBe(line);
  });

  it('lists the other key types of a host known only by another type', () => {
    const v = checkHostKey(entries, '10.0.0.6', 22, A.blob);
    expect(v).toEqual({ kind: 'unknown', otherTypes: ['ssh-rsa'] });
    expect(knownKeyTypes(entries, '10.0.0.6', 22)).toEqual(['ssh-rsa']);
    expect(knownKeyTypes(entries, '10.0.0.5', 22)).toEqual(['ssh-ed25519']);
  });
});

describe('host tokens and fields', () => {
  it.each([
    ['Example.COM', 22, 'example.com'],
    ['127.0.0.2', 2222, '[127.0.0.2]:2222'],
  ] as const)('knownHostToken(%s, %d) = %s', (h, p, t) => {
    expect(knownHostToken(h, p)).toBe(t);
  });

  it.each([
    ['a,b,c', 'b', true],
    ['a,b,c', 'd', false],
    ['[h]:2222', '[h]:2222', true],
    ['[h]:2222', 'h', false],
    ['*', 'anything', true],
    ['*,!bad', 'bad', false],
    ['!bad', 'good', false], // only negations: nothing positive matched
    ['a.b', 'aXb', false], //    dots are literal
    ['|1|bad|hash', 'x', false],
  ] as const)('hostFieldMatches(%j, %j) = %s', (field, token, want) => {
    expect(hostFieldMatches(field, token)).toBe(want);
  });
});

describe('files', () => {
  it('reads several files and ignores missing ones', async () => {
    const f = join(dir, 'kh1');
    writeFileSync(f, `x ${keyText(A)}\n`);
    const got = await readKnownHostsFiles([join(dir, 'missing'), f]);
    expect(got.map((e) => `${e.file}:${e.line}`)).toEqual([`${f}:1`]);
  });

  it('parses a file once for every reader, and again when it changes', async () => {
    const f = join(dir, 'shared');
    writeFileSync(f, `x ${keyText(A)}\n`);
    // Read at once, as a fleet connecting does, and once more after.
    const [first, second] = await Promise.all([readKnownHostsFiles([f]), readKnownHostsFiles([f])]);
    expect(second[0]).toBe(first[0]);
    expect((await readKnownHostsFiles([f]))[0]).toBe(first[0]);
    await appendKnownHost(f, 'y', 22, B.blob);
    const appended = await readKnownHostsFiles([f]);
    expect(appended.map((e) => e.hosts)).toEqual(['x', 'y']);
    // The same size, other bytes: the file's times tell.
    writeFileSync(f, `x ${keyText(B)}\ny ${keyText(A)}\n`);
    utimesSync(f, new Date(Date.now() + 5_000), new Date(Date.now() + 5_000));
    const edited = await readKnownHostsFiles([f]);
    expect(checkHostKey(edited, 'x', 22, B.blob).kind).toBe('ok');
    expect(checkHostKey(edited, 'x', 22, A.blob).kind).toBe('changed');
  });

  it('appends the line ssh would write, creating the directory 0700, and ssh-keygen -F finds it', async () => {
    const f = join(dir, 'state', 'riskctl', 'known_hosts');
    await appendKnownHost(f, '127.0.0.9', 2222, A.blob);
    await appendKnownHost(f, 'plain.example', 22, R.blob);
    expect(statSync(join(dir, 'state', 'riskctl')).mode & 0o777).toBe(0o700);
    expect(readFileSync(f, 'utf8')).toBe(`[127.0.0.9]:2222 ${keyText(A)}\nplain.example ${keyText(R)}\n`);
    const found = execFileSync('ssh-keygen', ['-F', '[127.0.0.9]:2222', '-f', f], { encoding: 'utf8' });
    expect(found).toContain(keyText(A));
    const parsed = await readKnownHostsFiles([f]);
    expect(checkHostKey(parsed, '127.0.0.9', 2222, A.blob).kind).toBe('ok');
    expect(checkHostKey(parsed, 'plain.example', 22, R.blob).kind).toBe('ok');
  });

  it('never glues a new line onto a file without a final newline', async () => {
    const f = join(dir, 'no-newline');
    writeFileSync(f, `x ${keyText(A)}`);
    await appendKnownHost(f, 'y', 22, B.blob);
    expect(readFileSync(f, 'utf8')).toBe(`x ${keyText(A)}\n${knownHostLine('y', 22, B.blob)}\n`);
  });

  it('puts riskctl’s own file under XDG_STATE_HOME, else ~/.local/state', () => {
    expect(riskctlKnownHostsPath({ XDG_STATE_HOME: '/xdg', HOME: '/home/op' })).toBe('/xdg/riskctl/known_hosts');
    expect(riskctlKnownHostsPath({ HOME: '/home/op' })).toBe('/home/op/.local/state/riskctl/known_hosts');
  });
});
