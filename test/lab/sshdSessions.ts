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
