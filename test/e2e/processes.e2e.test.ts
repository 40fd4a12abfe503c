// The processes in a real terminal against a lab host: a CPU burner started
// on the host is among the resources screen's top five, then on the
// processes screen; K, TERM, y end it, and the audit log says so. sshd's
// VERBOSE log counts the exec sessions riskctl opened: none for the
// processes before a screen shows them, one stream shared by the resources
// and processes screens, one exec for the signal.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, onHost, tempDir, writeConfig } from '../app/cliHelpers';
import { labHost } from '../lab/lab';
import { clientPort, execCount, settledExecCount } from '../lab/sshdSessions';
import { waitUntil } from '../waitUntil';
import { PtySession } from './pty';

// Four spinning threads (as the status test's burner), ending itself after two minutes should the signal never come.
const BURNER = `const { Worker } = require("node:worker_threads"); for (let i = 0; i < 4; i++) new Worker("for (;;) {}", { eval: true }); setTimeout(() => process.exit(0), 120000);`;

describe('processes in a pseudo-terminal', () => {
  let s: PtySession | null = null;
  let burner: number | null = null;
  afterEach(() => {
    s?.kill();
    if (burner !== null) onHost(labHost(2), `kill -9 ${burner} 2>/dev/null; true`);
  });

  it('shows a burner in the top five and on the processes screen, and TERM from K ends it, audited', { timeout: 120_000 }, async () => {
    const host = labHost(2);
    const pid = Number(onHost(host, `nohup ${process.execPath} -e '${BURNER}' >/dev/null 2>&1 </dev/null & echo $!`).trim());
    expect(pid).toBeGreaterThan(1);
    burner = pid;
    // The busiest process whatever else runs on the shared machine (see statusProcesses.int.test.ts).
    writeFileSync(`/proc/${pid}/autogroup`, '-10');

    const env = cleanEnv();
    const cfg = writeConfig(tempDir('e2e-processes'), [{ name: 'lab-2', host }]);
    s = new PtySession(['--config', cfg], { env, cols: 120, rows: 32 });
    await s.waitFor((t) => /lab-2.*connected.*\d+%/.test(t), 'lab-2 with data', 60_000);
    const port = clientPort(host, s.pty.pid);
    const before = await settledExecCount(host, port);

    // The resources screen: the top five under the gauges, the burner first once its CPU is measured.
    s.press('r');
    await s.waitFor((t) => t.includes('CPU%▼') && new RegExp(`^ +${pid} .*worker_thre`, 'm').test(t), 'the burner among the top five', 30_000);
    expect(execCount(host, port) - before, 'the one stream').toBe(1);

    // The processes screen on the same host: the same stream, no new exec.
    s.press('T');
    await s.waitFor((t) => t.includes('Processes lab-2') && t.includes('worker_thre'), 'the processes screen');
    s.press('/');
    for (const ch of 'worker_threads') s.press(ch);
    s.press('\r');
    await s.waitFor((t) => new RegExp(`^› +${pid} `, 'm').test(t) && t.includes('matching "worker_threads"'), 'the burner selected');
    expect(execCount(host, port) - before, 'still the one stream').toBe(1);

    s.press('K');
    await s.waitFor((t) => t.includes(`Send a signal to process ${pid}`) && t.includes('› TERM'), 'the signal list');
    s.press('\r');
    await s.waitFor((t) => t.includes(`Send TERM to process ${pid} on`) && t.includes('confirm'), 'the confirmation');
    s.press('y');
    await s.waitFor((t) => t.includes(`sent TERM to process ${pid} on lab-2`), 'the result');
    await waitUntil(() => !existsSync(`/proc/${pid}`), 'the burner to end', 10_000);
    burner = null;
    expect(execCount(host, port) - before, 'the stream and the signal').toBe(2);

    const audit = readFileSync(join(env.XDG_STATE_HOME!, 'riskctl', 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(audit.at(-1)).toMatchObject({ host: 'lab-2', target: `process ${pid}`, action: 'signal TERM', result: 'ok' });
    expect(audit.at(-1)!.detail).toContain('worker_threads');
    expect(audit.at(-1)!.operator).toBeTruthy();

    s.press('q');
    await s.waitExit();
  });
});
