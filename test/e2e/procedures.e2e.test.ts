// The procedures screen in a real pseudo-terminal against a lab host: open
// the library, start a run, give its parameters, confirm the mutating step
// (y) and the destructive one (the host's name typed), tick the checklist,
// and find the run's journal and report.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, onHost, riskctl, tempDir, writeConfig } from '../app/cliHelpers';
import { labHost } from '../lab/lab';
import { PtySession } from './pty';

describe('procedures in the cockpit, in a pseudo-terminal', () => {
  let s: PtySession | null = null;
  afterEach(() => s?.kill());

  it('runs TR-001 on lab-2 with confirmations and journals it', async () => {
    const h = labHost(2);
    const env = cleanEnv();
    const cfg = writeConfig(tempDir('proc-e2e'), [{ name: 'lab-2', host: h }]);
    const work = onHost(h, 'mktemp -d /tmp/riskctl-e2e.XXXXXX').trim();
    s = new PtySession(['--config', cfg, '--host', 'lab-2', '--library', 'test/fixtures/procedures/runner-library.md'], { env, cols: 140, rows: 34 });
    await s.waitFor((t) => /lab-2.*connected/.test(t), 'the overview');
    s.press('p');
    await s.waitFor((t) => /TR-001\s+Testing\s+destructive\s+Runner Test Procedure/.test(t), 'the library');
    s.press('x');
    await s.waitFor((t) => t.includes('TR-001: [work_dir] (text)'), 'the first parameter');
    s.press(`${work}\r`);
    await s.waitFor((t) => t.includes('TR-001: [note] (text)'), 'the second parameter');
    s.press('hello e2e\r');
    await s.waitFor((t) => /MUTATING.*Step 2\. Write A File on\s+lab-2/.test(t), 'the mutating confirmation');
    s.press('y');
    await s.waitFor((t) => /DESTRUCTIVE.*Step 3\. Remove The File/.test(t) && t.includes('Type the host name'), 'the destructive confirmation');
    expect(onHost(h, `cat '${work}/mutated.txt'`)).toBe('written\n');
    s.press('lab-2\r');
    await s.waitFor((t) => t.includes('Check (Success Criteria): The folder is clean'), 'the checklist');
    expect(s.text()).toContain('note: hello e2e');
    s.press('y');
    await s.waitFor((t) => /TR-001 on lab-2 · completed/.test(t), 'the run completed');
    const runs = join(env.XDG_STATE_HOME!, 'riskctl', 'runs');
    const [file] = readdirSync(runs);
    const recs = readFileSync(join(runs, file!), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; status?: string; confirmedBy?: string });
    expect(recs.filter((r) => r.type === 'step').map((r) => r.status)).toEqual(['done', 'done', 'done']);
    expect(recs.find((r) => r.type === 'check')?.status).toBe('ticked');
    expect(onHost(h, `test -e '${work}/mutated.txt' && echo yes || echo no`).trim()).toBe('no');
    s.press('q');
    const report = await riskctl(['runs', file!.replace(/\.jsonl$/, '')], env);
    expect(report.stdout).toContain('### 3. Remove The File — ✔ done');
    expect(report.stdout).toContain('- [x] The folder is clean');
  });
});
