import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertLogEntry } from '../../src/services/alerts/AlertLog';
import { cleanEnv, tempDir, writeConfig } from '../app/cliHelpers';
import { labHost, readLab } from '../lab/lab';
import { PtySession } from './pty';

const LIBRARY = fileURLToPath(new URL('../fixtures/procedures/library.md', import.meta.url));

function logLines(file: string): AlertLogEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AlertLogEntry);
}

async function until<T>(f: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('alerts in the cockpit, in a pseudo-terminal, against the lab', () => {
  let s: PtySession | null = null;
  afterEach(() => s?.kill());

  it('raises a lowered threshold after the hold time, lists the Prometheus alert, acknowledges with a comment, jumps to the procedure', async () => {
    const lab = readLab();
    const file = writeConfig(tempDir('alerts-e2e'), [
      { name: 'lab-1', host: labHost(1), tags: ['lab', 'production'] },
      { name: 'lab-2', host: labHost(2) },
    ]);
    // Memory is always above 0 %: a WARNING on both hosts once it held for two polls.
    appendFileSync(
      file,
      `refresh: 0.5\nthresholds: { memory: 0 }\nprocedures: [${LIBRARY}]\nprometheus: { url: ${lab.prometheus.url}, via: lab-1 }\nalertmanager: { url: ${lab.alertmanager.url}, via: lab-1 }\n`,
    );
    const env = cleanEnv();
    const log = join(env.XDG_STATE_HOME!, 'riskctl', 'alerts.jsonl');
    s = new PtySession(['--config', file], { env, cols: 140, rows: 30 });

    // The overview's fleet count and the status bar's counts.
    await s.waitFor((t) => /Alerts: \d+ warning/.test(t) && /\d+ WARN/.test(t), 'warnings counted on the overview');
    const fired = await until(() => {
      const l = logLines(log).filter((e) => e.event === 'fired' && e.rule === 'memory');
      return l.length === 2 ? l : undefined;
    }, 'two memory alerts in the alert log');
    expect(fired.map((e) => e.host).sort()).toEqual(['lab-1', 'lab-2']);

    s.press('a');
    const list = await s.waitFor((t) => t.includes('LabAlwaysFiring') && t.includes('memory · 2 hosts'), 'the alerts screen with both sources');
    expect(list).toMatch(/WARNING\s+\S+\s+lab-1\s+LabAlwaysFiring.*MA-001\s+prom/);
    // One cause on both hosts is one row; Enter opens it to its hosts.
    expect(list).toMatch(/WARNING\s+firing\s+▸ 2 hosts\s+memory.*PM-002\s+rctl\s+memory · 2 hosts/);
    expect(list).toMatch(/\d+ WARN on 2 hosts/);
    s.press('/');
    for (const ch of 'memory') s.press(ch);
    s.press('\r');
    await s.waitFor((t) => t.includes('filter "memory"') && !t.includes('LabAlwaysFiring'), 'the memory alerts');
    s.press('g');
    s.press('\r');
    const opened = await s.waitFor((t) => t.includes('▾ 2 hosts') && /WARNING\s+firing\s+lab-2\s+memory/.test(t), 'the group opened to its hosts');
    expect(opened).toMatch(/WARNING\s+firing\s+lab-1\s+memory.*PM-002\s+rctl/);

    // Filter down to lab-2's memory alert, acknowledge it with a comment.
    s.press('/');
    for (const ch of 'lab-2 memory') s.press(ch);
    s.press('\r');
    await s.waitFor((t) => t.includes('filter "lab-2 memory"') && !t.includes('LabAlwaysFiring'), 'the filtered list');
    s.press('A');
    await s.waitFor((t) => t.includes('acknowledge, comment:'), 'the comment line');
    for (const ch of 'checking the cache') s.press(ch);
    s.press('\r');
    await s.waitFor((t) => t.includes('acknowledged memory on lab-2'), 'the acknowledgement');
    const ack = await until(() => logLines(log).find((e) => e.event === 'acknowledged'), 'the acknowledgement in the alert log');
    expect(ack).toMatchObject({ host: 'lab-2', rule: 'memory', comment: 'checking the cache', severity: 'WARNING', procedure: 'PM-002' });
    expect(ack.by).toMatch(/\S/);
    await s.waitFor((t) => /WARNING\s+ack\s+lab-2\s+memory/.test(t), 'the row marked acknowledged');

    // Jump to the linked procedure.
    s.press('P');
    const proc = await s.waitFor((t) => t.includes('Procedure PM-002'), 'the linked procedure');
    expect(proc).toContain('Procedure PM-002: Performance Optimization Procedure');
    expect(proc).toContain('Purpose: Optimize system performance when thresholds exceeded');
    s.press('\x1b');
    await s.waitFor((t) => t.includes('Alerts ·'), 'back to the list');

    s.press('q');
    expect(await s.waitExit()).toBe(0);
  });
});
