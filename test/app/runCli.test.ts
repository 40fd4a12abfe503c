// `riskctl run` on the command line, on this machine (a `local: true` host):
// each command's --help, and the run's usage errors — one line, exit 2 —
// before anything runs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, riskctlInProcess, tempDir } from './cliHelpers';

function localConfig(tags: string[]): string {
  const dir = tempDir('run-cli');
  const file = join(dir, 'riskctl.yaml');
  writeFileSync(file, `hosts:\n  - name: here\n    local: true\n    tags: [${tags.join(', ')}]\n`);
  return file;
}

describe('each command’s --help', () => {
  it('riskctl run --help prints the run’s usage with every flag it takes', async () => {
    const r = await riskctlInProcess(['run', '--help'], cleanEnv());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage:\n {2}riskctl run ID --host NAME/);
    for (const flag of [
      '--config FILE',
      '--host NAME',
      '--param NAME=VALUE',
      '--branch STEP:LABEL',
      '--yes',
      '--confirm-host NAME',
      '--read-only',
      '--json',
      '--resume RUN_ID',
      '--rerun-interrupted',
      '--library FILE',
      '--accept-new-host-keys',
      '--help',
    ]) {
      expect(r.stdout, flag).toContain(flag);
    }
    expect(r.stdout).not.toContain('riskctl status');
  });
  it.each([
    ['status', '--accept-new-host-keys'],
    ['procedures', '--library FILE'],
    ['runs', '--json'],
    ['hosts', '--json'],
    ['alerts', '--host NAME'],
  ])('riskctl %s --help lists %s', async (cmd, flag) => {
    const r = await riskctlInProcess([cmd, '--help'], cleanEnv());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`riskctl ${cmd}`);
    expect(r.stdout).toContain(flag);
    expect((await riskctlInProcess(['help', cmd], cleanEnv())).stdout).toBe(r.stdout);
  });
});

describe('riskctl run: usage errors, one line, exit 2', () => {
  const lib = 'test/fixtures/procedures/runner-flow.md';
  const cases: Array<[string, string[], string[], RegExp]> = [
    ['an option the command does not take', ['status', '--yes'], ['lab'], /^riskctl: riskctl status does not take --yes\n/],
    [
      'a --param given twice',
      ['run', 'TF-001', '--host', 'here', '--library', lib, '--param', 'work_dir=/tmp/a', '--param', 'work_dir=/tmp/b'],
      ['lab'],
      /--param work_dir is given twice \(as work_dir\): give it once/,
    ],
    [
      'a --param given twice in another case',
      ['run', 'TF-001', '--host', 'here', '--library', lib, '--param', 'work_dir=/tmp/a', '--param', 'WORK_DIR=/tmp/b'],
      ['lab'],
      /--param work_dir is given twice \(as work_dir and WORK_DIR\)/,
    ],
    [
      'a --branch naming no label: the labels listed',
      ['run', 'TF-001', '--host', 'here', '--library', lib, '--branch', '1:when'],
      ['lab'],
      /--branch "1:when": step 1 has no branch starting so \(its labels: .*\)/,
    ],
    [
      '--yes alone on a production host',
      ['run', 'TF-001', '--host', 'here', '--library', lib, '--param', 'work_dir=/tmp', '--yes'],
      ['production'],
      /^riskctl: here is a production host: --yes alone does not run its risky steps headless; add --confirm-host here\n/,
    ],
    [
      '--confirm-host naming another host',
      ['run', 'TF-001', '--host', 'here', '--library', lib, '--yes', '--confirm-host', 'there'],
      ['production'],
      /--confirm-host "there" does not name the host the run is on \(here\)/,
    ],
    [
      '--rerun-interrupted without --resume',
      ['run', 'TF-001', '--host', 'here', '--library', lib, '--rerun-interrupted'],
      ['lab'],
      /--rerun-interrupted goes with --resume RUN_ID/,
    ],
  ];
  it.each(cases)('%s', async (_n, args, tags, message) => {
    const r = await riskctlInProcess([...args, '--config', localConfig(tags)], cleanEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')[0]).toMatch(/^riskctl: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
