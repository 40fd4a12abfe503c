import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every temporary file of a test run goes under one folder of the run's own
 * (TMPDIR, which the workers and every process they start inherit), removed
 * when the run ends: nothing is left behind in the machine's /tmp, whatever a
 * test forgets. The folder is as open as /tmp, for the lab's users.
 */
export default function setup(): () => void {
  const before = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'riskctl-tests-'));
  chmodSync(dir, 0o1777);
  process.env.TMPDIR = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  };
}
