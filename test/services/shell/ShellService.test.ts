import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HostError, type Host, type ShellOptions, type ShellSession } from '../../../src/hosts/Host';
import { AuditLog, type AuditEntry } from '../../../src/services/AuditLog';
import { ShellService } from '../../../src/services/shell/ShellService';

const SIZE: ShellOptions = { cols: 100, rows: 30, term: 'xterm-256color' };

/** A host whose shell ends when the test says so; counts the shells it opened. */
function fakeHost(fail?: Error) {
  let end!: (code: number | null) => void;
  const opened: ShellOptions[] = [];
  const host = {
    name: 'web-1',
    openShell: async (o: ShellOptions): Promise<ShellSession> => {
      if (fail) throw fail;
      opened.push(o);
      return { output: null, write: () => {}, resize: () => {}, close: () => {}, exit: new Promise((r) => (end = r)) };
    },
  } as unknown as Host;
  return { host, opened, end: (code: number | null) => end(code) };
}

function setup(o: { readOnly?: boolean; fail?: Error } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'riskctl-shell-'));
  const file = join(dir, 'audit.jsonl');
  const h = fakeHost(o.fail);
  let t = 1_000;
  const svc = new ShellService({
    host: (n) => (n === 'web-1' ? h.host : undefined),
    docker: () => undefined,
    audit: new AuditLog(file),
    readOnly: () => o.readOnly ?? false,
    now: () => t,
  });
  const audit = (): AuditEntry[] =>
    existsSync(file)
      ? readFileSync(file, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as AuditEntry)
      : [];
  return { svc, h, audit, advance: (ms: number) => (t += ms) };
}

describe('ShellService', () => {
  test('opens the host shell at the given size; the audit log gets its start and its end with how long', async () => {
    const { svc, h, audit, advance } = setup();
    const r = await svc.open({ host: 'web-1' }, true, SIZE);
    expect(r.ok).toBe(true);
    expect(h.opened).toEqual([SIZE]);
    expect(audit().map((e) => [e.host, e.target, e.action, e.result, e.detail])).toEqual([['web-1', 'shell', 'shell', 'ok', 'started']]);
    advance(42_000);
    h.end(3);
    expect(await (r.ok && r.session.exit)).toBe(3);
    const end = audit()[1]!;
    expect(end).toMatchObject({ host: 'web-1', target: 'shell', action: 'shell', result: 'ok', detail: 'ended, exit 3', durationMs: 42_000 });
    expect(Object.keys(end).sort()).toEqual(['action', 'detail', 'durationMs', 'host', 'operator', 'result', 'target', 'time']);
  });

  test.each([
    ['refused under --read-only, before any shell', { readOnly: true }, true, 'refused', /--read-only: refused to open a shell on web-1/],
    ['a no is recorded as cancelled', {}, false, 'cancelled', /not opened: a shell on web-1/],
    [
      'a shell that cannot open says why',
      { fail: new HostError('web-1', 'not connected', 'unreachable') },
      true,
      'failed',
      /cannot open a shell on web-1: .*not connected/,
    ],
  ] as const)('%s', async (_name, o, confirmed, result, message) => {
    const { svc, h, audit } = setup(o);
    const r = await svc.open({ host: 'web-1' }, confirmed, SIZE);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(message);
    expect(h.opened).toEqual([]);
    expect(audit().map((e) => [e.target, e.result])).toEqual([['shell', result]]);
  });

  test('a container on a host without Docker fails, named in the log', async () => {
    const { svc, audit } = setup();
    const r = await svc.open({ host: 'web-1', container: { id: 'abc', name: 'api-1' } }, true, SIZE);
    expect(!r.ok && r.message).toBe('web-1 has no Docker configured');
    expect(audit()[0]).toMatchObject({ target: 'container api-1', action: 'shell', result: 'failed' });
  });
});
