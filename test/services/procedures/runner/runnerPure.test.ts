import { describe, expect, it } from 'vitest';
import { gate } from '../../../../src/services/procedures/runner/gate';
import { bound, redactParams, redactText } from '../../../../src/services/procedures/runner/redact';
import { parseJournal } from '../../../../src/services/procedures/runner/journal';
import { recoveryTime, renderReport } from '../../../../src/services/procedures/runner/report';
import { evidencePath, resultCsv, resultTable } from '../../../../src/services/procedures/runner/sqlResult';
import { parseParamArgs } from '../../../../src/services/procedures/runner/params';
import type { JournalRecord, RunHeader, StepRecord } from '../../../../src/services/procedures/runner/types';

const host = { name: 'lab-2', production: false };
const prod = { name: 'lab-1', production: true };
const headless = { headless: true, readOnly: false, yes: false };
const tui = { headless: false, readOnly: false, yes: false };

describe('gate', () => {
  it('runs read-only steps everywhere, even under --read-only', () => {
    expect(gate('read-only', '1. Look', host, headless)).toEqual({ kind: 'run' });
    expect(gate('read-only', '1. Look', host, { ...tui, readOnly: true })).toEqual({ kind: 'run' });
  });
  it('refuses mutating and destructive steps under --read-only, naming the step', () => {
    expect(gate('mutating', '2. Write', host, { ...tui, readOnly: true })).toEqual({ kind: 'refuse', reason: '--read-only: refused to run step "2. Write" (mutating)' });
    expect(gate('destructive', '3. Rm', host, { ...headless, readOnly: true, yes: true }).kind).toBe('refuse');
  });
  it('headless: mutating needs --yes, destructive never runs', () => {
    expect(gate('mutating', '2. Write', host, headless)).toEqual({ kind: 'stop', reason: 'step "2. Write" is mutating: pass --yes to run it headless' });
    expect(gate('mutating', '2. Write', host, { ...headless, yes: true })).toEqual({ kind: 'run', confirmedBy: '--yes' });
    expect(gate('destructive', '3. Rm', host, { ...headless, yes: true })).toEqual({ kind: 'stop', reason: 'step "3. Rm" is destructive: destructive steps never run headless (run it in the cockpit)' });
  });
  it('interactive: a yes for mutating, the host name for destructive or production', () => {
    expect(gate('mutating', 's', host, tui)).toEqual({ kind: 'confirm', confirmation: { kind: 'yes' } });
    expect(gate('destructive', 's', host, tui)).toEqual({ kind: 'confirm', confirmation: { kind: 'typeHost', expected: 'lab-2' } });
    expect(gate('mutating', 's', prod, tui)).toEqual({ kind: 'confirm', confirmation: { kind: 'typeHost', expected: 'lab-1' } });
  });
});


describe('redaction and bounds', () => {
  it('redacts secret-named parameters and their values in output; keeps typed values', () => {
    const params = { api_token: 's3cr3t-value', db_password: 'hunter22', email: 'a@b.example', note: 'hello' };
    expect(redactParams(params)).toEqual({ api_token: '[redacted]', db_password: '[redacted]', email: 'a@b.example', note: 'hello' });
    expect(redactText('token is s3cr3t-value, pw hunter22, note hello', params)).toBe('token is [redacted], pw [redacted], note hello');
  });
  it('keeps the head and tail of long output', () => {
    const b = bound('a'.repeat(100) + 'b'.repeat(100), 20);
    expect(b).toBe(`${'a'.repeat(10)}\n… [180 characters cut] …\n${'b'.repeat(10)}`);
  });
});

const header: RunHeader = {
  type: 'run',
  runId: 'r1',
  procedure: { id: 'TR-001', title: 'T', hash: 'abc', source: 'x.md:5' },
  host: 'lab-2',
  production: false,
  operator: 'op',
  params: { note: 'hi' },
  mode: headless,
  startedAt: '2026-11-27T03:00:00.000Z',
};
const step = (index: number, status: StepRecord['status']): StepRecord => ({ type: 'step', index, number: index + 1, title: `S${index + 1}`, phase: 'Steps', status, risk: 'read-only', startedAt: 't0', endedAt: 't1', commands: [{ kind: 'shell', text: 'echo hi', risk: 'read-only', exitCode: status === 'failed' ? 1 : 0, output: 'hi\n', durationMs: 5 }] });
const jl = (rs: JournalRecord[]) => rs.map((r) => JSON.stringify(r)).join('\n');

describe('journal', () => {
  it('an interrupted run (torn last line) resumes at the first unfinished step', () => {
    const text = `${jl([header, step(0, 'done'), step(1, 'skipped')])}\n{"type":"step","ind`;
    const s = parseJournal(text, 'f');
    expect(s.status).toBe('interrupted');
    expect(s.resumeAt).toBe(2);
    expect(s.steps.map((x) => x.status)).toEqual(['done', 'skipped']);
  });
  it('a failed step is retried by a resume; its newer record replaces the old one', () => {
    const failed = parseJournal(jl([header, step(0, 'done'), step(1, 'failed'), { type: 'end', status: 'failed', message: 'm', at: 't' }]), 'f');
    expect([failed.status, failed.resumeAt]).toEqual(['failed', 1]);
    const resumed = parseJournal(jl([header, step(0, 'done'), step(1, 'failed'), { type: 'end', status: 'failed', message: 'm', at: 't' }, { type: 'resume', fromStep: 1, at: 't' }, step(1, 'done')]), 'f');
    expect([resumed.status, resumed.resumeAt, resumed.steps.length]).toEqual(['interrupted', 2, 2]);
  });
  it('refuses a file without a run record', () => {
    expect(() => parseJournal('{"type":"step"}\n', 'x.jsonl')).toThrow('x.jsonl: not a run journal (no run record)');
  });
});

describe('report', () => {
  it('renders steps, outputs, the checklist and the end', () => {
    const s = parseJournal(jl([header, step(0, 'done'), { type: 'check', index: 0, section: 'Success Criteria', text: 'Clean', status: 'refused', reason: 'not yet', at: 't' }, { type: 'end', status: 'completed', message: 'TR-001 completed on lab-2', at: 't9' }]), 'f');
    const md = renderReport(s);
    expect(md).toContain('# TR-001: T');
    expect(md).toContain('| Status | **completed** — TR-001 completed on lab-2 |');
    expect(md).toContain('### 1. S1 — ✔ done');
    expect(md).toContain('```\necho hi\n```');
    expect(md).toContain('Output:\n\n```\nhi\n```');
    expect(md).toContain('- [ ] Clean — refused: not yet');
    expect(md).toContain('- `note`: `hi`');
  });
});

describe('recovery timer', () => {
  it('reports the time between start and stop, or that it never stopped', () => {
    expect(recoveryTime([])).toBeNull();
    expect(recoveryTime([{ type: 'timer', action: 'start', at: '2026-11-27T03:00:00.000Z' }])).toBe('Started 2026-11-27T03:00:00.000Z, not stopped.');
    expect(
      recoveryTime([
        { type: 'timer', action: 'start', at: '2026-11-27T03:00:00.000Z' },
        { type: 'timer', action: 'stop', at: '2026-11-27T03:42:05.000Z' },
      ]),
    ).toBe('Started 2026-11-27T03:00:00.000Z, stopped 2026-11-27T03:42:05.000Z: **42 min 5 s**.');
  });
});

describe('sql results and params', () => {
  it('tables and CSV', () => {
    const rows = [{ id: 1, email: 'a@b.example', note: 'x, "y"' }];
    expect(resultTable(rows)).toBe('id  email        note\n--  -----------  ------\n1   a@b.example  x, "y"\n(1 row)');
    expect(resultCsv(rows)).toBe('id,email,note\r\n1,a@b.example,"x, ""y"""\r\n');
    expect(resultTable([])).toBe('(0 rows)');
  });
  it('evidence paths stay inside the evidence folder', () => {
    expect(evidencePath('soc2/x_{date}.csv', new Date('2026-11-27T03:04:05Z'))).toBe('soc2/x_2026-11-27.csv');
    expect(() => evidencePath('../x.csv', new Date())).toThrow('must stay inside');
  });
  it('--param pairs: names normalised like placeholders, bad pairs named', () => {
    expect(parseParamArgs(['Work-Dir=/tmp/a=b', 'oops'])).toEqual({ values: { work_dir: '/tmp/a=b' }, problems: ['--param "oops": expected NAME=VALUE'] });
  });
});
