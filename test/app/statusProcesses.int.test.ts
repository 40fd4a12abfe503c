import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labHost } from '../lab/lab';
import { waitUntil } from '../waitUntil';
import { cleanEnv, onHost, riskctl, tempDir, writeConfig } from './cliHelpers';

interface Report {
  hosts: Array<{
    name: string;
    processes?: Array<{ pid: number; user: string; cpuPercent: number; memPercent: number; rssBytes: number; command: string }> | null;
  }>;
}

// Four threads spinning; it ends itself after two minutes should the kill
// below never run. The lab's hosts share one machine with other tests' busy
// processes, and the scheduler shares the CPU between sessions (autogroups),
// not threads: the test (root, on the machine the lab's hosts share) raises
// the burner session's weight about ninefold (autogroup nice -10), so it is
// the busiest process whatever else runs, without starving sshd or riskctl.
const BURNER = `const { Worker } = require("node:worker_threads"); for (let i = 0; i < 4; i++) new Worker("for (;;) {}", { eval: true }); setTimeout(() => process.exit(0), 120000);`;

describe('riskctl status --json: processes', () => {
  it('lists a CPU-burning process on a lab host first, with its PID, user and command line', { timeout: 90_000 }, async () => {
    const host = labHost(2);
    const pid = Number(onHost(host, `nohup ${process.execPath} -e '${BURNER}' >/dev/null 2>&1 </dev/null & echo $!`).trim());
    expect(pid).toBeGreaterThan(1);
    try {
      writeFileSync(`/proc/${pid}/autogroup`, '-10');
      // Its threads spinning: a thread count of 5 or more (main + 4 workers) and 2 s of CPU used.
      await waitUntil(
        () => {
          const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
          return Number(f[17]) >= 5 && Number(f[11]) + Number(f[12]) >= 200;
        },
        'the burner spinning',
        30_000,
        300,
      );
      const cfg = writeConfig(tempDir('processes'), [{ name: 'lab-2', host }]);
      const r = await riskctl(['status', '--json', '--config', cfg], cleanEnv());
      expect(r.stderr).toBe('');
      const report = JSON.parse(r.stdout) as Report;
      const procs = report.hosts[0]!.processes!;
      expect(procs.length).toBeGreaterThan(1);
      expect(procs.length).toBeLessThanOrEqual(10);
      expect(procs[0], JSON.stringify(procs.slice(0, 3))).toMatchObject({ pid, user: onHost(host, 'id -un').trim() });
      expect(procs[0]!.command).toContain('worker_threads');
      expect(procs[0]!.cpuPercent).toBeGreaterThan(50);
      expect(procs[0]!.rssBytes).toBeGreaterThan(1024 * 1024);
      expect(Object.keys(procs[0]!).sort()).toEqual(['command', 'cpuPercent', 'memPercent', 'pid', 'rssBytes', 'user']);
      const cpus = procs.map((p) => p.cpuPercent);
      expect(cpus).toEqual([...cpus].sort((a, b) => b - a));
    } finally {
      onHost(host, `kill ${pid} 2>/dev/null; true`);
    }
  });
});
