// A signal over real SSH to a process that is not the SSH user's: the lab
// user may sudo only with a password, so `sudo -n` fails at once and the
// operator reads one line saying so; the process goes on. (The lab's hosts
// share this machine's PIDs, so a process this test starts as root is one
// of the host's, not the lab user's.)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { AuditLog } from '../../../src/services/AuditLog';
import type { ProcessInfo } from '../../../src/services/processes/ProcessInfo';
import { parsePidStat } from '../../../src/services/processes/parsePidStat';
import { signalProcess } from '../../../src/services/processes/signalProcess';
import { labHosts } from '../docker/dockerLab';

const NAME = 'lab-2';

describe('signalProcess over SSH', () => {
  let hosts: Map<string, Host>;
  beforeAll(async () => {
    hosts = await labHosts(NAME);
  });
  afterAll(async () => {
    await Promise.allSettled([...(hosts?.values() ?? [])].map((h) => h.close()));
  });

  it("says in one line that sudo needs a password for another user's process, and leaves it running", { timeout: 30_000 }, async () => {
    const child = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const pid = child.pid!;
      const startTicks = parsePidStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).get(pid)!.startTicks;
      const shown: ProcessInfo = {
        pid,
        ppid: 1,
        user: 'root',
        cpuPercent: 0,
        memPercent: 0,
        rssBytes: 0,
        state: 'S',
        elapsedSeconds: 0,
        command: 'sleep 60',
        startTicks,
      };
      const file = join(mkdtempSync(join(tmpdir(), 'riskctl-signal-int-')), 'audit.jsonl');
      const r = await signalProcess({ host: hosts.get(NAME)!, pid, signal: 'TERM', shown, confirmed: true, readOnly: false, audit: new AuditLog(file) });
      expect(r).toEqual({ ok: false, message: `${NAME}: process ${pid} (root's) is not the SSH user's and sudo needs a password: not signalled` });
      expect(child.exitCode === null && child.signalCode === null).toBe(true);
      const entry = JSON.parse(readFileSync(file, 'utf8').trim()) as Record<string, string>;
      expect(entry).toMatchObject({ host: NAME, target: `process ${pid}`, action: 'signal TERM', result: 'failed' });
      expect(entry.detail).toContain('root: sleep 60; ');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
