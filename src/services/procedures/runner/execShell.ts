/**
 * Runs a group of shell commands of one step in one remote shell (script.ts)
 * and turns what came back into command records. The time budget is the sum
 * of the commands' own timeouts; past it the shell is killed and the command
 * in progress is recorded as timed out.
 */
import { randomBytes } from 'node:crypto';
import type { Host } from '../../../hosts/Host';
import { rewriteForEnv } from '../envRewrite';
import { endsInGrep } from '../grepSearch';
import { lexShell } from '../shellLexer';
import type { Command } from '../model';
import { bound, redactText } from './redact';
import { MarkerParser, problemIn, stepScript } from './script';
import type { CommandRecord } from './types';

/**
 * Whether a command fails its step: it ran (not manual) and did not exit 0 —
 * unless it is a `no-match` grep search (grepSearch.ts) that exited exactly 1,
 * printed nothing and hit no problem, which found nothing (rec.noMatch).
 */
export function commandFailed(c: CommandRecord): boolean {
  return c.kind !== 'manual' && c.exitCode !== 0 && !c.noMatch;
}

export interface ShellJob {
  command: Command;
  timeoutMs: number;
}

export interface ShellContext {
  host: Host;
  /** Values by parameter name (validated). */
  values: Record<string, string>;
  cwd?: string;
  signal?: AbortSignal;
  onOutput: (command: number, text: string) => void;
}

export async function runShellGroup(jobs: ShellJob[], ctx: ShellContext): Promise<CommandRecord[]> {
  const rewritten = jobs.map((j) => rewriteForEnv(j.command.text));
  const env: Record<string, string> = {};
  for (const r of rewritten) for (const u of r.uses) env[u.env] = ctx.values[u.name] ?? '';
  const nonce = randomBytes(6).toString('hex');
  const script = stepScript(
    rewritten.map((r) => ({ text: r.text })),
    nonce,
    ctx.cwd,
  );
  const budget = jobs.reduce((a, j) => a + j.timeoutMs, 0);
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, budget);
  const onOuter = () => abort.abort();
  ctx.signal?.addEventListener('abort', onOuter);
  const started = Date.now();
  const marks: number[] = jobs.map(() => 0);
  const ends: number[] = jobs.map(() => 0);
  const parser = new MarkerParser(nonce, jobs.length, (i, t) => ctx.onOutput(i, redactText(t, ctx.values)));
  // One decoder per stream: a character cut between two stdout chunks must not be joined with stderr's bytes.
  const outText = new TextDecoder();
  const errText = new TextDecoder();
  let exit: number | null = null;
  let failure: string | undefined;
  try {
    exit = await ctx.host.stream(script, {
      env,
      signal: abort.signal,
      onStdout: (b) => {
        const before = parser.running();
        parser.push(outText.decode(b, { stream: true }));
        const now = parser.running();
        if (now !== before) {
          if (before >= 0) ends[before] = Date.now();
          if (now >= 0) marks[now] = Date.now();
        }
      },
      onStderr: (b) => parser.push(errText.decode(b, { stream: true })),
    });
  } catch (e) {
    failure = e instanceof Error ? e.message : String(e);
  } finally {
    clearTimeout(timer);
    ctx.signal?.removeEventListener('abort', onOuter);
  }
  // Bytes of a character the stream ended inside: U+FFFD.
  parser.push(outText.decode() + errText.decode());
  const inProgress = parser.running();
  parser.end();
  return jobs.map((j, i) => {
    const o = parser.outcomes[i]!;
    const output = bound(redactText(o.output, ctx.values));
    const rec: CommandRecord = {
      kind: 'shell',
      text: j.command.text,
      asRun: rewritten[i]!.text,
      risk: j.command.risk,
      exitCode: o.exitCode,
      output,
      durationMs: o.started ? Math.max(0, (ends[i] || Date.now()) - (marks[i] || started)) : 0,
    };
    const problem = problemIn(o.output);
    if (problem) rec.problem = problem;
    // grep's contract: 1 = no line selected. Anything printed (an error from any stage: stderr joins the output) is not that.
    // The flag comes from the parser; checked again here, so no hand-made Command widens it.
    else if (j.command.noMatch && o.exitCode === 1 && o.output === '' && endsInGrep(lexShell(j.command.text).tokens)) rec.noMatch = true;
    if (o.exitCode === null) {
      if (i === inProgress && timedOut) {
        rec.timedOut = true;
        rec.problem = `timed out after ${Math.round(budget / 1000)} s`;
      } else if (!o.started) rec.problem = failure ?? (exit === null ? 'not run: the shell was killed' : 'not run: an earlier command ended the shell');
      else rec.problem ??= failure ?? 'the shell ended before the command finished';
    }
    return rec;
  });
}
