import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { LabHost } from './lab';

/** The client port of a process's (default: this one's) one connection to the lab host, from `ss` (as bench/run.mjs finds it). */
export function clientPort(h: LabHost, pid = process.pid): string {
  const out = execFileSync('ss', ['-Htnp', 'state', 'established'], { encoding: 'utf8' });
  const lines = out.split('\n').filter((l) => l.includes(` ${h.address}:${h.port} `) && l.includes(`pid=${pid},`));
  expect(lines, 'one connection from the process to the host').toHaveLength(1);
  return /\s\S+:(\d+)\s+\S+:\d+\s/.exec(lines[0]!)![1]!;
}

/** Exec sessions sshd started for one client connection (its VERBOSE log has a line for each). */
export const execCount = (h: LabHost, port: string): number =>
  readFileSync(h.logFile, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('Starting session: command') && l.includes(` port ${port} `)).length;

/**
 * The exec count once the connection's start is over: a cockpit's first
 * minutes open execs of their own (the batched facts with the sampler's
 * second sample, Docker's first try seconds after connect), so a test that
 * counts what one action opens starts counting when no exec has come for
 * `quietMs`.
 */
export async function settledExecCount(h: LabHost, port: string, quietMs = 4_000, ms = 30_000): Promise<number> {
  const started = Date.now();
  let count = execCount(h, port);
  let since = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const now = execCount(h, port);
    if (now !== count) {
      count = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return count;
    if (Date.now() - started > ms) throw new Error(`the execs on port ${port} did not settle in ${ms} ms`);
  }
}
