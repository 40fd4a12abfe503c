// The run view's questions through the keys, in the App on this machine's
// shell (LocalHost): a branch asked in its own words (n passes it over), the
// alternatives as a select list (preselected from service_name, Enter ticks,
// the last item runs them), a failed step retried with y, skipped with n and a
// reason, aborted with A — each in the journal and the report.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { readRun } from '../../src/services/procedures/runner/journal';
import { renderReport } from '../../src/services/procedures/runner/report';
import type { Library } from '../../src/services/procedures/model';
import { flowProcedure } from '../services/procedures/runner/flowFixture';
import { startProcedures, until } from './proceduresHarness';
import { sees, settled } from './fixtures';

const ENTER = '\r';
const DOWN = '\u001b[B';
const lib: Library = { files: ['test/fixtures/procedures/runner-flow.md'], procedures: [flowProcedure()], notes: [] };

afterEach(() => cleanup());

async function toFailure(h: Awaited<ReturnType<typeof startProcedures>>, work: string, pickDb: boolean) {
  await h.press('p');
  await sees(h.frame, 'TF-001');
  await h.press('x');
  await sees(h.frame, 'TF-001: [work_dir] (text)');
  await h.press(work, ENTER);
  await until(() => h.frame().includes('MUTATING'));
  await h.press('y');
  await sees(h.frame, 'Step 1: If Standard Recovery Fails — run these 2 commands? y / n');
  expect(readFileSync(join(work, 'log'), 'utf8')).toBe('standard\n'); // the block before it ran first
  await h.press('n');
  await sees(h.frame, '↳ If Standard Recovery Fails — passed over by');
  await sees(h.frame, 'which of these? (one or more; none preselected)');
  await sees(h.frame, '[ ] For API Service');
  // The second option ticked with Enter, then down to the item that runs them. ink-select-input
  // takes a key with the handler of the render before (its effect): each key waits for the
  // frame it draws and for the frame to settle, so the next key meets the new handler.
  const choose = async (...keys: string[]) => {
    for (const k of keys) {
      const before = h.frame();
      await h.press(k);
      await until(() => h.frame() !== before);
      await settled(h.frame);
    }
  };
  if (pickDb) await choose(DOWN, ENTER);
  await sees(h.frame, pickDb ? '▶ run the 1 ticked' : '▶ run none of them');
  await choose(DOWN, ...(pickDb ? [] : [DOWN]), ENTER);
  await until(() => h.frame().includes('Step 3. Flaky on'), 8000);
  await h.press('y');
  await until(() => h.frame().includes('Step 3 failed'), 8000);
  await sees(h.frame, 'y retry (the failed command and the rest) · n skip the step (type why, Enter) · A abort the run');
}

const journalOf = (state: string) => {
  const dir = join(state, 'runs');
  const id = readdirSync(dir)[0]!.replace(/\.jsonl$/, '');
  return readRun(state, id);
};

describe('the run view asks', () => {
  test('a branch passed over, an alternative chosen, a failed step retried with y', async () => {
    const h = await startProcedures(lib, { stateTag: 'flow-retry' });
    const work = mkdtempSync(join(tmpdir(), 'riskctl-flow-ui-'));
    await toFailure(h, work, true);
    expect(h.frame()).toContain('db-diagnosis');
    writeFileSync(join(work, 'ok'), '');
    await h.press('y');
    await until(() => h.frame().includes('TF-001 on local · completed'), 8000);
    const run = journalOf(h.state);
    expect(run.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(run.steps[1]!.branches?.map((b) => [b.label, b.taken])).toEqual([
      ['For API Service', false],
      ['For Database Service', true],
    ]);
    expect(run.steps[2]!.attempts).toBe(2);
    const report = renderReport(run);
    expect(report).toMatch(/- Branch "If Standard Recovery Fails" \(2 commands\) — passed over \(.+\) at /);
    expect(report).toMatch(/- Alternative "For Database Service" \(1 command\) — taken by .+ at /);
  });

  test('a failed step skipped with n and a reason: the run goes on and ends incomplete', async () => {
    const h = await startProcedures(lib, { stateTag: 'flow-skip' });
    const work = mkdtempSync(join(tmpdir(), 'riskctl-flow-ui-'));
    await toFailure(h, work, false);
    await h.press('n');
    await sees(h.frame, 'skip step 3: why?');
    await h.press(ENTER); // no reason: refused
    await sees(h.frame, 'skipping a failed step needs a reason');
    await h.press('n', 'fixed by hand', ENTER);
    await until(() => h.frame().includes('TF-001 on local · incomplete'), 8000);
    expect(h.frame()).toContain('↷ 3. Flaky');
    const run = journalOf(h.state);
    expect(run.status).toBe('incomplete');
    expect(run.steps[2]!.reason).toMatch(/: fixed by hand$/);
    expect(renderReport(run)).toContain('### 3. Flaky — ↷ skipped');
  });

  test('a failed step aborted with A: the run ends failed there', async () => {
    const h = await startProcedures(lib, { stateTag: 'flow-abort' });
    const work = mkdtempSync(join(tmpdir(), 'riskctl-flow-ui-'));
    await toFailure(h, work, false);
    await h.press('A');
    await until(() => h.frame().includes('TF-001 on local · failed'), 8000);
    const run = journalOf(h.state);
    expect(run.status).toBe('failed');
    expect(run.end?.message).toMatch(/aborted by/);
    expect(run.steps.map((s) => s.status)).toEqual(['done', 'done', 'failed']);
    expect(existsSync(join(work, 'ok'))).toBe(false);
  });
});
