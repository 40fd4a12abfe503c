/**
 * Run journals: JSON lines under <state>/runs/<RUN_ID>.jsonl, one record per
 * finished step, each written with fsync so a crash (even SIGKILL) loses at
 * most the step in progress. Reading tolerates a torn last line for the same
 * reason: everything before it is intact.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { nodeCrypto } from '../../../hosts/lazyBuiltins';
import { FINISHED, type CheckRecord, type CommandStartRecord, type EndRecord, type JournalRecord, type ResumeRecord, type RunHeader, type RunStatus, type StepRecord, type TimerRecord } from './types';

export function runsDir(stateDir: string): string {
  return join(stateDir, 'runs');
}

/** Sortable by time, readable, and safe as a file name: 20261127-0342-DO-001-a1b2c3. */
export function newRunId(procedureId: string, now = new Date()): string {
  const t = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${t}-${procedureId}-${nodeCrypto().randomBytes(3).toString('hex')}`;
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;

export function journalFile(stateDir: string, runId: string): string {
  if (!RUN_ID.test(runId)) throw new Error(`not a run id: ${JSON.stringify(runId)}`);
  return join(runsDir(stateDir), `${runId}.jsonl`);
}

export class JournalWriter {
  constructor(readonly file: string) {}

  append(record: JournalRecord): void {
    mkdirSync(join(this.file, '..'), { recursive: true, mode: 0o700 });
    const fd = openSync(this.file, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(record)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

export interface RunSummary {
  header: RunHeader;
  /** The latest record of each step index (a resumed step's new record replaces the old one). */
  steps: StepRecord[];
  checks: CheckRecord[];
  timers: TimerRecord[];
  end: EndRecord | null;
  status: RunStatus;
  /** Index of the first step not finished: where a resume starts. */
  resumeAt: number;
  /** Each resume of the run, in order (with the interruption it found, if any). */
  resumes: ResumeRecord[];
  /** The command that had begun when the run was interrupted (its step has no record after it), or null. */
  interrupted: CommandStartRecord | null;
  file: string;
}

export function parseJournal(text: string, file: string): RunSummary {
  const records: JournalRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      records.push(JSON.parse(line) as JournalRecord);
    } catch {
      break; // a torn last line from a crash; what came before stands
    }
  }
  const header = records.find((r): r is RunHeader => r.type === 'run');
  if (!header) throw new Error(`${file}: not a run journal (no run record)`);
  const byIndex = new Map<number, StepRecord>();
  const checks = new Map<number, CheckRecord>();
  let end: EndRecord | null = null;
  const timers: TimerRecord[] = [];
  const resumes: ResumeRecord[] = [];
  let interrupted: CommandStartRecord | null = null;
  for (const r of records) {
    if (r.type === 'command-start') interrupted = r;
    else if ((r.type === 'step' && r.index === interrupted?.index) || r.type === 'end') interrupted = null;
    if (r.type === 'timer') timers.push(r);
    if (r.type === 'step') byIndex.set(r.index, r);
    else if (r.type === 'check') checks.set(r.index, r);
    else if (r.type === 'end') end = r;
    else if (r.type === 'resume') {
      end = null; // a resumed run is running again
      resumes.push(r);
    }
  }
  const steps = [...byIndex.values()].sort((a, b) => a.index - b.index);
  let resumeAt = 0;
  while (byIndex.has(resumeAt) && FINISHED.has(byIndex.get(resumeAt)!.status)) resumeAt++;
  return { header, steps, checks: [...checks.values()].sort((a, b) => a.index - b.index), timers, end, status: end ? end.status : 'interrupted', resumeAt, resumes, interrupted, file };
}

export function readRun(stateDir: string, runId: string): RunSummary {
  const file = journalFile(stateDir, runId);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`no run ${runId} (looked in ${runsDir(stateDir)})`);
  }
  return parseJournal(text, file);
}

/** Every run, newest first; unreadable journals are left out rather than failing the list. */
export function listRuns(stateDir: string): RunSummary[] {
  let names: string[];
  try {
    names = readdirSync(runsDir(stateDir)).filter((f) => f.endsWith('.jsonl'));
  } catch {
    return [];
  }
  const out: Array<RunSummary & { mtime: number }> = [];
  for (const n of names) {
    const file = join(runsDir(stateDir), n);
    try {
      out.push({ ...parseJournal(readFileSync(file, 'utf8'), file), mtime: statSync(file).mtimeMs });
    } catch {
      /* not ours */
    }
  }
  return out.sort((a, b) => b.header.startedAt.localeCompare(a.header.startedAt)).map(({ mtime: _m, ...r }) => r);
}
