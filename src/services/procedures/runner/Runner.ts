/**
 * The procedure runner: walks one procedure's steps on one host, in order,
 * emitting events for the screen and asking (RunAsk) for what only the
 * operator can decide. Each step's record is journalled when the step ends;
 * a resume starts at the first step not finished and never repeats one.
 *
 * Policy (README "Procedure runs"): a step's risk is the highest of the
 * commands the runner itself would run; gate.ts decides from it. Each shell
 * block runs in its own shell (execShell.ts), started for every block before
 * the step's first command; a failed command stops its block and the blocks
 * after it. A step that fails (a command exits non-zero, times out or is
 * killed) stops the run — the operator looks, then resumes, which retries
 * that step. Each command is journalled as it starts, so an interrupted run
 * says what was running (RunSummary.interrupted).
 */
import { operatorName } from '../../JsonLinesFile';
import { confirmationAccepts, maxRisk, type Risk } from '../../actionGuard';
import type { Host } from '../../../hosts/Host';
import type { PostgresTarget } from '../../../hosts/HostConfig';
import type { CodeBlock, Procedure, Step } from '../model';
import { BlockShellError, CommandControl, commandFailed, runShellBlock, StepShells, stepVars } from './execShell';
import { runSql, SqlSessions } from './execSql';
import { gate, type GateMode } from './gate';
import { JournalWriter, journalFile, newRunId, type RunSummary } from './journal';
import { evaluateLive, liveCheckFor, type LiveFacts } from './liveChecks';
import { redactParams } from './redact';
import type { TerminalSize } from './ShellSession';
import type { CheckRecord, CommandRecord, EndRecord, RunAsk, RunEvent, RunHeader, StepRecord } from './types';

export const DEFAULT_TIMEOUT_MS = 120_000;

export interface RunOptions {
  procedure: Procedure;
  host: Host;
  production: boolean;
  postgres?: PostgresTarget;
  /** Validated values by parameter name (params.ts). */
  values: Record<string, string>;
  mode: GateMode;
  /** Required unless headless. */
  ask?: RunAsk;
  stateDir: string;
  /** The host's platform folder: the working directory of every step. */
  cwd?: string;
  onEvent?: (e: RunEvent) => void;
  signal?: AbortSignal;
  defaultTimeoutMs?: number;
  /** Continue this run (from its first unfinished step). */
  resume?: RunSummary;
  /** What live checks read on the host: checklist items they back tick themselves (liveChecks.ts). */
  live?: LiveFacts;
  /** The size of the commands' pseudo-terminal: the cockpit's (default 80 × 24). */
  terminal?: TerminalSize;
  /** The cockpit's handle on the running command (its stop key). */
  control?: CommandControl;
}

export interface RunResult {
  runId: string;
  file: string;
  status: EndRecord['status'];
  message: string;
  steps: StepRecord[];
}

/** Commands the runner runs itself (interactive ones are handed to the operator). */
function runnable(step: Step): CodeBlock[] {
  return step.blocks.filter((b): b is CodeBlock => b.kind !== 'manual' && !b.attributes.interactive);
}

export function stepRisk(step: Step): Risk {
  let r: Risk = 'read-only';
  for (const b of runnable(step)) for (const c of b.commands) r = maxRisk(r, c.risk);
  return r;
}

/** Parameters a step needs that have no value. */
export function missingParams(step: Step, values: Record<string, string>): string[] {
  const names = new Set<string>();
  for (const b of runnable(step)) for (const c of b.commands) for (const u of c.placeholders) if (values[u.name] === undefined) names.add(u.name);
  return [...names];
}

const now = () => new Date().toISOString();

export async function runProcedure(o: RunOptions): Promise<RunResult> {
  const p = o.procedure;
  if (!o.mode.headless && !o.ask) throw new Error('an interactive run needs someone to ask');
  const emit = (e: RunEvent) => o.onEvent?.(e);
  let header: RunHeader;
  let startAt = 0;
  const done: StepRecord[] = [];
  if (o.resume) {
    header = o.resume.header;
    if (header.procedure.hash !== p.hash) throw new Error(`run ${header.runId} followed another text of ${p.id} (the procedure changed since): start a new run`);
    startAt = o.resume.resumeAt;
    done.push(...o.resume.steps.filter((s) => s.index < startAt));
  } else {
    header = {
      type: 'run',
      runId: newRunId(p.id),
      procedure: { id: p.id, title: p.title, hash: p.hash, source: `${p.source.file}:${p.source.line}` },
      host: o.host.name,
      production: o.production,
      operator: operatorName(),
      params: redactParams(o.values),
      mode: o.mode,
      startedAt: now(),
      links: p.links.map((l) => ({ text: l.text, procedure: l.procedure, target: l.target })),
    };
  }
  const journal = new JournalWriter(journalFile(o.stateDir, header.runId));
  if (o.resume) journal.append({ type: 'resume', fromStep: startAt, at: now() });
  else journal.append(header);
  emit({ type: 'started', runId: header.runId, file: journal.file });
  const sessions = new SqlSessions(o.host, o.postgres);
  const finish = (status: EndRecord['status'], message: string): RunResult => {
    journal.append({ type: 'end', status, message, at: now() });
    emit({ type: 'finished', status, message });
    return { runId: header.runId, file: journal.file, status, message, steps: done };
  };
  try {
    for (let i = startAt; i < p.steps.length; i++) {
      const rec = await runStep(o, i, emit);
      journal.append(rec);
      done.push(rec);
      emit({ type: 'step-finished', record: rec });
      if (rec.status === 'stopped' || rec.status === 'declined') return finish('stopped', rec.reason ?? `stopped at step ${rec.number}`);
      if (rec.status === 'failed') return finish('failed', `step ${rec.number} "${rec.title}" failed${rec.reason ? `: ${rec.reason}` : ''}`);
    }
    const already = new Set(o.resume?.checks.map((c) => c.index) ?? []);
    for (const [k, item] of p.checklist.entries()) {
      if (already.has(k)) continue;
      const rec: CheckRecord = { type: 'check', index: k, section: item.section, text: item.text, status: 'skipped', reason: 'headless', at: now() };
      const rule = o.live ? liveCheckFor(item.text) : null;
      const live = rule ? await evaluateLive(rule, o.live!) : null;
      if (live) rec.live = live.detail;
      if (live?.ok) {
        rec.status = 'ticked';
        rec.by = 'live-check';
        delete rec.reason;
      } else if (!o.mode.headless) {
        const a = await o.ask!.check(item, live ?? undefined);
        rec.by = 'operator';
        if (a.done) {
          rec.status = 'ticked';
          delete rec.reason;
        } else {
          rec.status = 'refused';
          rec.reason = a.reason;
        }
      }
      rec.at = now();
      journal.append(rec);
      emit({ type: 'check', record: rec });
    }
    return finish('completed', `${p.id} completed on ${o.host.name}`);
  } finally {
    await sessions.close();
  }

  async function runStep(o: RunOptions, index: number, emit: (e: RunEvent) => void): Promise<StepRecord> {
    const step = p.steps[index]!;
    const risk = stepRisk(step);
    const rec: StepRecord = { type: 'step', index, number: step.number, title: step.title, phase: step.phase, status: 'done', risk, startedAt: now(), endedAt: '', commands: [] };
    const end = (status: StepRecord['status'], reason?: string): StepRecord => {
      rec.status = status;
      if (reason) rec.reason = reason;
      rec.endedAt = now();
      return rec;
    };
    emit({ type: 'step-started', index, number: step.number, title: step.title, risk });
    const g = gate(risk, `${step.number}. ${step.title}`, { name: o.host.name, production: o.production }, o.mode);
    if (g.kind === 'refuse') return end('refused', g.reason);
    if (g.kind === 'stop') return end('stopped', g.reason);
    const missing = missingParams(step, o.values);
    if (missing.length) return end('stopped', `step ${step.number} "${step.title}" needs ${missing.map((m) => `--param ${m}=…`).join(' ')}`);
    if (g.kind === 'confirm') {
      const commands = runnable(step).flatMap((b) => b.commands.map((c) => c.text));
      const answer = await o.ask!.confirm({ step: { number: step.number, title: step.title }, risk, confirmation: g.confirmation, host: o.host.name, production: o.production, commands });
      if (answer === null || !confirmationAccepts(g.confirmation, answer)) return end('declined', `step ${step.number} "${step.title}" was not confirmed`);
      rec.confirmedBy = operatorName();
      rec.confirmedAt = now();
    } else if (g.confirmedBy) {
      rec.confirmedBy = `${operatorName()} (${g.confirmedBy})`;
      rec.confirmedAt = now();
    }
    const add = (r: CommandRecord) => {
      const n = rec.commands.push(r) - 1;
      emit({ type: 'command-finished', index, command: n, record: r });
    };
    const timeout = (b: CodeBlock) => b.attributes.timeoutMs ?? o.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const shellBlocks = runnable(step).filter((b) => b.kind === 'shell');
    const shells = new StepShells({ host: o.host, vars: stepVars(shellBlocks, o.values), cwd: o.cwd, terminal: o.terminal, signal: o.signal });
    try {
      // Every block's shell first: a host without one is refused before any command of the step runs.
      try {
        await shells.prepare(shellBlocks);
      } catch (e) {
        const where = e instanceof BlockShellError ? `, ${e.where()}` : '';
        return end('failed', `${e instanceof Error ? e.message : String(e)} (step ${step.number} "${step.title}"${where})`);
      }
      // A block that failed stops its step: the blocks after it do not run either.
      let failed = false;
      for (const b of step.blocks) {
        if (failed) {
          const items = b.kind === 'manual' ? b.instructions.map((x) => ({ text: x.text, risk: 'read-only' as Risk })) : b.commands.map((c) => ({ text: c.text, risk: c.risk }));
          for (const it of items) add({ kind: b.kind === 'manual' ? 'manual' : b.kind, text: it.text, risk: it.risk, exitCode: null, output: '', durationMs: 0, notRun: true, problem: 'not run: an earlier command failed' });
          continue;
        }
        if (b.kind === 'shell' && !b.attributes.interactive) {
          const base = rec.commands.length;
          const recs = await runShellBlock(b, {
            shells,
            values: o.values,
            headless: o.mode.headless,
            defaultTimeoutMs: timeout(b),
            control: o.control,
            onStart: (c, text, live) => {
              journal.append({ type: 'command-start', index, number: step.number, command: base + c, text, at: now() });
              emit({ type: 'command-started', index, command: base + c, text, live, stoppable: o.control !== undefined });
            },
            onOutput: (c, chunk) => emit({ type: 'output', index, command: base + c, chunk }),
          });
          recs.forEach(add);
          failed = recs.some(commandFailed);
          continue;
        }
        if (b.kind === 'sql' && !b.attributes.interactive) {
          for (const c of b.commands) add(await runSql(b, c, o.values, sessions, { timeoutMs: timeout(b), stateDir: o.stateDir }));
          failed = rec.commands.some(commandFailed);
          continue;
        }
        const items = b.kind === 'manual' ? b.instructions.map((x) => ({ text: x.text, risk: 'read-only' as Risk })) : b.commands.map((c) => ({ text: c.text, risk: c.risk }));
        for (const it of items) {
          const r: CommandRecord = { kind: 'manual', text: it.text, risk: it.risk, exitCode: null, output: '', durationMs: 0, answer: 'skipped', reason: 'headless' };
          if (!o.mode.headless) {
            const t0 = Date.now();
            const a = await o.ask!.manual({ step: { number: step.number, title: step.title }, text: it.text, interactive: b.kind !== 'manual' });
            r.durationMs = Date.now() - t0;
            if (a.done) {
              r.answer = 'done';
              delete r.reason;
            } else r.reason = a.reason;
          }
          add(r);
        }
      }
    } finally {
      await shells.close();
    }
    const bad = rec.commands.find(commandFailed);
    if (bad) return end('failed', bad.problem ?? `exit code ${bad.exitCode}: ${bad.text.split('\n')[0]}`);
    if (rec.commands.length > 0 && rec.commands.every((c) => c.kind === 'manual' && c.answer === 'skipped')) {
      return end('skipped', o.mode.headless ? 'skipped (headless): instructions only' : 'every instruction skipped');
    }
    return end('done');
  }
}
