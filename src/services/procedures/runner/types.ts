/**
 * The runner's vocabulary: what it tells the screen (events), what it asks
 * (RunAsk), and what it writes to the journal (records). The JSON field
 * names are a contract (docs/procedures.md, "The journal"): extend, never rename.
 */
import type { Confirmation, Risk } from '../../actionGuard';
import type { ChecklistItem } from '../model';

/**
 * done: ran (or was answered) fully · failed: a command exited non-zero or was killed ·
 * refused: --read-only · stopped: needs a confirmation nobody can give (headless) ·
 * declined: the operator said no · skipped: an instruction skipped with a reason, or headless.
 */
export type StepStatus = 'done' | 'failed' | 'refused' | 'stopped' | 'declined' | 'skipped';

/** A finished step is never re-run by a resume; the others are. */
export const FINISHED: ReadonlySet<StepStatus> = new Set(['done', 'skipped', 'refused']);

/** incomplete: every step was reached, but some were refused (--read-only) or skipped. */
export type RunStatus = 'running' | 'completed' | 'incomplete' | 'failed' | 'stopped' | 'interrupted';

export interface CommandRecord {
  kind: 'shell' | 'sql' | 'manual';
  /** As written in the procedure. */
  text: string;
  /** As sent (the env-rewritten shell text, or the bound SQL); never holds a parameter's value. */
  asRun?: string;
  risk: Risk;
  exitCode: number | null;
  /** Bounded (OUTPUT_LIMIT); secrets replaced by [redacted]. */
  output: string;
  durationMs: number;
  timedOut?: boolean;
  /** A problem in words ("needs passwordless sudo", "timed out after 60 s"). */
  problem?: string;
  /** A `no-match` grep search that exited 1 with no output: it found nothing, which is not a failure (execShell.ts). */
  noMatch?: boolean;
  /**
   * Ended on purpose before it finished (exitCode null): by the operator's key,
   * or at its timeout when it follows output or loops with sleeps (liveCommand.ts).
   * Not a failure; `note` says how ("stopped by the operator after 2 m 10 s").
   */
  stopped?: 'operator' | 'timeout';
  /** Never started (exitCode null): `problem` says why ("not run: an earlier command failed"). */
  notRun?: boolean;
  /** It failed in a block marked on-error=continue: the block went on, and the step does not fail for it. */
  onErrorContinue?: boolean;
  /** How it ended, in words, when that is not a plain exit and not a problem: a stop. */
  note?: string;
  /** The shell that ran it (bash for a ```bash block, sh for ```sh). */
  shell?: string;
  /** manual / interactive: the operator's answer. */
  answer?: 'done' | 'skipped';
  reason?: string;
  evidence?: string;
  /** The block's `risk-override` reason: why the library states a risk below the classifier's. */
  riskOverride?: string;
  /** Which attempt of the step ran it (2 and on: the operator's retries of a failed command); absent: the first. */
  attempt?: number;
  /** The branch or alternative the command belongs to (its label); absent: a plain block. */
  branch?: string;
}

/** A branch or an alternative reached in a step: taken or passed over, by whom, when. */
export interface BranchRecord {
  label: string;
  flow: 'branch' | 'alternative';
  taken: boolean;
  /** The operator's name, or how a headless run decided (`--branch`, `headless: not named`). */
  by: string;
  at: string;
  /** Commands under the label. */
  commands: number;
  /** Why it did not run although chosen (refused under --read-only, not confirmed …). */
  reason?: string;
}

export interface RunHeader {
  type: 'run';
  runId: string;
  procedure: { id: string; title: string; hash: string; source: string };
  host: string;
  production: boolean;
  operator: string;
  params: Record<string, string>;
  mode: { headless: boolean; readOnly: boolean; yes: boolean; confirmHost?: string; branches?: string[] };
  startedAt: string;
  /** The library files the procedure was read from: a resume reads them again without --library. */
  library?: string[];
  /** The procedure's links (escalation …): where each leads, null when the library lacks it. */
  links?: Array<{ text: string; procedure: string | null; target: string }>;
}

export interface StepRecord {
  type: 'step';
  index: number;
  number: number;
  title: string;
  phase: string;
  status: StepStatus;
  risk: Risk;
  reason?: string;
  confirmedBy?: string;
  confirmedAt?: string;
  startedAt: string;
  endedAt: string;
  commands: CommandRecord[];
  /** Every branch and alternative the step reached, taken or passed over. */
  branches?: BranchRecord[];
  /** A failed step the operator skipped: who, and the failure it left behind. */
  skippedBy?: string;
  /** Attempts at a failed command (1 + the operator's retries), when more than one. */
  attempts?: number;
}

export interface CheckRecord {
  type: 'check';
  index: number;
  section: string;
  text: string;
  status: 'ticked' | 'refused' | 'skipped';
  reason?: string;
  /** Who decided: a live check ticked it, or the operator (absent in journals from before live checks). */
  by?: 'live-check' | 'operator';
  /** What the live check saw, when one backs the item ("api 200 OK (4 ms)"). */
  live?: string;
  /** The operator overrode a live tick (status refused, with the reason). */
  overridden?: boolean;
  at: string;
}

export interface EndRecord {
  type: 'end';
  status: Exclude<RunStatus, 'running' | 'interrupted'>;
  message: string;
  at: string;
}

export interface ResumeRecord {
  type: 'resume';
  fromStep: number;
  at: string;
  /** The command the run was interrupted in (its step had no record), and whether it is run again and by whose word. */
  interrupted?: { index: number; number: number; text: string; startedAt: string; rerun: boolean; by: string };
}

/** The recovery timer (BR-002's DR test): started and stopped by the operator during a run. */
export interface TimerRecord {
  type: 'timer';
  action: 'start' | 'stop';
  at: string;
}

/**
 * A command is about to run on the host (written before it is sent). The last
 * one not followed by its step's record is what was running when the run was
 * interrupted (RunSummary.interrupted).
 */
export interface CommandStartRecord {
  type: 'command-start';
  /** The step's index (StepRecord.index) and number. */
  index: number;
  number: number;
  /** The command's index in the step's records (StepRecord.commands). */
  command: number;
  text: string;
  at: string;
}

export type JournalRecord = RunHeader | StepRecord | CheckRecord | EndRecord | ResumeRecord | TimerRecord | CommandStartRecord;

export type RunEvent =
  | { type: 'started'; runId: string; file: string }
  | { type: 'step-started'; index: number; number: number; title: string; risk: Risk }
  | { type: 'command-started'; index: number; command: number; text: string; live: boolean; stoppable: boolean }
  | { type: 'output'; index: number; command: number; chunk: string }
  | { type: 'command-finished'; index: number; command: number; record: CommandRecord }
  | { type: 'branch'; index: number; record: BranchRecord }
  | { type: 'step-finished'; record: StepRecord }
  | { type: 'check'; record: CheckRecord }
  | { type: 'finished'; status: EndRecord['status']; message: string };

export interface ConfirmRequest {
  step: { number: number; title: string };
  risk: Risk;
  confirmation: Confirmation;
  host: string;
  production: boolean;
  commands: string[];
  /** `risk-override` reasons of the commands asked about, shown beside them. */
  overrides?: string[];
}

export type ManualAnswer = { done: true } | { done: false; reason: string };

/** What the operator does about a failed step. */
export type FailureAnswer = { action: 'retry' } | { action: 'skip'; reason: string } | { action: 'abort' };

export interface BranchRequest {
  step: { number: number; title: string };
  label: string;
  /** "If Standard Recovery Fails — run these 4 commands?" */
  question: string;
  commands: string[];
  risk: Risk;
}

export interface ChoiceRequest {
  step: { number: number; title: string };
  options: Array<{ label: string; commands: string[]; risk: Risk }>;
  /** Indices the service_name parameter or the alert points at. */
  preselected: number[];
}

export interface FailureRequest {
  step: { number: number; title: string };
  command: string;
  problem: string;
}

/** What the runner asks; the screen or a script answers. */
export interface RunAsk {
  /** The typed answer (checked with confirmationAccepts), or null for no. */
  confirm(req: ConfirmRequest): Promise<string | null>;
  /** An instruction without commands, or an interactive command handed to the operator. */
  manual(req: { step: { number: number; title: string }; text: string; interactive: boolean }): Promise<ManualAnswer>;
  /** A checklist item or success criterion: ticked, or refused with a reason. */
  check(item: ChecklistItem, live?: { ok: boolean; detail: string }): Promise<ManualAnswer>;
  /** A branch reached: run it? (default no). */
  branch(req: BranchRequest): Promise<boolean>;
  /** Alternatives reached: the indices to run (none is an answer). */
  choose(req: ChoiceRequest): Promise<number[]>;
  /** A resumed run was interrupted in this step, while running `command`: run the step again? */
  rerun(req: { step: { number: number; title: string }; command: string; startedAt: string }): Promise<boolean>;
  /** A step failed: retry the failed command and the rest, skip the step (a reason), or abort the run. */
  failed(req: FailureRequest): Promise<FailureAnswer>;
}
