// A headless run killed with SIGKILL in the middle of a step, then resumed:
// the step's shell dies with the connection (its terminal hangs up), the
// journal names the command that was running, the finished step is not
// repeated, the killed one runs again, the journal is intact.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labHost } from '../../../lab/lab';
import { cleanEnv, hostWorkDir, onHost, riskctl, tempDir, writeConfig } from '../../../app/cliHelpers';
import { parseJournal } from '../../../../src/services/procedures/runner/journal';

const LIB = 'test/fixtures/procedures/runner-kill.md';
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SIGKILL mid-run, then --resume', () => {
  it('resumes at the unfinished step and never repeats a finished one', async () => {
    const h = labHost(3);
    const cfg = writeConfig(tempDir('kill'), [{ name: 'lab-3', host: h }]);
    const env = cleanEnv();
    const work = hostWorkDir(h, 'kill');
    const child = spawn(process.execPath, ['dist/riskctl.mjs', 'run', 'TK-001', '--host', 'lab-3', '--config', cfg, '--library', LIB, '--param', `work_dir=${work}`, '--yes', '--json'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_c, sig) => r(sig)));
    const started = Date.now();
    while (!onHost(h, `cat '${work}/shell-pid' 2>/dev/null || true`).trim() && Date.now() - started < 20_000) await tick(100);
    const pgid = Number(onHost(h, `cat '${work}/shell-pid'`).trim());
    expect(pgid).toBeGreaterThan(1);
    // The step's shell and its `sleep 20` run now, in one process group.
    const group = () => onHost(h, `ps -eo pgid=,args= | awk '$1 == ${pgid}' || true`).trim();
    expect(group()).toMatch(/sleep 20/);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // sshd sees the connection go and closes the terminal: the kernel hangs up the group.
    const gone = Date.now();
    while (group() && Date.now() - gone < 10_000) await tick(200);
    expect(group()).toBe('');

    const runsDir = join(env.XDG_STATE_HOME!, 'riskctl', 'runs');
    const [file] = readdirSync(runsDir);
    const runId = file!.replace(/\.jsonl$/, '');
    const killed = parseJournal(readFileSync(join(runsDir, file!), 'utf8'), file!);
    expect([killed.status, killed.resumeAt, killed.steps.map((s) => s.status)]).toEqual(['interrupted', 1, ['done']]);
    // What was running when the run was interrupted: step 2's second command.
    expect(killed.interrupted).toMatchObject({ type: 'command-start', index: 1, number: 2, command: 2, text: 'test -e "[work_dir]/resumed" || sleep 20' });

    onHost(h, `touch '${work}/resumed'`);
    // Headless, an interrupted step runs again only when asked to.
    const asked = await riskctl(['run', '--resume', runId, '--config', cfg, '--library', LIB, '--yes', '--json'], env, 60_000);
    expect(asked.code).not.toBe(0);
    expect(asked.stdout + asked.stderr).toMatch(/interrupted/);
    expect(onHost(h, `cat '${work}/log'`)).toBe('step-one-ran\nstep-two-started\n');
    const r = await riskctl(['run', '--resume', runId, '--config', cfg, '--library', LIB, '--yes', '--rerun-interrupted', '--json'], env, 60_000);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { status: string }).status).toBe('completed');
    expect(onHost(h, `cat '${work}/log'`)).toBe('step-one-ran\nstep-two-started\nstep-two-started\nstep-three-ran\n');
    const done = parseJournal(readFileSync(join(runsDir, file!), 'utf8'), file!);
    expect([done.status, done.steps.map((s) => [s.number, s.status])]).toEqual([
      'completed',
      [
        [1, 'done'],
        [2, 'done'],
        [3, 'done'],
      ],
    ]);
    // Every line of the journal is whole JSON, the header first.
    const lines = readFileSync(join(runsDir, file!), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { type: string }).type).filter((t) => t !== 'command-start')).toEqual(['run', 'step', 'resume', 'end', 'resume', 'step', 'step', 'end']);
    expect(done.interrupted).toBeNull();
  });
});
