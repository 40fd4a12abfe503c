// The built-in IR-002 (cut before step 4, whose check loop runs 15 minutes) in the cockpit, in a
// real pseudo-terminal against a lab host: step 2's alternatives come as a select list (4: run none),
// step 3's standard recovery is confirmed with y and runs, then each branch is asked in its own
// words and passed over with n — so only the standard recovery ran, as the journal says.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, tempDir, writeConfig } from '../app/cliHelpers';
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
    await s.waitFor((t) => t.includes('Step 2: which of these? (one or more; none preselected)') && t.includes('▶ run none of them'), 'the alternatives', 60_000);
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
    const steps = readFileSync(join(runs, file!), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as StepRecord).filter((r) => r.type === 'step');
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
});
