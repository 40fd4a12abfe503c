/**
 * The procedure runner: walks one procedure's steps on one host, in order,
 * emitting events for the screen and asking (RunAsk) for what only the
 * operator can decide. Each step's record is journalled when the step ends;
 * a resume starts at the first step not finished and never repeats one.
 *
 * Policy (README "Procedure runs"): a step is walked as units (stepFlow.ts):
 * plain blocks run, gated (gate.ts) on their own risk; a branch is asked
 * after the block before it has run (headless: taken only when `--branch`
 * names it), alternatives are chosen one or more; a branch taken is gated on
 * its own risk. Each shell block runs in its own shell (execShell.ts),
 * started for every block before the step's first command; a failed command
 * stops its block and the blocks after it. Headless, a failed step ends the
 * run failed (a resume retries it); in the cockpit the operator retries the
 * failed command and the rest, skips the step with a reason, or aborts. A
 * run that reached its end with refused or skipped steps is incomplete. Each
 * command is journalled as it starts, so an interrupted run says what was
 * running (RunSummary.interrupted), and its resume asks before running that
 * step again.
 */
import { operatorName } from '../../JsonLinesFile';
import { confirmationAccepts, type Risk } from '../../actionGuard';
import type { Host } from '../../../hosts/Host';
import type { PostgresTarget } from '../../../hosts/HostConfig';
import type { Block, CodeBlock, Command, Procedure, Step } from '../model';
import { BlockShellError, CommandControl, commandFailed, runShellBlock, StepShells, stepVars } from './execShell';
import { runSql, SqlSessions } from './execSql';
import { classifiedRisk, gate, type GateMode } from './gate';
import { JournalWriter, journalFile, newRunId, type RunSummary } from './journal';
import { evaluateLive, liveCheckFor, type LiveFacts } from './liveChecks';
import { isSecretName, redactParams } from './redact';
import { isSecretParam } from '../paramTypes';
import type { TerminalSize } from './ShellSession';
import { blockCommands, blocksRisk, branchQuestion, preselect, runnableBlocks, runOutcome, stepUnits, type BranchOption, type NamedBranch } from './stepFlow';
import type { BranchRecord, CheckRecord, CommandRecord, EndRecord, RunAsk, RunEvent, RunHeader, StepRecord } from './types';

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
  /** Headless: the branches and alternatives to take (`--branch STEP:LABEL`, resolved by parseBranchArgs); none else runs. */
  branches?: NamedBranch[];
  /** What preselects an alternative: the `service_name` value, the text of the alert that opened the procedure. */
  hint?: { service?: string; alert?: string };
  /** The library files the procedure came from, journalled so a resume finds them. */
  library?: string[];
  /** The size of the commands' pseudo-terminal: the cockpit's (default 80 × 24). */
  terminal?: TerminalSize;
  /** The cockpit's handle on the running command (its stop key). */
  control?: CommandControl;
  /** Headless resume (`--rerun-interrupted`): run the step the run was interrupted in again; else the run stops there. */
  rerunInterrupted?: boolean;
}

export interface RunResult {
  runId: string;
  file: string;
  status: EndRecord['status'];
  message: string;
  steps: StepRecord[];
}

/** The highest risk of every command the step could run, its branches included (the record's; the gate asks per part). */
export function stepRisk(step: Step): Risk {
  return blocksRisk(step.blocks);
}

function missingIn(blocks: readonly Block[], values: Record<string, string>): string[] {
  const names = new Set<string>();
  for (const b of runnableBlocks(blocks)) for (const c of b.commands) for (const u of c.placeholders) if (values[u.name] === undefined) names.add(u.name);
  return [...names];
}

/** Parameters a step needs that have no value. */
export function missingParams(step: Step, values: Record<string, string>): string[] {
  return missingIn(step.blocks, values);
}

/** `risk-override` reasons of some blocks, one per block that states one, with its first command. */
function overridesOf(blocks: readonly Block[]): string[] {
  return runnableBlocks(blocks).flatMap((b) => (b.attributes.riskOverride !== undefined ? [`${b.commands[0]?.text.split('\n')[0] ?? b.label ?? 'block'}: risk stated ${b.attributes.risk} by the library — ${b.attributes.riskOverride}`] : []));
}

/** A block whose failures are expected (`on-error=continue`): its failing command does not stop the step. */
const continues = (b: Block): boolean => b.kind !== 'manual' && b.attributes.onError === 'continue';

/** What a step runs, piece by piece: one shell for consecutive shell commands, one SQL statement, one instruction. */
type Piece =
  /** A shell block from its command `from` on (a retry starts at the failed command). */
  | { kind: 'shell'; block: CodeBlock; from: number }
  | { kind: 'sql'; block: CodeBlock; command: Command }
  | { kind: 'manual'; block: Block; text: string; risk: Risk; interactive: boolean };

const now = () => new Date().toISOString();

export async function runProcedure(opts: RunOptions): Promise<RunResult> {
  const p = opts.procedure;
  // Secrets by type or name (isSecretParam): `[redacted]` in the journal and in output.
  const secretNames = new Set(p.parameters.filter((x) => isSecretParam(x.name, x.type)).map((x) => x.name));
  const isSecret = (name: string) => secretNames.has(name) || isSecretName(name);
  // The values output is redacted of, keyed so that redactText (which judges by name) takes every secret as one.
  const outputSecrets = Object.fromEntries(Object.entries(opts.values).flatMap(([k, v]) => (isSecret(k) ? [[`secret_${k}`, v]] : [])));
  if (!opts.mode.headless && !opts.ask) throw new Error('an interactive run needs someone to ask');
  const emit = (e: RunEvent) => opts.onEvent?.(e);
  let header: RunHeader;
  let startAt = 0;
  const done: StepRecord[] = [];
  if (opts.resume) {
    header = opts.resume.header;
    if (header.procedure.hash !== p.hash) throw new Error(`run ${header.runId} followed another text of ${p.id} (the procedure changed since): start a new run`);
    startAt = opts.resume.resumeAt;
    done.push(...opts.resume.steps.filter((s) => s.index < startAt));
  } else {
    header = {
      type: 'run',
      runId: newRunId(p.id),
      procedure: { id: p.id, title: p.title, hash: p.hash, source: `${p.source.file}:${p.source.line}` },
      host: opts.host.name,
      production: opts.production,
      operator: operatorName(),
      params: redactParams(opts.values, isSecret),
      mode: opts.mode,
      startedAt: now(),
      ...(opts.library ? { library: opts.library } : {}),
      links: p.links.map((l) => ({ text: l.text, procedure: l.procedure, target: l.target })),
    };
  }
  const journal = new JournalWriter(journalFile(opts.stateDir, header.runId));
  // A resume that finds a command begun and its step unrecorded says so, and asks before running that step again.
  const cut = opts.resume?.interrupted && opts.resume.interrupted.index === startAt ? opts.resume.interrupted : null;
  let rerun = false;
  if (cut) {
    const s = p.steps[cut.index];
    rerun = opts.mode.headless ? opts.rerunInterrupted === true : await opts.ask!.rerun({ step: { number: cut.number, title: s?.title ?? '' }, command: cut.text, startedAt: cut.at });
  }
  if (opts.resume) journal.append({ type: 'resume', fromStep: startAt, at: now(), ...(cut ? { interrupted: { index: cut.index, number: cut.number, text: cut.text, startedAt: cut.at, rerun, by: opts.mode.headless ? (rerun ? '--rerun-interrupted' : 'headless') : operatorName() } } : {}) });
  else journal.append(header);
  emit({ type: 'started', runId: header.runId, file: journal.file });
  const sessions = new SqlSessions(opts.host, opts.postgres);
  const finish = (status: EndRecord['status'], message: string): RunResult => {
    journal.append({ type: 'end', status, message, at: now() });
    emit({ type: 'finished', status, message });
    return { runId: header.runId, file: journal.file, status, message, steps: done };
  };
  if (cut && !rerun) {
    await sessions.close();
    const what = `step ${cut.number} was interrupted while running ${cut.text.split('\n')[0]} (started ${cut.at})`;
    return finish('stopped', `${what}: not run again${opts.mode.headless ? ' (pass --rerun-interrupted to run it again)' : ''}`);
  }
  try {
    for (let i = startAt; i < p.steps.length; i++) {
      const rec = await runStep(opts, i, emit, cut && i === cut.index ? 2 : 1);
      journal.append(rec);
      done.push(rec);
      emit({ type: 'step-finished', record: rec });
      if (rec.status === 'stopped' || rec.status === 'declined') return finish('stopped', rec.reason ?? `stopped at step ${rec.number}`);
      if (rec.status === 'failed') return finish('failed', `step ${rec.number} "${rec.title}" failed${rec.reason ? `: ${rec.reason}` : ''}`);
    }
    const already = new Set(opts.resume?.checks.map((c) => c.index) ?? []);
    for (const [k, item] of p.checklist.entries()) {
      if (already.has(k)) continue;
      const rec: CheckRecord = { type: 'check', index: k, section: item.section, text: item.text, status: 'skipped', reason: 'headless', at: now() };
      const rule = opts.live ? liveCheckFor(item.text) : null;
      const live = rule ? await evaluateLive(rule, opts.live!) : null;
      if (live) rec.live = live.detail;
      if (live?.ok) {
        rec.status = 'ticked';
        rec.by = 'live-check';
        delete rec.reason;
      } else if (!opts.mode.headless) {
        const a = await opts.ask!.check(item, live ?? undefined);
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
    const outcome = runOutcome(done);
    if (outcome.status === 'incomplete') return finish('incomplete', `${p.id} incomplete on ${opts.host.name}: ${outcome.left}`);
    return finish('completed', `${p.id} completed on ${opts.host.name}`);
  } finally {
    await sessions.close();
  }

  async function runStep(opts: RunOptions, index: number, emit: (e: RunEvent) => void, firstAttempt: number): Promise<StepRecord> {
    const step = p.steps[index]!;
    const risk = stepRisk(step);
    const rec: StepRecord = { type: 'step', index, number: step.number, title: step.title, phase: step.phase, status: 'done', risk, startedAt: now(), endedAt: '', commands: [] };
    const end = (status: StepRecord['status'], reason?: string): StepRecord => {
      rec.status = status;
      if (reason) rec.reason = reason;
      rec.endedAt = now();
      return rec;
    };
    const who = { number: step.number, title: step.title };
    const hostInfo = { name: opts.host.name, production: opts.production };
    emit({ type: 'step-started', index, number: step.number, title: step.title, risk });
    const units = stepUnits(step);
    const plain = units.flatMap((u) => (u.kind === 'plain' ? u.blocks : []));
    const g = gate(blocksRisk(plain), `${step.number}. ${step.title}`, hostInfo, opts.mode, classifiedRisk(plain));
    if (g.kind === 'refuse') return end('refused', g.reason);
    if (g.kind === 'stop') return end('stopped', g.reason);
    const missing = missingIn(plain, opts.values);
    if (missing.length) return end('stopped', `step ${step.number} "${step.title}" needs ${missing.map((m) => `--param ${m}=…`).join(' ')}`);
    if (g.kind === 'confirm') {
      const commands = runnableBlocks(plain).flatMap((b) => b.commands.map((c) => c.text));
      const answer = await opts.ask!.confirm({ step: who, risk: blocksRisk(plain), confirmation: g.confirmation, host: opts.host.name, production: opts.production, commands, overrides: overridesOf(plain) });
      if (answer === null || !confirmationAccepts(g.confirmation, answer)) return end('declined', `step ${step.number} "${step.title}" was not confirmed`);
      rec.confirmedBy = operatorName();
      rec.confirmedAt = now();
    } else if (g.confirmedBy) {
      rec.confirmedBy = `${operatorName()} (${g.confirmedBy})`;
      rec.confirmedAt = now();
    }
    const branch = (r: BranchRecord) => {
      (rec.branches ??= []).push(r);
      emit({ type: 'branch', index, record: r });
    };
    // A step run again after an interruption starts at attempt 2: the interrupted one was the first.
    let attempt = firstAttempt;
    if (attempt > 1) rec.attempts = attempt;
    const add = (r: CommandRecord) => {
      if (attempt > 1) r.attempt = attempt;
      const n = rec.commands.push(r) - 1;
      emit({ type: 'command-finished', index, command: n, record: r });
    };
    const timeout = (b: CodeBlock) => b.attributes.timeoutMs ?? opts.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const labelOf = new Map<Block, string>();

    /** The pieces some blocks run as: consecutive shell commands in one shell, SQL one statement at a time, instructions one by one. */
    const piecesOf = (blocks: readonly Block[]): Piece[] => {
      const out: Piece[] = [];
      for (const b of blocks) {
        if (b.kind === 'shell' && !b.attributes.interactive) {
          out.push({ kind: 'shell', block: b, from: 0 });
          continue;
        }
        if (b.kind === 'sql' && !b.attributes.interactive) {
          for (const c of b.commands) out.push({ kind: 'sql', block: b, command: c });
          continue;
        }
        const items = b.kind === 'manual' ? b.instructions.map((x) => ({ text: x.text, risk: 'read-only' as Risk })) : b.commands.map((c) => ({ text: c.text, risk: c.risk }));
        for (const it of items) out.push({ kind: 'manual', block: b, text: it.text, risk: it.risk, interactive: b.kind !== 'manual' });
      }
      return out;
    };
    const stamp = (r: CommandRecord, b: Block): CommandRecord => {
      if (b.kind !== 'manual' && b.attributes.riskOverride !== undefined) r.riskOverride = b.attributes.riskOverride;
      const l = labelOf.get(b);
      if (l) r.branch = l;
      return r;
    };
    /** Runs one piece; the first failed record that fails the step, with what a retry runs, or null. */
    const runPiece = async (piece: Piece): Promise<{ failed: CommandRecord; retry: Piece } | null> => {
      if (piece.kind === 'shell') {
        const base = rec.commands.length;
        const block = piece.from ? { ...piece.block, commands: piece.block.commands.slice(piece.from) } : piece.block;
        const recs = await runShellBlock(block, {
          shells,
          values: outputSecrets,
          headless: opts.mode.headless,
          defaultTimeoutMs: timeout(piece.block),
          control: opts.control,
          onStart: (c, text, live) => {
            journal.append({ type: 'command-start', index, number: step.number, command: base + c, text, at: now() });
            emit({ type: 'command-started', index, command: base + c, text, live, stoppable: opts.control !== undefined });
          },
          onOutput: (c, chunk) => emit({ type: 'output', index, command: base + c, chunk }),
        });
        recs.map((r) => stamp(r, piece.block)).forEach(add);
        const k = recs.findIndex(commandFailed);
        return k < 0 ? null : { failed: recs[k]!, retry: { kind: 'shell', block: piece.block, from: piece.from + k } };
      }
      if (piece.kind === 'sql') {
        const r = stamp(await runSql(piece.block, piece.command, opts.values, sessions, { timeoutMs: timeout(piece.block), stateDir: opts.stateDir }), piece.block);
        add(r);
        if (commandFailed(r) && continues(piece.block)) r.onErrorContinue = true;
        return commandFailed(r) ? { failed: r, retry: piece } : null;
      }
      const r: CommandRecord = { kind: 'manual', text: piece.text, risk: piece.risk, exitCode: null, output: '', durationMs: 0, answer: 'skipped', reason: 'headless' };
      if (!opts.mode.headless) {
        const t0 = Date.now();
        const a = await opts.ask!.manual({ step: who, text: piece.text, interactive: piece.interactive });
        r.durationMs = Date.now() - t0;
        if (a.done) {
          r.answer = 'done';
          delete r.reason;
        } else r.reason = a.reason;
      }
      add(stamp(r, piece.block));
      return null;
    };
    /** Runs blocks; on a failure the operator retries (the failed command and the rest), skips or aborts. Headless: the step fails. */
    const runBlocks = async (blocks: readonly Block[]): Promise<StepRecord | null> => {
      const queue = piecesOf(blocks);
      while (queue.length) {
        const piece = queue.shift()!;
        const f = await runPiece(piece);
        if (!f) continue;
        const problem = f.failed.problem ?? `exit code ${f.failed.exitCode}: ${f.failed.text.split('\n')[0]}`;
        if (opts.mode.headless) return notRunRest(queue, end('failed', problem));
        const a = await opts.ask!.failed({ step: who, command: f.failed.text, problem });
        if (a.action === 'retry') {
          attempt++;
          rec.attempts = attempt;
          queue.unshift(f.retry);
          continue;
        }
        if (a.action === 'skip') {
          rec.skippedBy = operatorName();
          return end('skipped', `skipped by ${operatorName()} after a failure (${problem}): ${a.reason}`);
        }
        return notRunRest(queue, end('failed', `${problem} — aborted by ${operatorName()}`));
      }
      return null;
    };
    /** The pieces a failure left: recorded "not run", so the record shows the whole step. */
    const notRunRest = (queue: Piece[], r: StepRecord): StepRecord => {
      for (const piece of queue) {
        const items =
          piece.kind === 'shell'
            ? piece.block.commands.slice(piece.from).map((c) => ({ kind: 'shell' as const, text: c.text, risk: c.risk }))
            : piece.kind === 'sql'
              ? [{ kind: 'sql' as const, text: piece.command.text, risk: piece.command.risk }]
              : [{ kind: 'manual' as const, text: piece.text, risk: piece.risk }];
        for (const it of items) r.commands.push(stamp({ ...it, exitCode: null, output: '', durationMs: 0, notRun: true, problem: 'not run: an earlier command failed' }, piece.block));
      }
      return r;
    };

    const shellBlocks = runnableBlocks(step.blocks).filter((b) => b.kind === 'shell');
    const shells = new StepShells({ host: opts.host, vars: stepVars(shellBlocks, opts.values), cwd: opts.cwd, terminal: opts.terminal, signal: opts.signal });
    try {
      // Every block's shell first (branches' too): a host without one is refused before any command of the step runs.
      try {
        await shells.prepare(shellBlocks);
      } catch (e) {
        const where = e instanceof BlockShellError ? `, ${e.where()}` : '';
        return end('failed', `${e instanceof Error ? e.message : String(e)} (step ${step.number} "${step.title}"${where})`);
      }
      return await walkUnits();
    } finally {
      await shells.close();
    }

    async function walkUnits(): Promise<StepRecord> {
      for (const u of units) {
        if (u.kind === 'plain') {
          const stop = await runBlocks(u.blocks);
          if (stop) return stop;
          continue;
        }
        const options: BranchOption[] = u.kind === 'branch' ? [{ label: u.label, blocks: u.blocks }] : u.options;
        const flow: BranchRecord['flow'] = u.kind === 'branch' ? 'branch' : 'alternative';
        let taken: number[];
        let by: string;
        if (opts.mode.headless) {
          taken = options.flatMap((opt, i) => ((opts.branches ?? []).some((nb) => nb.step === step.number && nb.label === opt.label) ? [i] : []));
          by = '--branch';
        } else if (u.kind === 'branch') {
          taken = (await opts.ask!.branch({ step: who, label: u.label, question: branchQuestion(u.label, u.blocks), commands: blockCommands(u.blocks), risk: blocksRisk(u.blocks) })) ? [0] : [];
          by = operatorName();
        } else {
          const req = { step: who, options: options.map((opt) => ({ label: opt.label, commands: blockCommands(opt.blocks), risk: blocksRisk(opt.blocks) })), preselected: preselect(options, opts.hint ?? {}) };
          taken = [...new Set(await opts.ask!.choose(req))].filter((i) => i >= 0 && i < options.length).sort((a, b) => a - b);
          by = operatorName();
        }
        for (const [i, opt] of options.entries()) {
          const r: BranchRecord = { label: opt.label, flow, taken: taken.includes(i), by: taken.includes(i) ? by : opts.mode.headless ? 'headless: not named by --branch' : by, at: now(), commands: blockCommands(opt.blocks).length };
          if (!r.taken) {
            branch(r);
            continue;
          }
          const bRisk = blocksRisk(opt.blocks);
          const bg = gate(bRisk, `${step.number}. ${step.title} — ${opt.label}`, hostInfo, opts.mode, classifiedRisk(opt.blocks));
          if (bg.kind === 'refuse') {
            r.taken = false;
            r.reason = bg.reason;
            branch(r);
            continue;
          }
          const bMissing = missingIn(opt.blocks, opts.values);
          if (bg.kind === 'stop' || bMissing.length) {
            r.taken = false;
            r.reason = bg.kind === 'stop' ? bg.reason : `needs ${bMissing.map((m) => `--param ${m}=…`).join(' ')}`;
            branch(r);
            return end('stopped', `${opt.label}: ${r.reason}`);
          }
          // The branch's question was its yes; the host's name is still typed where the gate wants it.
          if (bg.kind === 'confirm' && bg.confirmation.kind === 'typeHost') {
            const commands = runnableBlocks(opt.blocks).flatMap((b) => b.commands.map((c) => c.text));
            const answer = await opts.ask!.confirm({ step: { number: step.number, title: `${step.title} — ${opt.label}` }, risk: bRisk, confirmation: bg.confirmation, host: opts.host.name, production: opts.production, commands, overrides: overridesOf(opt.blocks) });
            if (answer === null || !confirmationAccepts(bg.confirmation, answer)) {
              r.taken = false;
              r.reason = 'not confirmed';
              branch(r);
              continue;
            }
          }
          branch(r);
          for (const b of opt.blocks) labelOf.set(b, opt.label);
          const stop = await runBlocks(opt.blocks);
          if (stop) return stop;
        }
      }
      if (rec.commands.length > 0 && rec.commands.every((c) => c.kind === 'manual' && c.answer === 'skipped')) {
        return end('skipped', opts.mode.headless ? 'skipped (headless): instructions only' : 'every instruction skipped');
      }
      return end('done');
    }
  }
}
