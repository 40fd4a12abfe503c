/**
 * A run as the cockpit sees it: runProcedure driven into a zustand vanilla
 * store the Procedures screen reads, with the runner's questions parked in
 * the store until the screen answers them. No React here: the screen passes
 * its confirm function (the App's modal, useConfirm) when it starts a run.
 *
 * Output is kept as a bounded window of lines (the screen shows the tail),
 * and store updates from output are throttled to at most two a second, so a
 * flood of output never turns into a flood of frames.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { inertStore } from '../../inertStore';
import { inertStrings } from '../../inertText';
import type { Confirmation } from '../../actionGuard';
import type { ChecklistItem } from '../model';
import { CommandControl, spokenDuration } from './execShell';
import { JournalWriter } from './journal';
import { runProcedure, type RunOptions, type RunResult } from './Runner';
import type { CheckRecord, ConfirmRequest, FailureAnswer, ManualAnswer, RunEvent, StepStatus } from './types';

export const OUTPUT_LINES = 500;
const OUTPUT_FLUSH_MS = 500;

export type Question =
  | { kind: 'manual'; step: number; text: string; interactive: boolean }
  | { kind: 'check'; section: string; text: string; live?: { ok: boolean; detail: string } }
  /** A branch reached: "If Standard Recovery Fails — run these 4 commands?" (y / n, default n). */
  | { kind: 'branch'; step: number; label: string; text: string; commands: string[] }
  /** Alternatives reached: one or more to run, some preselected. */
  | { kind: 'choice'; step: number; options: Array<{ label: string; commands: string[] }>; preselected: number[] }
  /** A step failed: retry, skip (a reason) or abort. */
  | { kind: 'failed'; step: number; command: string; problem: string }
  /** The resumed run was interrupted in this step: run it again? */
  | { kind: 'rerun'; step: number; command: string; startedAt: string };

/** What answers a question: done / skip-with-reason, a branch's yes or no, the alternatives chosen, a failure's way on. */
type Reply = { kind: 'manual'; answer: ManualAnswer } | { kind: 'branch'; yes: boolean } | { kind: 'choice'; picked: number[] } | { kind: 'failed'; answer: FailureAnswer };

/** A checklist item answered so far, and by whom. */
export type SessionCheck = Pick<CheckRecord, 'index' | 'section' | 'text' | 'status' | 'by' | 'live' | 'reason' | 'overridden'>;

export interface SessionState {
  runId: string | null;
  procedure: string;
  host: string;
  status: 'running' | 'completed' | 'incomplete' | 'failed' | 'stopped' | 'error';
  message: string;
  steps: Array<{ number: number; title: string; state: StepStatus | 'pending' | 'running'; reason?: string }>;
  current: number | null;
  /** The output of the current run, last OUTPUT_LINES lines. */
  lines: string[];
  question: Question | null;
  /** Checklist items answered (a live tick, the operator's, an override), in checklist order. */
  checks: SessionCheck[];
  /** The recovery timer: when it started, and stopped (ms). */
  timer: { startedAt: number; stoppedAt: number | null } | null;
  startedAt: number;
  stepStartedAt: number | null;
  /** The shell command running now: live ones (following output, looping) wait for the operator's stop. */
  command: { text: string; live: boolean; startedAt: number } | null;
}

/** The App's modal: true when the operator confirmed (it asks for the host's name itself when needed). */
export type ConfirmFn = (req: ConfirmRequest) => Promise<boolean>;

const pickCheck = (r: CheckRecord): SessionCheck => ({
  index: r.index,
  section: r.section,
  text: r.text,
  status: r.status,
  ...(r.by ? { by: r.by } : {}),
  ...(r.live ? { live: r.live } : {}),
  ...(r.reason ? { reason: r.reason } : {}),
  ...(r.overridden ? { overridden: true } : {}),
});

const manualOf = (r: Reply): ManualAnswer => (r.kind === 'manual' ? r.answer : { done: false, reason: 'not answered' });

export class RunSession {
  readonly store: StoreApi<SessionState>;
  private answer: ((a: Reply) => void) | null = null;
  private pending: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private journal: JournalWriter | null = null;
  private readonly control = new CommandControl();
  readonly done: Promise<RunResult | null>;

  constructor(opts: Omit<RunOptions, 'ask' | 'onEvent' | 'mode'> & { readOnly: boolean; confirm: ConfirmFn }) {
    const p = opts.procedure;
    // The run's output, step titles and reasons reach the screen: the store holds them inert.
    this.store = inertStore(createStore<SessionState>()(() => inertStrings({
      runId: opts.resume?.header.runId ?? null,
      procedure: p.id,
      host: opts.host.name,
      status: 'running',
      message: '',
      steps: p.steps.map((s, i) => {
        const prev = opts.resume?.steps.find((r) => r.index === i && i < opts.resume!.resumeAt);
        return { number: s.number, title: s.title, state: prev ? prev.status : 'pending', ...(prev?.reason ? { reason: prev.reason } : {}) };
      }),
      current: null,
      lines: [],
      question: null,
      checks: (opts.resume?.checks ?? []).map(pickCheck),
      timer: null,
      startedAt: Date.now(),
      stepStartedAt: null,
      command: null,
    } satisfies SessionState)));
    const typed = (c: Confirmation) => (c.kind === 'typeHost' ? c.expected : 'yes');
    // Started a turn later: whoever made the session subscribes before its first question.
    this.done = Promise.resolve().then(() => runProcedure({
      ...opts,
      mode: { headless: false, readOnly: opts.readOnly, yes: false },
      control: this.control,
      onEvent: (e) => this.onEvent(e),
      ask: {
        confirm: async (req) => ((await opts.confirm(req)) ? typed(req.confirmation) : null),
        manual: async (req) => manualOf(await this.ask({ kind: 'manual', step: req.step.number, text: req.text, interactive: req.interactive })),
        check: async (item: ChecklistItem, live) => manualOf(await this.ask({ kind: 'check', section: item.section, text: item.text, ...(live ? { live } : {}) })),
        branch: async (req) => {
          const r = await this.ask({ kind: 'branch', step: req.step.number, label: req.label, text: req.question, commands: req.commands });
          return r.kind === 'branch' && r.yes;
        },
        choose: async (req) => {
          const r = await this.ask({ kind: 'choice', step: req.step.number, options: req.options.map((o) => ({ label: o.label, commands: o.commands })), preselected: req.preselected });
          return r.kind === 'choice' ? r.picked : [];
        },
        rerun: async (req) => {
          const r = await this.ask({ kind: 'rerun', step: req.step.number, command: req.command, startedAt: req.startedAt });
          return r.kind === 'branch' && r.yes;
        },
        failed: async (req) => {
          const r = await this.ask({ kind: 'failed', step: req.step.number, command: req.command, problem: req.problem });
          return r.kind === 'failed' ? r.answer : { action: 'abort' };
        },
      },
    })).then(
      (r) => {
        this.flush();
        this.store.setState({ runId: r.runId, status: r.status, message: r.message, current: null, stepStartedAt: null, command: null });
        return r;
      },
      (e: unknown) => {
        this.flush();
        this.store.setState({ status: 'error', message: e instanceof Error ? e.message : String(e), current: null, command: null });
        return null;
      },
    );
  }

  /**
   * End the shell command running now (the cockpit's stop key): it gets
   * SIGINT, and is recorded "stopped by the operator after …", not failed;
   * the step goes on with its next command. Says what happened, in words.
   */
  stopCurrentCommand(): string {
    const c = this.store.getState().command;
    if (!c || !this.control.stop()) return 'no command is running';
    return `stopping ${c.text.split('\n')[0]} after ${spokenDuration(Date.now() - c.startedAt)}`;
  }

  /** Start the recovery timer, or stop it; journalled so the report has the recovery time. */
  toggleTimer(): string {
    const t = this.store.getState().timer;
    if (!this.journal || (t && t.stoppedAt !== null)) return t ? 'the recovery timer has already stopped' : 'the run has not started';
    const now = new Date();
    const action = t ? 'stop' : 'start';
    this.journal.append({ type: 'timer', action, at: now.toISOString() });
    this.store.setState({ timer: t ? { ...t, stoppedAt: now.getTime() } : { startedAt: now.getTime(), stoppedAt: null } });
    return `recovery timer ${action === 'start' ? 'started' : 'stopped'}`;
  }

  /**
   * The operator overrides a checklist item a live check ticked: journalled as
   * refused, overridden, with the reason (the report shows it). Null when done,
   * else why not.
   */
  override(index: number, reason: string): string | null {
    const c = this.store.getState().checks.find((x) => x.index === index);
    if (!c || c.by !== 'live-check' || c.status !== 'ticked') return 'only an item a live check ticked can be overridden';
    if (!reason.trim()) return 'an override needs a reason';
    if (!this.journal) return 'the run has no journal yet';
    const rec: CheckRecord = { type: 'check', index, section: c.section, text: c.text, status: 'refused', reason: reason.trim(), by: 'operator', overridden: true, ...(c.live ? { live: c.live } : {}), at: new Date().toISOString() };
    this.journal.append(rec);
    this.onEvent({ type: 'check', record: rec });
    return null;
  }

  /** The screen's answer to an instruction or a checklist item: done, or skip/refuse with a reason. */
  reply(a: ManualAnswer): boolean {
    const q = this.store.getState().question;
    if (q?.kind !== 'manual' && q?.kind !== 'check') return false;
    if (!a.done && !a.reason.trim()) return false; // a skip always says why
    return this.settle({ kind: 'manual', answer: a });
  }

  /** The operator's yes or no to the branch asked about (or to running an interrupted step again). */
  replyBranch(yes: boolean): boolean {
    const k = this.store.getState().question?.kind;
    if (k !== 'branch' && k !== 'rerun') return false;
    return this.settle({ kind: 'branch', yes });
  }

  /** The alternatives to run (indices into the question's options; none runs none). */
  replyChoice(picked: number[]): boolean {
    if (this.store.getState().question?.kind !== 'choice') return false;
    return this.settle({ kind: 'choice', picked });
  }

  /** A failed step: retry, skip (with a reason: refused without one) or abort. */
  replyFailure(a: FailureAnswer): boolean {
    if (this.store.getState().question?.kind !== 'failed') return false;
    if (a.action === 'skip' && !a.reason.trim()) return false;
    return this.settle({ kind: 'failed', answer: a.action === 'skip' ? { action: 'skip', reason: a.reason.trim() } : a });
  }

  private settle(a: Reply): boolean {
    const r = this.answer;
    if (!r) return false;
    this.answer = null;
    this.store.setState({ question: null });
    r(a);
    return true;
  }

  private ask(q: Question): Promise<Reply> {
    this.flush();
    // The resolver first: a subscriber may answer inside setState's notification.
    const p = new Promise<Reply>((resolve) => (this.answer = resolve));
    this.store.setState({ question: q });
    return p;
  }

  private onEvent(e: RunEvent): void {
    const s = this.store.getState();
    switch (e.type) {
      case 'started':
        this.journal = new JournalWriter(e.file);
        this.store.setState({ runId: e.runId });
        return;
      case 'step-started':
        this.flush();
        this.store.setState({
          current: e.index,
          stepStartedAt: Date.now(),
          steps: s.steps.map((x, i) => (i === e.index ? { ...x, state: 'running' } : x)),
          lines: this.bounded([...s.lines, `▶ ${e.number}. ${e.title} [${e.risk}]`]),
        });
        return;
      case 'command-started':
        this.store.setState({ command: { text: e.text, live: e.live, startedAt: Date.now() } });
        return;
      case 'output':
        this.pending.push(...e.chunk.replace(/\n$/, '').split('\n'));
        this.timer ??= setTimeout(() => this.flush(), OUTPUT_FLUSH_MS);
        return;
      case 'command-finished':
        if (s.command) this.store.setState({ command: null });
        if (e.record.note) this.pending.push(`  (${e.record.note})`);
        else if (e.record.notRun) this.pending.push(`  ${e.record.problem ?? 'not run'}: ${e.record.text.split('\n')[0]}`);
        // SQL results come whole, not streamed: the table (or why there is none) joins the output.
        if (e.record.kind === 'sql') {
          this.pending.push(...(e.record.output || '(no output)').replace(/\n$/, '').split('\n'));
          if (e.record.evidence) this.pending.push(`evidence saved: ${e.record.evidence}`);
          this.flush();
        }
        return;
      case 'step-finished':
        this.flush();
        this.store.setState({
          steps: this.store.getState().steps.map((x, i) => (i === e.record.index ? { ...x, state: e.record.status, ...(e.record.reason ? { reason: e.record.reason } : {}) } : x)),
          ...(e.record.reason ? { lines: this.bounded([...this.store.getState().lines, `  → ${e.record.status}: ${e.record.reason}`]) } : {}),
        });
        return;
      case 'branch': {
        const r = e.record;
        const what = r.taken ? `taken by ${r.by}` : r.reason ? `not run: ${r.reason}` : `passed over by ${r.by}`;
        this.flush();
        this.store.setState({ lines: this.bounded([...this.store.getState().lines, `↳ ${r.label} — ${what}`]) });
        return;
      }
      case 'check': {
        const r = e.record;
        const who = r.overridden ? ' — overridden' : r.by === 'live-check' ? ' — live check' : r.live ? ' — by the operator; live check' : '';
        const checks = [...s.checks.filter((c) => c.index !== r.index), pickCheck(r)].sort((a, b) => a.index - b.index);
        this.store.setState({ checks, lines: this.bounded([...s.lines, `${r.status === 'ticked' ? '[x]' : '[ ]'} ${r.text}${who}${r.live ? `: ${r.live}` : ''}${r.reason ? ` — ${r.reason}` : ''}`]) });
        return;
      }
      default:
        return;
    }
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.pending.length) return;
    const add = this.pending;
    this.pending = [];
    this.store.setState({ lines: this.bounded([...this.store.getState().lines, ...add]) });
  }

  private bounded(lines: string[]): string[] {
    return lines.length > OUTPUT_LINES ? lines.slice(-OUTPUT_LINES) : lines;
  }
}
