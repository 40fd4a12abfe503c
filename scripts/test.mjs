// `npm test`: ESLint, Prettier, the type check, and the build followed by the
// unit and component tests, run side by side. Each of them is mostly one
// thread (vitest two), so in a row they leave a core idle most of the time;
// side by side they take the CPU time of all of them over the cores there are.
// Each part's output is printed whole once it ends, never interleaved; the run
// fails when any part fails, and every part runs to its end so that one run
// shows every problem. Arguments go to vitest (scripts/test-all.sh passes its
// reporters).
//
// The build and vitest are the longest chain, and vitest's workers spend part
// of their time waiting (shells, timers, renders): the other parts run at a
// lower priority (nice 10), so they take the CPU vitest leaves idle instead of
// slowing it down. Niceness counts only among the processes of one session
// (Linux groups a session's processes), so the run as a whole gets no less of
// a shared machine.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);

/** Each part: its name, its niceness and the commands it runs one after the other. */
const PARTS = [
  {
    name: 'build, unit and component tests',
    nice: 0,
    steps: [
      [process.execPath, ['scripts/build.mjs']],
      [bin('vitest'), ['run', ...process.argv.slice(2)]],
    ],
  },
  // TypeScript 7, the compiler in native code, checks the types: a fifth of
  // 5.9's CPU time. typescript-eslint parses with 5.9 (it supports no later one).
  { name: 'types (tsc)', nice: 10, steps: [[process.execPath, [join('node_modules', 'typescript7', 'bin', 'tsc'), '--noEmit']]] },
  { name: 'lint (eslint)', nice: 10, steps: [[bin('eslint'), ['--cache', '--cache-location', 'node_modules/.cache/eslint/', '.']]] },
  { name: 'format (prettier)', nice: 10, steps: [[bin('prettier'), ['--check', '--cache', '.']]] },
];

/**
 * Sets a process's niceness, and that of each thread it has already started
 * (Linux keeps a niceness per thread; threads started later inherit it). A
 * system that refuses leaves the part at the usual priority.
 */
function lowerPriority(pid, nice) {
  let threads = [pid];
  try {
    threads = readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    // No /proc: the process alone.
  }
  for (const tid of threads) {
    try {
      setPriority(tid, nice);
    } catch {
      // Gone or not allowed: it runs at the usual priority.
    }
  }
}

/** Runs one command with its output kept; resolves with whether it succeeded. */
function run([command, args], nice, output) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    if (nice && child.pid) lowerPriority(child.pid, nice);
    child.stdout.on('data', (c) => output.push(c));
    child.stderr.on('data', (c) => output.push(c));
    child.on('error', (e) => {
      output.push(Buffer.from(`${command}: ${e.message}\n`));
      resolve(false);
    });
    child.on('close', (code) => resolve(code === 0));
  });
}

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
console.log(`npm test: ${PARTS.map((p) => p.name).join('; ')} — side by side, each part's output as it ends\n`);

const results = await Promise.all(
  PARTS.map(async (part) => {
    const output = [];
    let ok = true;
    for (const step of part.steps) {
      ok = await run(step, part.nice, output);
      if (!ok) break;
    }
    process.stdout.write(`── ${part.name}: ${ok ? 'passed' : 'FAILED'} at ${seconds()}\n`);
    process.stdout.write(Buffer.concat(output));
    process.stdout.write('\n');
    return { name: part.name, ok };
  }),
);

const failed = results.filter((r) => !r.ok).map((r) => r.name);
console.log(failed.length ? `npm test: FAILED: ${failed.join('; ')} (${seconds()})` : `npm test: all ${results.length} parts passed (${seconds()})`);
process.exitCode = failed.length ? 1 : 0;
