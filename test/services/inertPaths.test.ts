// Every way remote text reaches the screens goes through inertText: the live
// store (host errors, poll figures, containers, database sessions), the
// alerts store, a run's store, the logs (container and file, as bytes cut
// anywhere), the status bar's messages and the procedures library as drawn.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Host } from '../../src/hosts/Host';
import { LocalHost } from '../../src/hosts/LocalHost';
import { createAlertStore } from '../../src/services/alerts/alertStore';
import type { Alert } from '../../src/services/alerts/types';
import { setServices } from '../../src/services/docker/servicesStore';
import { inertStore } from '../../src/services/inertStore';
import { inertStrings } from '../../src/services/inertText';
import { createLiveStore, setDatabase, setHostStatus, setPendingHostKey, setResources } from '../../src/services/liveStore';
import { LogService, sourceKey, type LogSource } from '../../src/services/logs/LogService';
import { libraryFromTexts } from '../../src/services/procedures/loadLibrary';
import { RunSession } from '../../src/services/procedures/runner/RunSession';
import { initialUi, uiReducer } from '../../src/screens/uiStore';
import { snapshot } from '../screens/fixtures';

const ESC = '\x1b';
const BEL = '\x07';
/** One of each family, as a remote value might carry them. */
const HOSTILE = `a${ESC}]0;PWNED${BEL}b${ESC}]52;c;aGVsbG8=${BEL}c${ESC}[2J${ESC}P$q${ESC}\\\u009b6n\rZ\x7f`;
const INERT = 'a␛]0;PWNED␇b␛]52;c;aGVsbG8=␇c␛[2J␛P$q␛\\\\x9b6n␍Z␡';

/** No string anywhere in the value holds a control character but tab and newline. */
function expectInert(value: unknown): void {
  const bad: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(v)) bad.push(JSON.stringify(v));
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        walk(k);
        walk(x);
      }
  };
  walk(value);
  expect(bad).toEqual([]);
}

describe('inertStrings', () => {
  test('replaces strings anywhere in arrays and plain objects, keys too', () => {
    const v = { [`k${ESC}`]: [HOSTILE, 1, null, { deep: HOSTILE }], n: 2 };
    const out = inertStrings(v);
    expect(out).toEqual({ 'k␛': [INERT, 1, null, { deep: INERT }], n: 2 });
    expect(v[`k${ESC}`]![0]).toBe(HOSTILE); // the input is not changed
  });

  test('copy on write: clean parts keep their identity, a clean value is the same object', () => {
    const clean = { a: ['x', { y: 'z' }], b: 1 };
    expect(inertStrings(clean)).toBe(clean);
    const mixed = { clean: clean.a, dirty: [HOSTILE] };
    const out = inertStrings(mixed);
    expect(out).not.toBe(mixed);
    expect(out.clean).toBe(clean.a);
  });

  test('class instances and functions are left alone', () => {
    const fn = () => HOSTILE;
    const buf = Buffer.from(HOSTILE);
    const out = inertStrings({ fn, buf, when: new Date(0) });
    expect(out.fn).toBe(fn);
    expect(out.buf).toBe(buf);
  });

  test('inertStore: every setState, object or function, is made inert', () => {
    const store = inertStore(createStore<{ lines: string[]; n: number }>()(() => ({ lines: [], n: 0 })));
    store.setState({ lines: [HOSTILE] });
    expect(store.getState().lines).toEqual([INERT]);
    store.setState((s) => ({ lines: [...s.lines, `${ESC}]8;;http://x/${ESC}\\`], n: s.n + 1 }));
    expect(store.getState()).toEqual({ lines: [INERT, '␛]8;;http://x/␛\\'], n: 1 });
  });
});

describe('the live store', () => {
  const store = () => createLiveStore([{ name: 'h', tags: [], production: false, address: 'ops@127.0.0.2:22' }]);

  test('a host error (an SSH banner, a peer message)', () => {
    const s = store();
    setHostStatus(s, 'h', { state: 'error', error: `refused: ${HOSTILE}`, since: 1 });
    expect(s.getState().hosts.h!.error).toBe(`refused: ${INERT}`);
  });

  test('poll figures: hostname, OS, mounts, warnings', () => {
    const s = store();
    const snap = snapshot({ hostname: HOSTILE, os: HOSTILE, warnings: [HOSTILE] });
    snap.disks = [{ ...snap.disks[0]!, mount: `/mnt/${HOSTILE}`, fs: HOSTILE }];
    setResources(s, 'h', snap);
    const d = s.getState().hosts.h!.resources.data!;
    expect(d.hostname).toBe(INERT);
    expect(d.disks[0]!.mount).toBe(`/mnt/${INERT}`);
    expectInert(s.getState());
  });

  test('containers: names, compose labels, images, status', () => {
    const s = store();
    const c = { id: 'abc', name: HOSTILE, project: HOSTILE, service: HOSTILE, image: HOSTILE, state: 'running', status: HOSTILE, health: null };
    setServices(s, 'h', HOSTILE, [c as never], true);
    expect(s.getState().hosts.h!.services.data!.containers[0]!.name).toBe(INERT);
    expectInert(s.getState());
  });

  test('database sessions: queries and application names', () => {
    const s = store();
    const session = { pid: 7, user: HOSTILE, database: 'risk', application: HOSTILE, client: 'local', state: 'active', query: `SELECT '${HOSTILE}'` };
    setDatabase(s, 'h', { target: 't', serverVersion: HOSTILE, sessions: [session], long: [] } as never);
    const got = s.getState().hosts.h!.database.data!.sessions[0]!;
    expect(got.application).toBe(INERT);
    expectInert(s.getState());
  });

  test('a pending host key and the configured names', () => {
    const s = createLiveStore([{ name: `x${ESC}c`, tags: [HOSTILE], production: false, address: HOSTILE }]);
    setPendingHostKey(s, `x␛c`, { fingerprint: HOSTILE, keyType: HOSTILE });
    expect(s.getState().order).toEqual(['x␛c']);
    expectInert(s.getState());
  });

  test('a clean patch keeps the entry as it was (no new objects, no frame)', () => {
    const s = store();
    setResources(s, 'h', snapshot());
    const before = s.getState().hosts.h!.resources.data;
    setHostStatus(s, 'h', { state: 'connected', error: null, since: 1 });
    expect(s.getState().hosts.h!.resources.data).toBe(before);
  });
});

describe('the alerts store', () => {
  test('labels, annotations and messages of an alert', () => {
    const store = createAlertStore();
    const alert = { key: 'prom:x', host: HOSTILE, rule: HOSTILE, severity: 'CRITICAL', state: 'firing', message: HOSTILE, labels: { job: HOSTILE }, since: 1 };
    store.setState({ alerts: [alert as unknown as Alert], prometheus: { configured: true, error: HOSTILE, updatedAt: 1 } });
    expect(store.getState().alerts[0]!.message).toBe(INERT);
    expectInert(store.getState());
  });
});

describe('the logs', () => {
  afterEach(() => vi.useRealTimers());

  function fileHost() {
    let onStdout: ((c: Buffer) => void) | undefined;
    let onStderr: ((c: Buffer) => void) | undefined;
    const host = {
      name: 'h1',
      status: () => ({ state: 'connected' }),
      stream: (_cmd: string, o: { onStdout: (c: Buffer) => void; onStderr?: (c: Buffer) => void; signal?: AbortSignal }) =>
        new Promise<number | null>((resolve) => {
          onStdout = o.onStdout;
          onStderr = o.onStderr;
          o.signal?.addEventListener('abort', () => resolve(null), { once: true });
        }),
      exec: async () => ({ code: 0, stdout: `/var/log/ok.log\n/var/log/${HOSTILE}.log\n`, stderr: '', timedOut: false }),
    } as unknown as Host;
    return { host, out: (b: Buffer) => onStdout!(b), err: (b: Buffer) => onStderr!(b) };
  }

  test('a followed file: every family, UTF-8 cut between chunks, invalid bytes', async () => {
    vi.useFakeTimers({ now: 0 });
    const { host, out, err } = fileHost();
    const logs = new LogService({ host: () => host, docker: () => undefined, globs: () => ['/var/log/*.log'], flushMs: 10 });
    const source: LogSource = { kind: 'file', host: 'h1', path: '/var/log/app.log' };
    logs.open(source);
    await vi.advanceTimersByTimeAsync(0);
    const bytes = Buffer.concat([Buffer.from(`${HOSTILE}\r\n`), Buffer.from('é✓🚀 '), Buffer.from([0xff, 0xc3]), Buffer.from(' end\n')]);
    // One byte at a time: every multi-byte character is cut.
    for (let i = 0; i < bytes.length; i++) out(bytes.subarray(i, i + 1));
    err(Buffer.from(`tail: ${ESC}]0;x${BEL}\n`));
    const buf = logs.buffer(sourceKey(source))!;
    expect([0, 1, 2].map((i) => buf.at(i)!.text)).toEqual([INERT, 'é✓🚀 \ufffd\ufffd end', 'tail: ␛]0;x␇']);
    await logs.refreshFiles('h1');
    expect(logs.store.getState().files.h1!.paths).toContain(`/var/log/${INERT}.log`);
    logs.stop();
  });
});

describe('a run', () => {
  test("a command's output (escape sequences, CR, C1) is inert in the run's store", async () => {
    const lib = libraryFromTexts([
      {
        file: 'hostile.md',
        text: [
          '# Hostile',
          '',
          '## Testing',
          '',
          `### TH-001: Hostile ${ESC}]0;title${BEL}output`,
          '',
          '**Purpose:** Print every family of control sequence.',
          '',
          '**Steps:**',
          '',
          '1. **Print**',
          '   ```bash',
          "   printf 'a\\033]0;PWNED\\007b\\033]52;c;aGVsbG8=\\007c\\033[2J\\rZ\\302\\233\\n'",
          '   ```',
          '',
        ].join('\n'),
      },
    ]);
    const proc = lib.procedures[0]!;
    const s = new RunSession({
      procedure: proc,
      host: new LocalHost('local'),
      production: false,
      values: {},
      stateDir: mkdtempSync(join(tmpdir(), 'riskctl-inert-')),
      readOnly: false,
      confirm: async () => true,
    });
    const r = await s.done;
    expect(r?.status).toBe('completed');
    const st = s.store.getState();
    // What the command's terminal would show: sequences dropped, the CR-rewritten line's last text, C1 inert.
    expect(st.lines).toContain('Z\\x9b');
    expectInert(st);
  });
});

describe('the status bar', () => {
  test('a message (an error with remote words in it) is inert and one line', () => {
    const s = uiReducer(initialUi(), { type: 'message', text: `restart failed: ${HOSTILE}\nsecond line`, level: 'error' });
    expect(s.message!.text).toBe(`restart failed: ${INERT}␊second line`);
  });
});
