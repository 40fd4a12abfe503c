import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog, auditLogPath } from '../../src/services/AuditLog';

describe('AuditLog', () => {
  it('appends one JSON line per action, in order, with time and operator, creating its folder', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'riskctl-audit-')), 'state', 'riskctl');
    const log = new AuditLog(auditLogPath(dir));
    await Promise.all([
      log.append({ host: 'lab-1', target: 'api', action: 'restart', result: 'ok' }),
      log.append({ host: 'lab-1', target: 'pid 42', action: 'terminate', result: 'refused', detail: '--read-only' }),
      log.append({ host: 'lab-2', target: 'api', action: 'stop', result: 'cancelled' }),
    ]);
    const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.host, l.action, l.result])).toEqual([
      ['lab-1', 'restart', 'ok'],
      ['lab-1', 'terminate', 'refused'],
      ['lab-2', 'stop', 'cancelled'],
    ]);
    expect(lines[1].detail).toBe('--read-only');
    expect(lines[0].operator).toBe(userInfo().username);
    expect(Date.now() - Date.parse(lines[0].time)).toBeLessThan(60_000);
  });

  it('a failed write rejects that call only; later entries still land', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'riskctl-audit-'));
    const bad = new AuditLog(join(dir, 'nope', '\0', 'audit.jsonl'));
    await expect(bad.append({ host: 'h', target: 't', action: 'a', result: 'ok' })).rejects.toThrow();
    const good = new AuditLog(join(dir, 'audit.jsonl'));
    await good.append({ host: 'h', target: 't', action: 'a', result: 'ok' });
    expect(readFileSync(join(dir, 'audit.jsonl'), 'utf8')).toContain('"action":"a"');
  });
});
