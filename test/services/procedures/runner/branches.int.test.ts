// The built-in IR-002's step 3 on a lab host (a Risk Platform host: lab/platform.sh), headless:
// its "Standard Recovery" runs, its branches only when named with --branch. The procedure is the
// built-in text cut before step 4 (whose 15-minute check loop would run for its 20-minute timeout).
// And production stays gated: --yes without --confirm-host is refused before anything runs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { labHost } from '../../../lab/lab';
import { cleanEnv, riskctl, tempDir, writeConfig } from '../../../app/cliHelpers';
import type { BranchRecord, CommandRecord } from '../../../../src/services/procedures/runner/types';

const h = labHost(2);
let env: Record<string, string>;
let lib: string;
let dir: string;

interface Step {
  type: string;
  number: number;
  status: string;
  commands: CommandRecord[];
  branches?: BranchRecord[];
}

/** IR-002 as the built-in library has it, steps 1–3. */
function ir002UpToStep3(): string {
  const text = readFileSync('procedures/02-incident-response.md', 'utf8');
  const start = text.indexOf('### IR-002:');
  const end = text.indexOf('4. **Validation and Monitoring**', start);
  return `# Incident response library, cut before IR-002 step 4\n\n## Incident Response\n\n${text.slice(start, end)}`;
}

const steps = (journal: string) =>
  readFileSync(journal, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Step)
    .filter((r) => r.type === 'step');

beforeAll(() => {
  env = cleanEnv();
  dir = tempDir('ir002');
  lib = join(dir, 'ir-002.md');
  writeFileSync(lib, ir002UpToStep3());
});

describe('IR-002 step 3 headless on a lab host', { timeout: 150_000 }, () => {
  const run = (extra: string[]) => riskctl(['run', 'IR-002', '--config', writeConfig(dir, [{ name: 'lab-2', host: h }]), '--host', 'lab-2', '--library', lib, '--param', 'service_name=nginx', '--yes', '--json', ...extra], env, 120_000);

  it('runs only the standard recovery when no branch is named; the branches are recorded passed over', async () => {
    const r = await run([]);
    const j = JSON.parse(r.stdout) as { status: string; journal: string };
    expect(j.status, r.stdout).toBe('completed');
    expect(r.code).toBe(0);
    const s3 = steps(j.journal).find((s) => s.number === 3)!;
    expect(s3.status).toBe('done');
    expect(s3.commands.map((c) => [c.text, c.exitCode, c.branch ?? null])).toEqual([
      ['docker compose restart [service_name]', 0, null],
      ['sleep 30', 0, null],
      ['risk-platform platform status', 0, null],
    ]);
    expect(s3.branches?.map((b) => [b.label, b.taken, b.by])).toEqual([
      ['If Standard Recovery Fails', false, 'headless: not named by --branch'],
      ['If Container Issues Persist', false, 'headless: not named by --branch'],
    ]);
    // Step 2's alternatives: none named, none ran.
    const s2 = steps(j.journal).find((s) => s.number === 2)!;
    expect(s2.commands).toEqual([]);
    expect(s2.branches?.map((b) => [b.label, b.flow, b.taken])).toEqual([
      ['For API Service', 'alternative', false],
      ['For Database Service', 'alternative', false],
      ['For Redis Service', 'alternative', false],
    ]);
    // run --json says the same per step.
    expect((JSON.parse(r.stdout) as { steps: Array<{ number: number; branches?: Array<{ label: string; taken: boolean }> }> }).steps.find((x) => x.number === 3)?.branches?.map((b) => b.taken)).toEqual([false, false]);
    const report = await riskctl(['runs', JSON.parse(r.stdout).runId], env);
    expect(report.stdout).toMatch(/- Branch "If Standard Recovery Fails" \(4 commands\) — passed over \(headless: not named by --branch\) at /);
  });

  it('--branch 3:"if container" takes that branch after the standard recovery, and no other', async () => {
    const r = await run(['--branch', '3:if container']);
    const j = JSON.parse(r.stdout) as { status: string; journal: string };
    const s3 = steps(j.journal).find((s) => s.number === 3)!;
    expect(s3.commands.map((c) => [c.text, c.branch ?? null])).toEqual([
      ['docker compose restart [service_name]', null],
      ['sleep 30', null],
      ['risk-platform platform status', null],
      ['docker compose build [service_name]', 'If Container Issues Persist'],
      ['docker compose up -d --force-recreate [service_name]', 'If Container Issues Persist'],
    ]);
    expect(s3.branches?.map((b) => [b.label, b.taken, b.by])).toEqual([
      ['If Standard Recovery Fails', false, 'headless: not named by --branch'],
      ['If Container Issues Persist', true, '--branch'],
    ]);
    expect(j.status, r.stdout).toBe('completed');
  });

  it('--branch naming a destructive branch stops there: destructive steps never run headless', async () => {
    const r = await run(['--branch', '3:if standard']);
    const j = JSON.parse(r.stdout) as { status: string; message: string; journal: string };
    expect(j.status).toBe('stopped');
    expect(j.message).toMatch(/^If Standard Recovery Fails: step "3\. Recovery Actions — If Standard Recovery Fails" is destructive: destructive steps never run headless/);
    const s3 = steps(j.journal).find((s) => s.number === 3)!;
    expect(s3.commands.map((c) => c.text)).toEqual(['docker compose restart [service_name]', 'sleep 30', 'risk-platform platform status']);
  });
});

describe('production stays gated headless', () => {
  it('--yes without --confirm-host is refused on a production host (exit 2, nothing runs); with it, the run goes', async () => {
    const cfg = writeConfig(tempDir('prod'), [{ name: 'lab-1', host: labHost(1), tags: ['lab', 'production'] }]);
    const text = '# L\n\n## Testing\n\n### TP-001: Touch\n\n**Steps:**\n\n1. **Touch**\n   ```bash\n   mkdir -p /tmp/riskctl-prod-gate && touch /tmp/riskctl-prod-gate/touched\n   ```\n';
    const file = join(tempDir('prodlib'), 'p.md');
    writeFileSync(file, text);
    const e = cleanEnv();
    const r = await riskctl(['run', 'TP-001', '--config', cfg, '--host', 'lab-1', '--library', file, '--yes'], e, 60_000);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('riskctl: lab-1 is a production host: --yes alone does not run its risky steps headless; add --confirm-host lab-1');
    expect(r.stdout).toBe('');
    const ok = await riskctl(['run', 'TP-001', '--config', cfg, '--host', 'lab-1', '--library', file, '--yes', '--confirm-host', 'lab-1', '--json'], e, 60_000);
    expect(ok.code, ok.stderr).toBe(0);
    const j = JSON.parse(ok.stdout) as { status: string; journal: string };
    expect(j.status).toBe('completed');
    expect(steps(j.journal)[0]!).toMatchObject({ status: 'done' });
    expect(readFileSync(j.journal, 'utf8')).toMatch(/"confirmedBy":"[^"]+ \(--yes --confirm-host lab-1\)"/);
  });
});
