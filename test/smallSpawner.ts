import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Runs commands from a small Node.js process of its own instead of from the
 * test's. Starting a process forks the one that starts it, and a fork costs
 * in proportion to that process's memory: a vitest worker process holds a few
 * hundred megabytes (the app, Ink, React, every test file's modules), so each
 * command it starts itself costs it 10–25 ms of CPU time before the command
 * runs. The small process (a few tens of megabytes) forks for a fraction of
 * that. Each command is still its own process, started with `execFileSync`,
 * with this process's environment as it was when the spawner started.
 */
export interface SmallSpawner {
  /** Runs `file` with `args`; resolves with its stdout, rejects as execFileSync throws (a non-zero exit). */
  run(file: string, args: string[]): Promise<string>;
  close(): void;
}

// The small process: one JSON request a line on stdin, one JSON answer a line on stdout.
const PROGRAM = `
const { execFileSync } = require('node:child_process');
const { createInterface } = require('node:readline');
createInterface({ input: process.stdin }).on('line', (line) => {
  const { file, args } = JSON.parse(line);
  let answer;
  try {
    answer = { stdout: execFileSync(file, args, { encoding: 'utf8' }) };
  } catch (e) {
    answer = { error: String(e && e.message), status: e && e.status, stdout: String((e && e.stdout) || '') };
  }
  process.stdout.write(JSON.stringify(answer) + '\\n');
});
`;

export function smallSpawner(): SmallSpawner {
  const child: ChildProcess = spawn(process.execPath, ['-e', PROGRAM], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: Array<{ resolve: (s: string) => void; reject: (e: Error) => void }> = [];
  let buffered = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const answer = JSON.parse(buffered.slice(0, nl)) as { stdout: string; error?: string; status?: number };
      buffered = buffered.slice(nl + 1);
      const w = waiting.shift()!;
      if (answer.error === undefined) w.resolve(answer.stdout);
      else w.reject(Object.assign(new Error(answer.error), { status: answer.status, stdout: answer.stdout }));
    }
  });
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`smallSpawner: the spawner exited (${code})`));
  });
  return {
    run: (file, args) =>
      new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin!.write(`${JSON.stringify({ file, args })}\n`);
      }),
    close: () => {
      child.stdin!.end();
    },
  };
}
