// `riskctl run` / `riskctl runs` against a lab host, with test libraries whose
// commands touch only a temp folder made on the host for the test.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labHost } from '../../../lab/lab';
import { cleanEnv, onHost, riskctl, tempDir, writeConfig } from '../../../app/cliHelpers';

const LIB = 'test/fixtures/procedures/runner-library.md';
const MANUAL = 'test/fixtures/procedures/runner-manual.md';
const h = labHost(2);

interface RunJson {
  runId: string;
  status: string;
  message: string;
  journal: string;
  steps: Array<{ number: number; title: string; status: string; exitCode: number | null; reason?: string }>;
}

let cfg: string;
let env: Record<string, string>;
let work: string;
const run = (extra: string[], lib = LIB) => riskctl(['run', '--config', cfg, '--library', lib, '--json', ...extra], env, 60_000);
const exists = (p: string) => onHost(h, `test -e '${p}' && echo yes || echo no`).trim();
const records = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(() => {
  cfg = writeConfig(tempDir('run'), [{ name: 'lab-2', host: h }]);
  env = cleanEnv();
  work = onHost(h, 'mktemp -d /tmp/riskctl-run.XXXXXX').trim();
});
afterAll(() => {
  onHost(h, `rm -rf '${work}'`);
});

describe('riskctl run (headless) on a lab host', () => {
  it('runs read-only steps and stops at a mutating one without --yes, naming it; nothing is written', async () => {
    const r = await run(['TR-001', '--host', 'lab-2', '--param', `work_dir=${work}`, '--param', 'note=hello']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as RunJson;
    expect(j.status).toBe('stopped');
    expect(j.message).toBe('step "2. Write A File" is mutating: pass --yes to run it headless');
    expect(j.steps.map((s) => [s.number, s.status, s.exitCode])).toEqual([
      [1, 'done', 0],
      [2, 'stopped', null],
    ]);
    expect(exists(`${work}/mutated.txt`)).toBe('no');
  });

  it('runs a mutating step with --yes; a destructive one never runs headless', async () => {
    const r = await run(['TR-001', '--host', 'lab-2', '--param', `work_dir=${work}`, '--param', 'note=hello', '--yes']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as RunJson;
    expect(j.steps.map((s) => s.status)).toEqual(['done', 'done', 'stopped']);
    expect(j.message).toBe('step "3. Remove The File" is destructive: destructive steps never run headless (run it in the cockpit)');
    expect(exists(`${work}/mutated.txt`)).toBe('yes');
    const step2 = records(j.journal).find((x) => x.type === 'step' && x.index === 1) as { confirmedBy: string; commands: Array<{ exitCode: number }> };
    expect(step2.confirmedBy).toMatch(/\(--yes\)$/);
    expect(step2.commands[0]!.exitCode).toBe(0);
    onHost(h, `rm -f '${work}/mutated.txt'`);
  });

  it('--read-only refuses mutating and destructive steps and runs the rest', async () => {
    const r = await run(['TR-001', '--host', 'lab-2', '--param', `work_dir=${work}`, '--param', 'note=hello', '--yes', '--read-only']);
    const j = JSON.parse(r.stdout) as RunJson;
    expect(j.steps.map((s) => s.status)).toEqual(['done', 'refused', 'refused']);
    expect(j.steps[1]!.reason).toBe('--read-only: refused to run step "2. Write A File" (mutating)');
    // Refused steps leave the run incomplete, not completed: exit 1.
    expect(j.status).toBe('incomplete');
    expect(r.code).toBe(1);
    expect(exists(`${work}/mutated.txt`)).toBe('no');
  });

  it('a hostile parameter stays literal on the host', async () => {
    const canary = `${work}/canary`;
    const hostile = `$(touch ${canary}) \`touch ${canary}\` 'x' "y"; touch ${canary} && touch ${canary} | touch ${canary}`;
    const r = await run(['TR-001', '--host', 'lab-2', '--param', `work_dir=${work}`, '--param', `note=${hostile}`]);
    const j = JSON.parse(r.stdout) as RunJson;
    expect(j.steps[0]!.status).toBe('done');
    expect(exists(canary)).toBe('no');
    const step1 = records(j.journal).find((x) => x.type === 'step' && x.index === 0) as { commands: Array<{ output: string; asRun: string }> };
    expect(step1.commands.map((c) => c.output).join('')).toContain(`note: ${hostile}\n`);
    // The command as run names the variable, never the value.
    expect(step1.commands.every((c) => !c.asRun.includes('touch'))).toBe(true);
  });

  it('resume continues from the first unfinished step and never repeats a finished one; the report renders', async () => {
    const first = JSON.parse((await run(['TR-001', '--host', 'lab-2', '--param', `work_dir=${work}`, '--param', 'note=resume-me'])).stdout) as RunJson;
    expect(first.status).toBe('stopped');
    const r = await riskctl(['run', '--resume', first.runId, '--config', cfg, '--library', LIB, '--json', '--yes'], env, 60_000);
    const j = JSON.parse(r.stdout) as RunJson;
    expect(j.runId).toBe(first.runId);
    expect(j.steps.map((s) => [s.number, s.status])).toEqual([
      [1, 'done'],
      [2, 'done'],
      [3, 'stopped'],
    ]);
    const recs = records(j.journal);
    expect(recs.filter((x) => x.type === 'step' && x.index === 0)).toHaveLength(1);
    expect(recs.find((x) => x.type === 'resume')).toMatchObject({ fromStep: 1 });
    onHost(h, `rm -f '${work}/mutated.txt'`);
    const report = await riskctl(['runs', first.runId], env);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('# TR-001: Runner Test Procedure');
    expect(report.stdout).toContain('### 1. Look Around — ✔ done');
    expect(report.stdout).toContain('### 2. Write A File — ✔ done');
    expect(report.stdout).toContain('### 3. Remove The File — ■ stopped');
    expect(report.stdout).toContain('note: resume-me');
    const list = JSON.parse((await riskctl(['runs', '--json'], env)).stdout) as { runs: Array<{ runId: string; status: string }> };
    expect(list.runs.find((x) => x.runId === first.runId)?.status).toBe('stopped');
  });

  it('journals every step and no secret; instructions are skipped (headless); a failing step fails the run', async () => {
    const secret = 'sup3r-s3cret-t0ken';
    const r = await run(['TM-001', '--host', 'lab-2', '--param', `api_token=${secret}`], MANUAL);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as RunJson;
    expect(j.steps.map((s) => [s.status, s.exitCode])).toEqual([
      ['skipped', null],
      ['done', 0],
      ['failed', 1],
    ]);
    expect(j.message).toBe('step 3 "Fail" failed: exit code 1: false');
    const text = readFileSync(j.journal, 'utf8');
    expect(text).not.toContain(secret);
    const recs = records(j.journal);
    expect(recs[0]).toMatchObject({ type: 'run', params: { api_token: '[redacted]' } });
    const steps = recs.filter((x) => x.type === 'step') as Array<{ reason?: string; commands: Array<{ output: string; exitCode: number | null }> }>;
    expect(steps[0]!.reason).toBe('skipped (headless): instructions only');
    expect(steps[1]!.commands[0]!.output).toBe('token is [redacted]\n');
    // A failed command stops its block: the command after it is recorded, not run; each has its own exit code.
    expect(steps[2]!.commands.map((c) => [c.output, c.exitCode])).toEqual([
      ['before\n', 0],
      ['', 1],
      ['', null],
    ]);
    expect(recs.at(-1)).toMatchObject({ type: 'end', status: 'failed' });
  });

  it('usage errors exit 2 naming the problem', async () => {
    const unknown = await run(['TR-999', '--host', 'lab-2']);
    expect([unknown.code, unknown.stderr.split('\n')[0]]).toEqual([2, `riskctl: unknown procedure "TR-999" (did you mean TR-001?); 'riskctl procedures' lists them`]);
    const host = await run(['TR-001', '--host', 'nope']);
    expect([host.code, host.stderr.split('\n')[0]]).toEqual([2, 'riskctl: unknown host "nope" (hosts: lab-2)']);
    const bad = await run(['TR-001', '--host', 'lab-2', '--param', `work_dir=${'x'.repeat(600)}`]);
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, 'riskctl: parameter work_dir (text) is longer than 500 characters']);
  });
});
