/**
 * Commands that run batched in the resources exec: the shell text appended to the
 * resources script, the environment that batches each command, and the split of
 * the output back into the resources part and one result per command.
 *
 * The resources script is wrapped in single quotes for `/bin/sh -c` (see
 * remoteResourcesCommand.ts), so a command's script is never pasted into it: the
 * script itself travels in an environment variable and runs in a shell of its
 * own (`/bin/sh -c "$RISKCTL_BATCH_1"`), its values in variables of their own.
 * The appended text keeps the same rules as the resources script: POSIX sh,
 * one line, no `'`, `!`, backslash or newline.
 *
 * Each command's output, stderr and exit status come after marker lines that
 * batch a fresh random nonce (also handed over as a variable): a command's
 * output (a file name with a newline, say) can never forge a marker, neither
 * one of the commands' nor one of the resources sections, which are cut off
 * before the first nonce line.
 */
import { isEnvName } from '../../hosts/shellEnv';

export interface BatchedCommand {
  /** A POSIX sh script; it reads its values from the variables in `env`. */
  script: string;
  /** Values for the script, as environment variables (never spliced into text). */
  env?: Record<string, string>;
  /** Bound on the command's run on the host (when the host has `timeout`), seconds; 1–30, default 3. */
  timeoutSeconds?: number;
}

export interface BatchedCommandResult {
  /** The command's stdout, byte for byte (decoded as UTF-8). */
  stdout: string;
  /** Its stderr, without trailing newlines. */
  stderr: string;
  /** Its exit status. */
  code: number;
  /** Killed by `timeout` (exit 124 from GNU timeout, 143 from busybox's TERM). */
  timedOut: boolean;
}

export const DEFAULT_BATCH_TIMEOUT_SECONDS = 3;
export const BATCH_PREFIX = 'RISKCTL_BATCH_';
const NONCE_VAR = `${BATCH_PREFIX}NONCE`;

export function batchedCommandTimeout(p: BatchedCommand): number {
  return p.timeoutSeconds ?? DEFAULT_BATCH_TIMEOUT_SECONDS;
}

/** Throws on a command that could not batch safely (bad names, NUL bytes, odd timeout). */
export function checkBatchedCommand(p: BatchedCommand): void {
  const t = batchedCommandTimeout(p);
  if (!Number.isInteger(t) || t < 1 || t > 30) throw new Error(`batch timeout must be 1–30 s, not ${t}`);
  if (p.script.includes('\0')) throw new Error('a batch script cannot contain a NUL byte');
  for (const [name, value] of Object.entries(p.env ?? {})) {
    if (!isEnvName(name)) throw new Error(`invalid environment variable name ${JSON.stringify(name)}`);
    if (name.startsWith(BATCH_PREFIX)) throw new Error(`${name}: the ${BATCH_PREFIX} names are the poller's own`);
    if (value.includes('\0')) throw new Error('a shell value cannot contain a NUL byte');
  }
}

const marker = (i: number | null, part?: 'out' | 'err' | 'exit') => `@@riskctl-batch:$${NONCE_VAR}${i === null ? '' : `:${i}:${part}`}@@`;

/**
 * The shell text appended after the resources script's `end` section for n
 * commands. `$T` is the resources script's probe of `timeout` ("timeout 5" or
 * empty): with it, each command is bounded; without, it runs unbounded. GNU
 * timeout kills the command's whole process group; busybox's only its shell, so
 * there a command the command started still runs (and holds the output) until
 * it ends — the poll's own timeout bounds that, and its commands then run themselves.
 * `{ e=$( … 2>&1 1>&3 ); } 3>&1`: stdout goes straight out, stderr into $e,
 * and $? is the command's exit status.
 */
export function batchText(n: number): string {
  if (n === 0) return '';
  const parts = ['echo', `echo "${marker(null)}"`];
  for (let i = 1; i <= n; i++) {
    const v = `${BATCH_PREFIX}${i}`;
    parts.push(
      `echo "${marker(i, 'out')}"`,
      `{ e=$( \${T:+timeout} \${T:+$${v}_T} /bin/sh -c "$${v}" </dev/null 2>&1 1>&3 ); } 3>&1`,
      'r=$?',
      'echo',
      `echo "${marker(i, 'err')}"`,
      'printf %s "$e"',
      'echo',
      `echo "${marker(i, 'exit')}"`,
      'echo $r',
    );
  }
  return parts.join('; ');
}

/**
 * The variables for n commands: the nonce; per command its script (behind a
 * prelude that copies its values under their own names), its timeout and its
 * values under names of their own, so two commands' `P` never clash.
 */
export function batchedCommandEnv(nonce: string, commands: readonly BatchedCommand[]): Record<string, string> {
  if (!/^[0-9a-f]{8,}$/.test(nonce)) throw new Error('the batch nonce must be hex');
  const env: Record<string, string> = { [NONCE_VAR]: nonce };
  commands.forEach((p, k) => {
    checkBatchedCommand(p);
    const v = `${BATCH_PREFIX}${k + 1}`;
    let prelude = '';
    for (const name of Object.keys(p.env ?? {}).sort()) {
      env[`${v}_V_${name}`] = p.env![name]!;
      // Names only (checked above): the values stay in the variables.
      prelude += `${name}="$${v}_V_${name}"; export ${name}\n`;
    }
    env[v] = prelude + p.script;
    env[`${v}_T`] = String(batchedCommandTimeout(p));
  });
  return env;
}

/** Exit statuses of a command killed by `timeout`. */
const TIMED_OUT = new Set([124, 143]);

/**
 * Splits the poller's stdout: the resources part (everything before the
 * first nonce line) and, per command, its result, or null when its sections
 * are missing or incomplete (the output was cut short): the command did not batch.
 */
export function splitBatchOutput(stdout: string, nonce: string, n: number): { resources: string; results: (BatchedCommandResult | null)[] } {
  const results: (BatchedCommandResult | null)[] = Array.from({ length: n }, () => null);
  const lines = stdout.split('\n');
  const start = lines.indexOf(`@@riskctl-batch:${nonce}@@`);
  if (n === 0 || start === -1) return { resources: stdout, results };
  const resources = lines.slice(0, start).join('\n');
  const re = new RegExp(`^@@riskctl-batch:${nonce}:(\\d+):(out|err|exit)@@$`);
  const parts = new Map<string, string[]>();
  let cur: string[] | null = null;
  for (const line of lines.slice(start + 1)) {
    const m = re.exec(line);
    if (m) {
      cur = [];
      parts.set(`${m[1]}:${m[2]}`, cur);
    } else cur?.push(line);
  }
  for (let i = 1; i <= n; i++) {
    const out = parts.get(`${i}:out`);
    const err = parts.get(`${i}:err`);
    const exit = parts.get(`${i}:exit`);
    const code = exit && /^\d+$/.test(exit[0] ?? '') ? Number(exit[0]) : null;
    if (!out || !err || code === null) continue;
    // The `echo` after each part ends its last line, so joining the lines
    // between two markers gives the part back exactly.
    results[i - 1] = { stdout: out.join('\n'), stderr: err.join('\n').replace(/\n+$/, ''), code, timedOut: TIMED_OUT.has(code) };
  }
  return { resources, results };
}
