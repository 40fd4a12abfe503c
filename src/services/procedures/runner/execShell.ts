/**
 * Runs a step's shell blocks, each in its own shell (ShellSession: bash for
 * ```bash, sh for ```sh), one command at a time, and turns what came back
 * into command records.
 *
 * - A command that fails (exits non-zero, times out, cannot be read) stops
 *   its block: the commands after it are recorded "not run: an earlier
 *   command failed" — unless the block says on-error=continue.
 * - A command that follows output or loops with sleeps (liveCommand.ts) runs
 *   until it ends or is stopped (the operator's key, CommandControl); headless,
 *   for its timeout (default LIVE_TIMEOUT_MS). Either way it is recorded
 *   stopped, not failed, and the block goes on.
 * - Any other command runs for its block's timeout; past it, it is stopped and
 *   recorded timed out (exitCode null), a failure.
 */
import type { Host } from '../../../hosts/Host';
import { rewriteForEnv } from '../envRewrite';
import { endsInGrep } from '../grepSearch';
import { lexShell } from '../shellLexer';
import type { CodeBlock, Command } from '../model';
import { liveCommand, LIVE_TIMEOUT_MS } from './liveCommand';
import { bound, redactText } from './redact';
import { problemIn, shellFor, type ShellName } from './script';
import { ShellMissingError, ShellSession, type CommandRun, type TerminalSize } from './ShellSession';
import type { CommandRecord } from './types';

/**
 * Whether a command fails its step: it ran (not manual) and did not exit 0 —
 * unless it is a `no-match` grep search (grepSearch.ts) that exited exactly 1,
 * printed nothing and hit no problem, which found nothing (rec.noMatch); or it
 * was stopped on purpose (rec.stopped); or its block says on-error=continue.
 */
export function commandFailed(c: CommandRecord): boolean {
  return c.kind !== 'manual' && c.exitCode !== 0 && !c.noMatch && !c.stopped && !c.onErrorContinue;
}

/** "45 s", "2 m 10 s", "1 h 5 m": how long, as the operator reads it. */
export function spokenDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} m ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} m`;
}

/**
 * The cockpit's handle on the command running now: its key calls stop().
 * The runner points it at each command as it starts.
 */
export class CommandControl {
  private session: ShellSession | null = null;

  /** Stop the command running now (it is recorded stopped by the operator). False when none runs. */
  stop(): boolean {
    return this.session?.stopCurrent() ?? false;
  }

  /** @internal the runner: which shell runs the current command (null between commands). */
  attach(session: ShellSession | null): void {
    this.session = session;
  }
}

/** A block's shell is missing or would not start: nothing of the step ran. */
export class BlockShellError extends Error {
  constructor(
    readonly block: CodeBlock,
    override readonly cause: Error,
  ) {
    super(cause.message);
    this.name = 'BlockShellError';
  }

  /** `block "If …" at file:line`, or `block at file:line` for an unlabelled one. */
  where(): string {
    return `block ${this.block.label ? `"${this.block.label}" ` : ''}at ${this.block.source.file}:${this.block.source.line}`;
  }
}

/** The shells of one step: opened before its first command, closed when it ends. */
export class StepShells {
  private readonly open = new Map<ShellName, ShellSession>();

  constructor(
    private readonly opts: { host: Host; vars: Record<string, string>; cwd?: string; terminal?: TerminalSize; signal?: AbortSignal },
  ) {}

  /**
   * Start the shell of every block (each once), before any command runs.
   * Rejects with a BlockShellError naming the block whose shell is missing
   * (its cause a ShellMissingError) or would not start (a HostError).
   */
  async prepare(blocks: CodeBlock[]): Promise<void> {
    for (const b of blocks) {
      try {
        await this.get(shellFor(b.lang));
      } catch (e) {
        throw new BlockShellError(b, e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  async get(shell: ShellName): Promise<ShellSession> {
    const s = this.open.get(shell);
    if (s?.alive) return s;
    const fresh = await ShellSession.open({ ...this.opts, shell });
    this.open.set(shell, fresh);
    return fresh;
  }

  async close(): Promise<void> {
    await Promise.all([...this.open.values()].map((s) => s.close()));
    this.open.clear();
  }
}

/** Shell variables for the parameters a step's blocks use (envRewrite.ts), by variable name. */
export function stepVars(blocks: CodeBlock[], values: Record<string, string>): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const b of blocks) for (const c of b.commands) for (const u of rewriteForEnv(c.text).uses) vars[u.env] = values[u.name] ?? '';
  return vars;
}

export interface BlockContext {
  shells: StepShells;
  /** Values by parameter name (redacted from output). */
  values: Record<string, string>;
  headless: boolean;
  /** For commands that are not live, when the block sets no timeout=. */
  defaultTimeoutMs: number;
  control?: CommandControl;
  /** A command is about to be sent (index within the block). */
  onStart?: (command: number, text: string, live: boolean) => void;
  onOutput: (command: number, text: string) => void;
}

function record(c: Command, asRun: string, shell: ShellName): CommandRecord {
  return { kind: 'shell', text: c.text, asRun, risk: c.risk, exitCode: null, output: '', durationMs: 0, shell };
}

const notRun = (rec: CommandRecord, why: string): CommandRecord => ({ ...rec, notRun: true, problem: `not run: ${why}` });

/** Run one shell block's commands in its shell; records in command order, one per command. */
export async function runShellBlock(block: CodeBlock, ctx: BlockContext): Promise<CommandRecord[]> {
  const shell = shellFor(block.lang);
  const out: CommandRecord[] = [];
  let session: ShellSession;
  try {
    session = await ctx.shells.get(shell);
  } catch (e) {
    const why = e instanceof ShellMissingError ? `${e.message.replace(/: nothing was run$/, '')}` : e instanceof Error ? e.message : String(e);
    return block.commands.map((c) => notRun(record(c, rewriteForEnv(c.text).text, shell), why));
  }
  let stopWhy: string | null = null;
  for (const [i, c] of block.commands.entries()) {
    const asRun = rewriteForEnv(c.text).text;
    const rec = record(c, asRun, shell);
    if (stopWhy) {
      out.push(notRun(rec, stopWhy));
      continue;
    }
    const live = liveCommand(c.text);
    const timeoutMs = live ? (block.attributes.timeoutMs ?? (ctx.headless ? LIVE_TIMEOUT_MS : undefined)) : (block.attributes.timeoutMs ?? ctx.defaultTimeoutMs);
    ctx.onStart?.(i, c.text, live !== null);
    ctx.control?.attach(session);
    let r: CommandRun;
    try {
      r = await session.run(asRun, { timeoutMs, onOutput: (t) => ctx.onOutput(i, redactText(t, ctx.values)) });
    } finally {
      ctx.control?.attach(null);
    }
    rec.output = bound(redactText(r.output, ctx.values));
    rec.durationMs = r.durationMs;
    const end = r.end;
    switch (end.kind) {
      case 'exited':
        rec.exitCode = end.code;
        break;
      case 'unreadable':
        rec.problem = `${shell} could not read the command (a syntax error): it did not run`;
        break;
      case 'shell-ended':
        rec.problem = `the shell ended before the command finished (${end.why})`;
        break;
      case 'stopped':
        if (end.by === 'timeout') {
          rec.timedOut = true;
          if (live) {
            rec.stopped = 'timeout';
            rec.note = `stopped at its timeout after ${spokenDuration(r.durationMs)} (it ${live === 'follow' ? 'follows output' : 'loops with sleeps'})`;
          } else rec.problem = `timed out after ${spokenDuration(timeoutMs ?? r.durationMs)}`;
        } else {
          rec.stopped = 'operator';
          rec.note = `stopped by the operator after ${spokenDuration(r.durationMs)}`;
        }
        if (end.killedShell) rec.note = `${rec.note ?? rec.problem}; it ignored SIGINT and SIGTERM, so its shell was killed`;
        break;
    }
    const problem = problemIn(r.output);
    if (problem) rec.problem = problem;
    // grep's contract: 1 = no line selected. Anything printed (an error from any stage) is not that.
    // The flag comes from the parser; checked again here, so no hand-made Command widens it.
    else if (c.noMatch && rec.exitCode === 1 && r.output === '' && endsInGrep(lexShell(c.text).tokens)) rec.noMatch = true;
    if (commandFailed(rec)) {
      if (block.attributes.onError === 'continue' && session.alive) rec.onErrorContinue = true;
      else stopWhy = 'an earlier command failed';
    }
    if (!stopWhy && !session.alive) stopWhy = 'the shell ended';
    out.push(rec);
  }
  return out;
}
