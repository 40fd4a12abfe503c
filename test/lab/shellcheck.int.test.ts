// Every shell program of the repository passes shellcheck: the lab's and the
// scripts' bash, and the POSIX sh riskctl runs on watched hosts.
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

it('shellcheck finds nothing in the shell programs', () => {
  const files = execFileSync('git', ['ls-files', '*.sh', 'lab/risk-platform'], { cwd: REPO, encoding: 'utf8' }).trim().split('\n');
  expect(files).toContain('src/services/resources/sampler.sh');
  const r = spawnSync('shellcheck', ['-f', 'gcc', ...files], { cwd: REPO, encoding: 'utf8' });
  expect(r.error).toBeUndefined();
  expect(r.stdout).toBe('');
  expect(r.status).toBe(0);
});
