// The runner's flow on this machine (LocalHost runs a real /bin/sh): branches
// asked or named, alternatives chosen, a failed step retried, skipped or
// aborted, and how the run ends — in the records, the journal and the report.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalHost } from '../../../../src/hosts/LocalHost';
import { readRun } from '../../../../src/services/procedures/runner/journal';
import { renderReport } from '../../../../src/services/procedures/runner/report';
import { runProcedure, type RunOptions } from '../../../../src/services/procedures/runner/Runner';
import type { FailureAnswer, RunAsk } from '../../../../src/services/procedures/runner/types';
import { flowProcedure } from './flowFixture';

const p = flowProcedure();

function setup() {
  const work = mkdtempSync(join(tmpdir(), 'riskctl-flow-'));
  const state = mkdtempSync(join(tmpdir(), 'riskctl-flow-state-'));
  const log = () => (existsSync(join(work, 'log')) ? readFileSync(join(work, 'log'), 'utf8').trim().split('\n') : []);
  const run = (o: Partial<RunOptions>) =>
    runProcedure({ procedure: p, host: new LocalHost('local'), production: false, values: { work_dir: work }, stateDir: state, mode: { headless: true, readOnly: false, yes: true }, ...o });
  return { work, state, log, run };
}

/** An operator who answers from a script. */
function operator(a: { branch?: boolean; choose?: number[]; failed?: FailureAnswer[]; rerun?: boolean }, seen: string[] = []): RunAsk {
  const failed = [...(a.failed ?? [])];
  return {
    confirm: async (r) => (seen.push(`confirm ${r.step.number} ${r.risk}`), r.confirmation.kind === 'typeHost' ? r.confirmation.expected : 'yes'),
    manual: async () => ({ done: true }),
    check: async () => ({ done: true }),
    branch: async (r) => (seen.push(`branch ${r.step.number}: ${r.question}`), a.branch ?? false),
    choose: async (r) => (seen.push(`choose ${r.step.number}: ${r.options.map((o) => o.label).join(' | ')} [${r.preselected.join(',')}]`), a.choose ?? []),
    failed: async (r) => (seen.push(`failed ${r.step.number}: ${r.problem}`), failed.shift() ?? { action: 'abort' }),
    rerun: async (r) => (seen.push(`rerun ${r.step.number}: ${r.command}`), a.rerun ?? false),
  };
}

describe('branches and alternatives', () => {
  it('headless: a branch not named is passed over, and recorded so', async () => {
    const t = setup();
    writeFileSync(join(t.work, 'ok'), '');
    const r = await t.run({});
    expect(r.status).toBe('completed');
    expect(t.log()).toEqual(['standard', 'one', 'two']);
    const s1 = r.steps[0]!;
    expect(s1.branches).toEqual([expect.objectContaining({ label: 'If Standard Recovery Fails', flow: 'branch', taken: false, by: 'headless: not named by --branch', commands: 2 })]);
    expect(r.steps[1]!.branches?.map((b) => [b.label, b.taken])).toEqual([
      ['For API Service', false],
      ['For Database Service', false],
    ]);
    expect(r.steps[1]!.commands).toEqual([]);
    const report = renderReport(readRun(t.state, r.runId));
    expect(report).toMatch(/- Branch "If Standard Recovery Fails" \(2 commands\) — passed over \(headless: not named by --branch\) at \d{4}-/);
  });

  it('headless: --branch takes the branch and the alternative named, after the block before it', async () => {
    const t = setup();
    writeFileSync(join(t.work, 'ok'), '');
    const r = await t.run({ branches: [{ step: 1, label: 'If Standard Recovery Fails' }, { step: 2, label: 'For Database Service' }] });
    expect(r.status).toBe('completed');
    expect(t.log()).toEqual(['standard', 'fallback', 'again', 'one', 'two']);
    expect(r.steps[0]!.branches?.[0]).toMatchObject({ taken: true, by: '--branch' });
    expect(r.steps[1]!.commands.map((c) => [c.branch, c.output])).toEqual([['For Database Service', 'db-diagnosis\n']]);
  });

  it('the cockpit asks the branch in its own words after the standard block ran; no is the default answer', async () => {
    const t = setup();
    writeFileSync(join(t.work, 'ok'), '');
    const seen: string[] = [];
    const ask = operator({ choose: [0] }, seen);
    const branch = ask.branch;
    ask.branch = async (r) => {
      expect(t.log()).toEqual(['standard']); // the block before it has run
      return branch(r);
    };
    const r = await t.run({ mode: { headless: false, readOnly: false, yes: false }, ask, hint: { service: 'api' } });
    expect(r.status).toBe('completed');
    expect(seen.slice(0, 3)).toEqual(['confirm 1 mutating', 'branch 1: If Standard Recovery Fails — run these 2 commands?', 'choose 2: For API Service | For Database Service [0]']);
    expect(t.log()).toEqual(['standard', 'one', 'two']);
    expect(r.steps[1]!.commands.map((c) => c.output)).toEqual(['api-diagnosis\n']);
    expect(r.steps[0]!.branches?.[0]).toMatchObject({ taken: false, by: expect.not.stringMatching(/headless/) });
  });

  it('a branch taken in the cockpit runs; under --read-only a chosen mutating branch is refused and the run is incomplete', async () => {
    const t = setup();
    writeFileSync(join(t.work, 'ok'), '');
    const r = await t.run({ mode: { headless: false, readOnly: false, yes: false }, ask: operator({ branch: true, choose: [0, 1] }) });
    expect(t.log()).toEqual(['standard', 'fallback', 'again', 'one', 'two']);
    expect(r.steps[1]!.commands.map((c) => c.output)).toEqual(['api-diagnosis\n', 'db-diagnosis\n']);
    const ro = setup();
    const r2 = await ro.run({ mode: { headless: false, readOnly: true, yes: false }, ask: operator({ branch: true, choose: [1] }) });
    expect(r2.status).toBe('incomplete');
    expect(r2.message).toBe('TF-001 incomplete on local: steps 1, 3 refused');
    expect(ro.log()).toEqual([]);
  });
});

describe('a failed step: retry, skip, abort', () => {
  it('headless: the step fails and the run ends failed', async () => {
    const t = setup();
    const r = await t.run({});
    expect(r.status).toBe('failed');
    expect(r.steps.map((s) => s.status)).toEqual(['done', 'done', 'failed']);
  });

  it('retry runs the failed command and the rest again, as attempt 2', async () => {
    const t = setup();
    const ask = operator({ failed: [{ action: 'retry' }] });
    const failed = ask.failed;
    ask.failed = async (r) => {
      writeFileSync(join(t.work, 'ok'), ''); // the operator fixes the cause
      return failed(r);
    };
    const r = await t.run({ mode: { headless: false, readOnly: false, yes: false }, ask });
    expect(r.status).toBe('completed');
    const s3 = r.steps[2]!;
    expect(s3.status).toBe('done');
    expect(s3.attempts).toBe(2);
    const retried = s3.commands.filter((c) => c.attempt === 2);
    expect(retried.map((c) => [c.text.split(' ')[0], c.exitCode])).toEqual([
      ['test', 0],
      ['echo', 0],
    ]);
    expect(s3.commands.find((c) => c.attempt === undefined && c.text.startsWith('test'))?.exitCode).toBe(1);
    const report = renderReport(readRun(t.state, r.runId));
    expect(report).toContain('Attempts: 2');
    expect(report).toMatch(/Command \(attempt 2\) \(mutating\) — exit 0/);
  });

  it('skip needs a reason, is recorded as skipped and the run goes on to end incomplete', async () => {
    const t = setup();
    const r = await t.run({ mode: { headless: false, readOnly: false, yes: false }, ask: operator({ failed: [{ action: 'skip', reason: 'fixed by hand' }] }) });
    expect(r.steps.map((s) => s.status)).toEqual(['done', 'done', 'skipped', 'done']);
    expect(r.steps[2]!.reason).toMatch(/^skipped by .+ after a failure \(exit code 1: test -e .*\): fixed by hand$/);
    expect(r.status).toBe('incomplete');
    const run = readRun(t.state, r.runId);
    expect(run.status).toBe('incomplete');
    expect(renderReport(run)).toContain('### 3. Flaky — ↷ skipped');
  });

  it('abort ends the run failed at that step; a resume retries it', async () => {
    const t = setup();
    const r = await t.run({ mode: { headless: false, readOnly: false, yes: false }, ask: operator({ failed: [{ action: 'abort' }] }) });
    expect(r.status).toBe('failed');
    expect(r.steps.map((s) => s.status)).toEqual(['done', 'done', 'failed']);
    expect(r.message).toMatch(/aborted by/);
    expect(readRun(t.state, r.runId).resumeAt).toBe(2);
  });
});

describe('production, headless', () => {
  it('--yes alone stops at the first risky step; --confirm-host with the host name runs it', async () => {
    const t = setup();
    writeFileSync(join(t.work, 'ok'), '');
    const r = await t.run({ production: true });
    expect(r.status).toBe('stopped');
    expect(r.message).toBe('local is a production host: --yes alone does not run its risky steps headless; add --confirm-host local');
    expect(t.log()).toEqual([]);
    const ok = await t.run({ production: true, mode: { headless: true, readOnly: false, yes: true, confirmHost: 'local' } });
    expect(ok.status).toBe('completed');
    expect(ok.steps[0]!.confirmedBy).toMatch(/\(--yes --confirm-host local\)$/);
  });
});

describe('resuming a run interrupted mid-step', () => {
  /** A journal as a crash leaves it: step 1 recorded, step 2's command begun, nothing after. */
  async function interrupted() {
    const t = setup();
    writeFileSync(join(t.work, 'ok'), '');
    const first = await t.run({ branches: [{ step: 2, label: 'For API Service' }] });
    const file = first.file;
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const upTo = lines.findIndex((l) => l.includes('"type":"command-start"') && l.includes('"index":1'));
    writeFileSync(file, `${lines.slice(0, upTo + 1).join('\n')}\n`);
    return { ...t, runId: first.runId };
  }

  it('headless: says which step and command, and stops there without --rerun-interrupted', async () => {
    const t = await interrupted();
    const run = readRun(t.state, t.runId);
    expect(run.status).toBe('interrupted');
    expect(renderReport(run)).toMatch(/### 2\. TF-001 step 2 — interrupted\n\nInterrupted while running `echo api-diagnosis` \(started .*\); the run has not been resumed\./);
    const r = await t.run({ resume: run });
    expect(r.status).toBe('stopped');
    expect(r.message).toMatch(/^step 2 was interrupted while running echo api-diagnosis \(started .*\): not run again \(pass --rerun-interrupted to run it again\)$/);
    expect(renderReport(readRun(t.state, t.runId))).toMatch(/Interrupted while running `echo api-diagnosis` .*; not run again \(headless\)\./);
  });

  it('the cockpit asks; yes runs the step again as attempt 2, and the report shows both', async () => {
    const t = await interrupted();
    const seen: string[] = [];
    const r = await t.run({ resume: readRun(t.state, t.runId), mode: { headless: false, readOnly: false, yes: false }, ask: operator({ rerun: true, choose: [0] }, seen) });
    expect(seen[0]).toBe('rerun 2: echo api-diagnosis');
    expect(r.status).toBe('completed');
    const run = readRun(t.state, t.runId);
    const s2 = run.steps.find((s) => s.number === 2)!;
    expect(s2.commands.map((c) => [c.output, c.attempt])).toEqual([['api-diagnosis\n', 2]]);
    expect(renderReport(run)).toMatch(/### 2\. Diagnose — ✔ done[\s\S]*Attempt 1 interrupted while running `echo api-diagnosis` \(started .*\); run again on resume \(.+\): the commands below are attempt 2\./);
  });
});
