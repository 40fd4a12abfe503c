import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupsCommand, parseNewest } from '../../../src/services/hostFacts/hostFacts';

const dir = mkdtempSync(join(os.tmpdir(), 'riskctl-newest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file at path (under dir) whose modification time is `seconds` since the epoch. */
function file(path: string, seconds: number): void {
  const full = join(dir, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, 'x');
  utimesSync(full, seconds, seconds);
}

file('full_backup_1.tar.gz', 1_764_000_000.5);
// The same whole second as the newest: the fraction decides.
file('daily/full backup 2.tar.gz', 1_764_100_000.25);
file('daily/ full_backup_3.tar.gz', 1_764_100_000.75);
// Newer, but three levels down: not looked at.
file('daily/old/too_deep.tar.gz', 1_764_200_000);
mkdirSync(join(dir, 'empty'));

const newest = (shell: string, folder: string) => {
  const { script, env } = backupsCommand(folder);
  try {
    return { code: 0, out: execFileSync(shell, ['-c', script], { env: { ...process.env, ...env }, encoding: 'utf8' }) };
  } catch (e) {
    return { code: (e as { status: number }).status, out: '' };
  }
};

describe.each(['/bin/sh', 'bash'])('the newest backup under %s', (shell) => {
  it('is the file with the latest time, two levels deep at most, whole seconds then the fraction', () => {
    const r = newest(shell, dir);
    expect(r.code).toBe(0);
    expect(parseNewest(dir, r.out)).toEqual({ dir, newestAt: 1_764_100_000_750, newestName: 'daily/ full_backup_3.tar.gz', error: null });
  });

  it('is nothing in an empty folder, and exit 3 where there is no folder', () => {
    expect(newest(shell, join(dir, 'empty'))).toEqual({ code: 0, out: '' });
    expect(newest(shell, join(dir, 'missing')).code).toBe(3);
  });
});
