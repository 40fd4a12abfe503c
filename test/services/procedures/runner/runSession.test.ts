// The cockpit's side of a run, on this machine (LocalHost runs a real /bin/sh):
// confirmations through the given confirm function, questions parked in the store.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalHost } from '../../../../src/hosts/LocalHost';
import { libraryFromTexts, loadLibrary } from '../../../../src/services/procedures/loadLibrary';
import { runProcedure } from '../../../../src/services/procedures/runner/Runner';
import { RunSession } from '../../../../src/services/procedures/runner/RunSession';
import { checkParams } from '../../../../src/services/procedures/runner/params';
import type { ConfirmRequest } from '../../../../src/services/procedures/runner/types';

const lib = loadLibrary(['test/fixtures/procedures/runner-library.md', 'test/fixtures/procedures/runner-manual.md']);
const proc = (id: string) => lib.procedures.find((p) => p.id === id)!;

function session(id: string, values: Record<string, string>, confirm: (r: ConfirmRequest) => Promise<boolean>, readOnly = false) {
  const state = mkdtempSync(join(tmpdir(), 'riskctl-session-'));
  return new RunSession({ procedure: proc(id), host: new LocalHost('local'), production: false, values, stateDir: state, readOnly, confirm });
}

describe('RunSession (interactive runs)', () => {
  it('asks to confirm each risky step with its risk and commands, runs it on yes, and asks the checklist', async () => {
    const work = mkdtempSync(join(tmpdir(), 'riskctl-work-'));
    const asked: ConfirmRequest[] = [];
    const s = session('TR-001', checkParams(proc('TR-001'), { work_dir: work, note: 'hi' }).values, async (r) => {
      asked.push(r);
      // Between the steps: the mutating one wrote its file, the destructive one has not run.
      if (r.risk === 'destructive') expect(existsSync(join(work, 'mutated.txt'))).toBe(true);
      return true;
    });
    const unsub = s.store.subscribe((st) => {
      if (st.question?.kind === 'check') s.reply({ done: false, reason: 'checked later' });
    });
    const r = await s.done;
    unsub();
    expect(asked.map((a) => [a.step.number, a.risk, a.confirmation.kind])).toEqual([
      [2, 'mutating', 'yes'],
      [3, 'destructive', 'typeHost'],
    ]);
    expect(asked[0]!.commands).toEqual(['echo written > "[work_dir]/mutated.txt"']);
    expect(existsSync(join(work, 'mutated.txt'))).toBe(false);
    expect(r?.status).toBe('completed');
    const st = s.store.getState();
    expect(st.steps.map((x) => x.state)).toEqual(['done', 'done', 'done']);
    expect(st.lines).toContain('note: hi');
    expect(st.lines.at(-1)).toBe('[ ] The folder is clean — checked later');
    const journal = readFileSync(r!.file, 'utf8');
    expect(journal).toContain('"status":"refused","reason":"checked later"');
  });

  it('a no stops the run at that step (declined), and instructions wait for done or a reasoned skip', async () => {
    const work = mkdtempSync(join(tmpdir(), 'riskctl-work-'));
    const s = session('TR-001', { work_dir: work, note: 'x' }, async () => false);
    const r = await s.done;
    expect(r?.status).toBe('stopped');
    expect(r?.message).toBe('step 2 "Write A File" was not confirmed');
    expect(existsSync(join(work, 'mutated.txt'))).toBe(false);

    const m = session('TM-001', { api_token: 'tok-123' }, async () => true);
    await new Promise<void>((res) => {
      const un = m.store.subscribe((st) => {
        if (st.question?.kind === 'manual') {
          expect(m.reply({ done: false, reason: '  ' })).toBe(false); // a skip needs a reason
          expect(m.reply({ done: true })).toBe(true);
          un();
          res();
        }
      });
    });
    // The failed step asks what next: abort ends the run failed.
    m.store.subscribe((st) => {
      if (st.question?.kind === 'failed') m.replyFailure({ action: 'abort' });
    });
    const mr = await m.done;
    expect(mr?.status).toBe('failed');
    expect(m.store.getState().steps.map((x) => x.state)).toEqual(['done', 'done', 'failed', 'pending']);
    expect(m.store.getState().lines).toContain('token is [redacted]');
  });

  it('--read-only refuses without asking', async () => {
    const work = mkdtempSync(join(tmpdir(), 'riskctl-work-'));
    let asked = 0;
    const s = session('TR-001', { work_dir: work, note: 'x' }, async () => (asked++, true), true);
    s.store.subscribe((st) => {
      if (st.question) s.reply({ done: true });
    });
    const r = await s.done;
    expect(asked).toBe(0);
    expect(r?.steps.map((x) => x.status)).toEqual(['done', 'refused', 'refused']);
  });

  it('each step starts in the platform folder; a missing one leaves the login folder', async () => {
    const text = '# L\n\n## Testing\n\n### TP-001: Where\n\n**Steps:**\n\n1. **Pwd**\n   ```bash\n   pwd\n   ```\n';
    const p = libraryFromTexts([{ file: 'where.md', text }]).procedures[0]!;
    const dir = mkdtempSync(join(tmpdir(), 'riskctl-platform-'));
    const state = mkdtempSync(join(tmpdir(), 'riskctl-session-'));
    const run = (cwd: string) => runProcedure({ procedure: p, host: new LocalHost('local'), production: false, values: {}, stateDir: state, cwd, mode: { headless: true, readOnly: false, yes: false } });
    expect((await run(dir)).steps[0]!.commands[0]!.output).toBe(`${dir}\n`);
    expect((await run(join(dir, 'missing'))).steps[0]!.commands[0]!.output).not.toBe(`${join(dir, 'missing')}\n`);
  });
  it('an SQL step’s answer joins the run view’s output: its table, or why there is none', async () => {
    const text = "# L\n\n## Testing\n\n### TQ-001: Count\n\n**Steps:**\n\n1. **Count**\n   ```sql\n   SELECT count(*) FROM risk_platform.users;\n   ```\n";
    const p = libraryFromTexts([{ file: 'count.md', text }]).procedures[0]!;
    const state = mkdtempSync(join(tmpdir(), 'riskctl-session-'));
    // No postgres: entry for the host: the statement cannot run, and the operator is told why on screen.
    const s = new RunSession({ procedure: p, host: new LocalHost('local'), production: false, values: {}, stateDir: state, readOnly: false, confirm: async () => true });
    s.store.subscribe((st) => {
      if (st.question?.kind === 'failed') s.replyFailure({ action: 'abort' });
    });
    const r = await s.done;
    expect(r?.status).toBe('failed');
    const lines = s.store.getState().lines;
    expect(lines.slice(0, 2)).toEqual(['▶ 1. Count [read-only]', 'no postgres: entry in the config for local: SQL steps need the database connection']);
  });
});
