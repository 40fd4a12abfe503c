// A block's shell on lab hosts, for a login whose shell is /bin/sh and one
// whose shell is /bin/bash: bash syntax works, a terminal is there (top),
// a following command is stopped at its timeout or by the operator and the
// step goes on, a failing cd stops its block, a secret never shows in the
// host's process list, and a host without bash is refused before anything runs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SshHost } from '../../../../src/hosts/SshHost';
import { loadLibrary } from '../../../../src/services/procedures/loadLibrary';
import { runProcedure } from '../../../../src/services/procedures/runner/Runner';
import { RunSession } from '../../../../src/services/procedures/runner/RunSession';
import { checkParams } from '../../../../src/services/procedures/runner/params';
import { hostWorkDir, onHost, tempDir } from '../../../app/cliHelpers';
import { labHost, labSshConfig, readLab } from '../../../lab/lab';

const lib = loadLibrary(['test/fixtures/procedures/runner-shells.md']);
const proc = (id: string) => lib.procedures.find((p) => p.id === id)!;
const h = labHost(3);
const lab = readLab();
const hosts: SshHost[] = [];
const login = (user: string) => {
  const host = new SshHost(labSshConfig(h, 'blockShell.int.test.ts', { user }, `lab-3-${user}`), { ownKnownHostsFile: `${tempDir('shells')}/own_known_hosts`, agentSocket: null });
  hosts.push(host);
  return host;
};
afterAll(() => Promise.all(hosts.map((x) => x.close())));
const stateDir = () => mkdtempSync(join(tmpdir(), 'riskctl-shells-'));
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
const workDir = () => hostWorkDir(h, 'shells');

describe.each([
  ['/bin/sh', lab.user],
  ['/bin/bash', lab.shellUsers.bash],
])('a login whose shell is %s', (_shell, user) => {
  it('runs bash blocks in bash with a terminal; a following command stops at its timeout; a failing cd stops its block', async () => {
    const host = login(user);
    await host.connect();
    const work = workDir();
    const p = proc('TS-001');
    const r = await runProcedure({ procedure: p, host, production: false, values: checkParams(p, { work_dir: work }).values, stateDir: stateDir(), mode: { headless: true, readOnly: false, yes: true } });
    const [syntax, terminal, follow, cd] = r.steps;
    expect(syntax!.status).toBe('done');
    expect(syntax!.commands.map((c) => c.output)).toEqual(['1 2 3\n', 'double-brackets-ok\n', expect.stringMatching(/^shell=riskctl-bash tty=\/dev\/pts\/\d+ size=24 80\n$/)]);
    expect(terminal!.status).toBe('done');
    expect(terminal!.commands.map((c) => c.exitCode)).toEqual([0, 0]);
    expect(terminal!.commands[0]!.output).toMatch(/^top - /);
    expect(follow!.status).toBe('done');
    expect(follow!.commands.map((c) => [c.exitCode, c.timedOut ?? false, c.stopped ?? null, c.output])).toEqual([
      [null, true, 'timeout', ''],
      [0, false, null, 'after-follow\n'],
    ]);
    expect(cd!.status).toBe('failed');
    expect(cd!.commands.map((c) => [c.exitCode, c.problem ?? null])).toEqual([
      [1, null],
      [null, 'not run: an earlier command failed'],
    ]);
    expect(cd!.commands[0]!.output).toContain('No such file or directory');
    expect(onHost(h, `test -e '${work}/after-cd' && echo yes || echo no`).trim()).toBe('no');
    expect(r.status).toBe('failed');
  });
});

describe('the operator ends a following command', () => {
  it('with the stop call: recorded stopped by the operator, and the step goes on with its next command', async () => {
    const host = login(lab.user);
    await host.connect();
    const work = workDir();
    const p = proc('TS-002');
    const s = new RunSession({ procedure: p, host, production: false, values: checkParams(p, { work_dir: work }).values, stateDir: stateDir(), readOnly: false, confirm: async () => true, terminal: { cols: 120, rows: 30 } });
    expect(s.stopCurrentCommand()).toBe('no command is running');
    const started = Date.now();
    while (s.store.getState().command?.text !== 'tail -f /dev/null' && Date.now() - started < 20_000) await tick(50);
    expect(s.store.getState().command).toMatchObject({ text: 'tail -f /dev/null', live: true });
    await tick(1_200);
    expect(s.stopCurrentCommand()).toMatch(/^stopping tail -f \/dev\/null after \d+ s$/);
    const r = (await s.done)!;
    expect(r.status).toBe('completed');
    const cmds = r.steps[0]!.commands;
    expect(cmds.map((c) => [c.exitCode, c.stopped ?? null])).toEqual([
      [0, null],
      [null, 'operator'],
      [0, null],
    ]);
    expect(cmds[1]!.note).toMatch(/^stopped by the operator after \d+ s$/);
    expect(onHost(h, `cat '${work}/after-stop'`)).toBe('after-stop\n');
    expect(s.store.getState().lines.filter((l) => /^ {2}\(stopped by the operator after \d+ s\)$/.test(l))).toHaveLength(1);
  });
});

describe('a secret parameter', () => {
  it('never appears in the host’s process list while its step runs', async () => {
    const host = login(lab.user);
    await host.connect();
    const work = workDir();
    const secret = `pw-${process.pid}-Zq7`;
    const p = proc('TS-003');
    const run = runProcedure({ procedure: p, host, production: false, values: checkParams(p, { work_dir: work, db_password: secret }).values, stateDir: stateDir(), mode: { headless: true, readOnly: false, yes: true } });
    let looks = 0;
    let during = 0;
    let settled = false;
    void run.finally(() => (settled = true));
    while (!settled) {
      const ps = onHost(h, 'ps -eo args');
      looks++;
      expect(ps).not.toContain(secret);
      if (ps.includes('sleep 4')) during++;
      await tick(200);
    }
    const r = await run;
    expect(r.status).toBe('completed');
    expect(r.steps[0]!.commands[1]!.output).toBe('got-a-password\n');
    expect(looks).toBeGreaterThan(3);
    expect(during).toBeGreaterThan(0); // the list was read while the step ran
  });
});

describe('a host without bash', () => {
  it('is refused before any command of the step runs, naming the host and the block', async () => {
    const host = login(lab.shellUsers.noBash);
    await host.connect();
    const work = workDir();
    const p = proc('TS-001');
    const r = await runProcedure({ procedure: p, host, production: false, values: checkParams(p, { work_dir: work }).values, stateDir: stateDir(), mode: { headless: true, readOnly: false, yes: true } });
    expect(r.status).toBe('failed');
    expect(r.steps[0]!.status).toBe('failed');
    expect(r.steps[0]!.commands).toEqual([]);
    expect(r.steps[0]!.reason).toBe(`${host.name} has no bash (the block's shell): nothing was run (step 1 "Bash Syntax", block at test/fixtures/procedures/runner-shells.md:12)`);
  });
});
