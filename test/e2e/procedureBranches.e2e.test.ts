// The built-in IR-002 (cut before step 4, whose check loop runs 15 minutes) in the cockpit, in a
// real pseudo-terminal against a lab host: step 2's alternatives come as a select list (4: run none),
// step 3's standard recovery is confirmed with y and runs, then each branch is asked in its own
// words and passed over with n — so only the standard recovery ran, as the journal says.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, hostWorkDir, onHost, tempDir, writeConfig } from '../app/cliHelpers';
import { labHost } from '../lab/lab';
import { PtySession } from './pty';
import type { StepRecord } from '../../src/services/procedures/runner/types';

function ir002UpToStep3(): string {
  const text = readFileSync('procedures/02-incident-response.md', 'utf8');
  const start = text.indexOf('### IR-002:');
  const end = text.indexOf('4. **Validation and Monitoring**', start);
  return `# Incident response library, cut before IR-002 step 4\n\n## Incident Response\n\n${text.slice(start, end)}`;
}

describe('branches in the cockpit, in a pseudo-terminal', () => {
  let s: PtySession | null = null;
  afterEach(() => {
    s?.kill();
    s = null;
  });

  it('IR-002 step 3 runs only the standard recovery when each branch is answered n', { timeout: 180_000 }, async () => {
    const dir = tempDir('ir002-pty');
    const lib = join(dir, 'ir-002.md');
    writeFileSync(lib, ir002UpToStep3());
    const env = cleanEnv();
    const cfg = writeConfig(dir, [{ name: 'lab-2', host: labHost(2) }]);
    s = new PtySession(['--config', cfg, '--host', 'lab-2', '--library', lib], { env, cols: 160, rows: 48 });
    await s.waitFor((t) => /lab-2.*connected/.test(t), 'the overview');
    s.press('p');
    await s.waitFor((t) => /IR-002\s+Incident Response/.test(t), 'the library');
    s.press('x');
    await s.waitFor((t) => t.includes('IR-002: [service_name] (service)'), 'the parameter');
    s.press('nginx\r');
    await s.waitFor(
      (t) => t.includes('Step 2: which of these? (one or more; none preselected)') && t.includes('▶ run none of them'),
      'the alternatives',
      60_000,
    );
    s.press('4'); // the fourth item: run none of them
    await s.waitFor((t) => /MUTATING.*Step 3\. Recovery Actions on\s+lab-2/.test(t), 'the confirmation of step 3', 30_000);
    s.press('y');
    await s.waitFor((t) => t.includes('Step 3: If Standard Recovery Fails — run these 4 commands? y / n'), 'the first branch', 90_000);
    s.press('n');
    await s.waitFor((t) => t.includes('Step 3: If Container Issues Persist — run these 2 commands? y / n'), 'the second branch');
    s.press('n');
    await s.waitFor((t) => t.includes('IR-002 on lab-2 · completed'), 'the run completed', 30_000);
    const runs = join(env.XDG_STATE_HOME!, 'riskctl', 'runs');
    const [file] = readdirSync(runs);
    const steps = readFileSync(join(runs, file!), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StepRecord)
      .filter((r) => r.type === 'step');
    const s3 = steps.find((x) => x.number === 3)!;
    expect(s3.commands.map((c) => [c.text, c.exitCode])).toEqual([
      ['docker compose restart [service_name]', 0],
      ['sleep 30', 0],
      ['risk-platform platform status', 0],
    ]);
    expect(s3.branches?.map((b) => [b.label, b.taken])).toEqual([
      ['If Standard Recovery Fails', false],
      ['If Container Issues Persist', false],
    ]);
    expect(s3.branches?.every((b) => !b.by.includes('headless'))).toBe(true);
    expect(steps.find((x) => x.number === 1)!.commands.find((c) => c.text === 'top -n 1')?.exitCode).toBe(0);
    s.press('q');
  });

  it('a failed step on the host: y retries the failed command and the rest, and the journal has both attempts', { timeout: 120_000 }, async () => {
    const h = labHost(2);
    const work = hostWorkDir(h, 'flow-e2e');
    const env = cleanEnv();
    const cfg = writeConfig(tempDir('flow-pty'), [{ name: 'lab-2', host: h }]);
    s = new PtySession(['--config', cfg, '--host', 'lab-2', '--library', 'test/fixtures/procedures/runner-flow.md'], { env, cols: 160, rows: 48 });
    await s.waitFor((t) => /lab-2.*connected/.test(t), 'the overview');
    s.press('p');
    await s.waitFor((t) => t.includes('TF-001'), 'the library');
    s.press('x');
    await s.waitFor((t) => t.includes('TF-001: [work_dir] (text)'), 'the parameter');
    s.press(`${work}\r`);
    await s.waitFor((t) => /MUTATING.*Step 1\. Recover/.test(t), 'step 1 confirmation');
    s.press('y');
    await s.waitFor((t) => t.includes('If Standard Recovery Fails — run these 2 commands? y / n'), 'the branch');
    expect(onHost(h, `cat '${work}/log'`)).toBe('standard\n');
    s.press('n');
    await s.waitFor((t) => t.includes('▶ run none of them'), 'the alternatives');
    s.press('3');
    await s.waitFor((t) => /MUTATING.*Step 3\. Flaky/.test(t), 'step 3 confirmation');
    s.press('y');
    await s.waitFor((t) => t.includes('Step 3 failed: exit code 1: test -e'), 'the failure');
    // The block stopped at its failed command: "two" was not written.
    expect(onHost(h, `cat '${work}/log'`)).toBe('standard\none\n');
    onHost(h, `touch '${work}/ok'`);
    s.press('y');
    await s.waitFor((t) => t.includes('TF-001 on lab-2 · completed'), 'the run completed', 30_000);
    expect(onHost(h, `cat '${work}/log'`)).toBe('standard\none\ntwo\n');
    const runs = join(env.XDG_STATE_HOME!, 'riskctl', 'runs');
    const [file] = readdirSync(runs);
    const s3 = readFileSync(join(runs, file!), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as StepRecord)
      .find((r) => r.type === 'step' && r.number === 3)!;
    expect(s3.attempts).toBe(2);
    expect(s3.commands.map((c) => [c.text.split(' ')[0], c.exitCode, c.attempt ?? 1, c.notRun ?? false])).toEqual([
      ['echo', 0, 1, false],
      ['test', 1, 1, false],
      ['echo', null, 1, true],
      ['test', 0, 2, false],
      ['echo', 0, 2, false],
    ]);
    s.press('q');
  });
});
