// A refused host key must show what the operator needs to judge it — the
// expected and the presented fingerprints and the known_hosts file:line —
// wherever the cockpit shows the host's error, at 80 columns as at 140. The
// message is the transport's own (verifyHostKey on real ssh-keygen keys).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import React from 'react';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { HostError } from '../../src/hosts/Host';
import { verifyHostKey } from '../../src/hosts/hostKeyCheck';
import { parseKnownHosts } from '../../src/hosts/knownHosts';
import { createLiveStore, setHostStatus, setResources, type LiveStore } from '../../src/services/liveStore';
import { DEFAULT_THRESHOLDS } from '../../src/screens/format';
import { HostsScreen } from '../../src/screens/HostsScreen';
import { OverviewScreen } from '../../src/screens/OverviewScreen';
import { ResourcesScreen } from '../../src/screens/ResourcesScreen';
import { HostKeyPrompt } from '../../src/screens/widgets/HostKeyPrompt';
import { wrapText } from '../../src/screens/wrapText';
import { keyText, makeKey, tempDir, type TestKey } from '../hosts/keys';
import { WEB } from './fixtures';

afterEach(() => cleanup());

const ctx = { now: Date.now(), refreshMs: 2000, thresholds: DEFAULT_THRESHOLDS };

let expected: TestKey;
let presented: TestKey;
/** A known_hosts path of 70-odd characters, like an operator's, and its entry's line. */
let where: string;
let refusal: string;

beforeAll(async () => {
  const dir = tempDir();
  expected = makeKey(dir, 'expected');
  presented = makeKey(dir, 'presented');
  const kh = join(dir, 'known_hosts');
  writeFileSync(kh, `# one\n# two\n[127.0.0.3]:2222 ${keyText(expected)}\n`);
  // The entries are told a path of 60 characters, whatever the temporary folder's: long enough to wrap, short enough for one line.
  const named = '/srv/operations/platform-team/riskctl-state/known_hosts';
  where = `${named}:3`;
  const e = await verifyHostKey(
    {
      name: 'lab-2',
      address: '127.0.0.3',
      port: 2222,
      entries: parseKnownHosts(readFileSync(kh, 'utf8'), named),
      rememberIn: join(dir, 'own'),
      policy: undefined,
    },
    presented.blob,
  ).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(HostError);
  // As SshLink puts it in the host's status: without the "lab-2: " prefix.
  refusal = (e as HostError).message.replace(/^lab-2: /, '');
  expect(where.length).toBeGreaterThan(50);
  expect(where.length).toBeLessThan(80);
});

function refusedStore(withFigures: boolean): LiveStore {
  const store = createLiveStore([
    { name: 'web-1', tags: [], production: false, address: 'ops@127.0.0.2:22' },
    { name: 'lab-2', tags: ['production'], production: true, address: 'ops@127.0.0.3:2222' },
  ]);
  if (withFigures) setResources(store, 'lab-2', WEB);
  setHostStatus(store, 'lab-2', { state: 'error', error: refusal, since: Date.now() });
  return store;
}

/** Renders on a terminal `width` columns wide (ink-testing-library's is 100): Ink lays out at stdout.columns on every render. */
function renderAt(tree: React.ReactElement, width: number) {
  const r = render(tree);
  Object.defineProperty(r.stdout, 'columns', { get: () => width });
  r.rerender(tree);
  return r;
}

/** The frame's rows; none may be wider than the terminal. */
function rowsOf(frame: string | undefined, width: number): string[] {
  const rows = (frame ?? '').split('\n');
  for (const r of rows) expect(r.length).toBeLessThanOrEqual(width);
  return rows;
}

/** Each of the three facts on one row of the frame, whole. */
function expectFacts(rows: string[]): void {
  expect(rows.some((r) => r.includes(expected.sshKeygenFingerprint))).toBe(true);
  expect(rows.some((r) => r.includes(presented.sshKeygenFingerprint))).toBe(true);
  expect(rows.some((r) => r.includes(where))).toBe(true);
}

describe('a refused (changed) host key on screen', () => {
  test.each([80, 140])('overview at %s columns: both fingerprints and file:line', (width) => {
    const r = renderAt(<OverviewScreen store={refusedStore(false)} selected="lab-2" filter="" ctx={ctx} height={20} width={width} color={false} />, width);
    expectFacts(rowsOf(r.lastFrame(), width));
  });

  test.each([80, 140])('hosts screen at %s columns: both fingerprints and file:line', (width) => {
    const r = renderAt(<HostsScreen store={refusedStore(false)} selected="lab-2" filter="" ctx={ctx} height={20} width={width} color={false} />, width);
    expectFacts(rowsOf(r.lastFrame(), width));
  });

  test.each([
    [80, false],
    [140, false],
    [80, true],
    [140, true],
  ])('resources at %s columns (last figures kept: %s): both fingerprints and file:line', (width, figures) => {
    const r = renderAt(<ResourcesScreen store={refusedStore(figures)} host="lab-2" scroll={0} ctx={ctx} height={20} width={width} color={false} />, width);
    expectFacts(rowsOf(r.lastFrame(), width));
  });

  test('a path longer than the terminal is cut across rows, not lost', () => {
    const long = `HOST KEY CHANGED: expected SHA256:x (/${'d'.repeat(120)}/known_hosts:7)`;
    const rows = wrapText(long, 80);
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(80);
    expect(rows.join('')).toContain(`${'d'.repeat(120)}/known_hosts:7)`);
  });
});

describe('the unknown host key prompt', () => {
  const pending = () => ({ fingerprint: presented.sshKeygenFingerprint, keyType: 'ssh-ed25519' });

  test.each([80, 140, 60])('at %s columns: the fingerprint whole on a row, the advice and the keys', (width) => {
    const r = renderAt(
      <HostKeyPrompt
        host="lab-2"
        address="ops@127.0.0.3:2222 via bastion"
        production
        pending={pending()}
        waiting={0}
        height={20}
        width={width}
        color={false}
      />,
      width,
    );
    const rows = rowsOf(r.lastFrame(), width);
    expect(rows.some((row) => row.includes(presented.sshKeygenFingerprint))).toBe(true);
    expect(rows.join(' ')).toMatch(/ssh_host_\*_key\.pub\)\s+before accepting\./);
    expect(rows.some((row) => /y .*accept and remember.*n .*Esc .*reject/.test(row))).toBe(true);
  });

  test('a short terminal drops the spacing and the advice, never the fingerprint or the keys', () => {
    const r = renderAt(
      <HostKeyPrompt host="lab-2" address="127.0.0.3:2222" production={false} pending={pending()} waiting={0} height={4} width={80} color={false} />,
      80,
    );
    const rows = rowsOf(r.lastFrame(), 80);
    expect(rows.some((row) => row.includes(presented.sshKeygenFingerprint))).toBe(true);
    expect(rows.some((row) => row.includes('accept and remember'))).toBe(true);
  });
});

describe('wrapText', () => {
  test.each<[string, number, string[]]>([
    ['one two three', 7, ['one two', 'three']],
    ['  spaced\n\tout  ', 20, ['spaced out']],
    ['abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['a abcdefghij b', 4, ['a', 'abcd', 'efgh', 'ij b']],
    ['', 10, []],
    ['x', 0, ['x']],
  ])('%j at %s', (text, width, rows) => expect(wrapText(text, width)).toEqual(rows));
});
