/**
 * The cockpit's procedure runs (no React): the stack of RunSessions on
 * screen — the one shown last; those below wait at their question (a run
 * started from a run's links sits on top of it) — and what the journals
 * say of past runs (the list, one run's report), in a zustand vanilla store
 * the procedures view reads. The journal reads are here, not in the view.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { listRuns, readRun, type RunSummary } from './journal';
import { renderReport } from './report';
import type { RunSession, SessionState } from './RunSession';

/** One past run as the runs list shows it. */
export interface PastRun {
  runId: string;
  procedure: string;
  host: string;
  status: string;
  startedAt: string;
  operator: string;
}

export interface RunsState {
  sessions: readonly RunSession[];
  /** The journals' runs, newest first, as last listed. */
  past: readonly PastRun[];
  /** The report shown (Markdown, as `riskctl runs RUN_ID` prints it), with its run id. */
  report: { runId: string; text: string } | null;
}

/** The newest runs first, at most 200. */
export function pastRuns(stateDir: string): PastRun[] {
  return listRuns(stateDir)
    .slice(0, 200)
    .map((r) => ({
      runId: r.header.runId,
      procedure: r.header.procedure.id,
      host: r.header.host,
      status: r.status,
      startedAt: r.header.startedAt,
      operator: r.header.operator,
    }));
}

/** A run's Markdown report. Throws "no run …" for an unknown id. */
export function reportOf(stateDir: string, runId: string): string {
  return renderReport(readRun(stateDir, runId));
}

export class ProcedureRuns {
  readonly store: StoreApi<RunsState> = createStore<RunsState>()(() => ({ sessions: [], past: [], report: null }));

  /** The run shown: the top of the stack. */
  current(): RunSession | null {
    return this.store.getState().sessions.at(-1) ?? null;
  }

  /** A new run: on top of the one shown (started from its links), or in place of them all. */
  add(s: RunSession, onTop: boolean): void {
    const ss = this.store.getState().sessions;
    this.store.setState({ sessions: onTop ? [...ss, s] : [s] });
  }

  /** Back to the run below (the one shown is over). */
  pop(): void {
    this.store.setState({ sessions: this.store.getState().sessions.slice(0, -1) });
  }

  /** A run of the stack still going (or waiting on a question): starting another would lose it. */
  running(): SessionState | undefined {
    return this.store
      .getState()
      .sessions.map((x) => x.store.getState())
      .find((st) => st.status === 'running');
  }

  /** Lists the journals' runs again. */
  listPast(stateDir: string): void {
    this.store.setState({ past: pastRuns(stateDir) });
  }

  /** Reads a run's report into the store; the error's message when it cannot be read. */
  openReport(stateDir: string, runId: string): string | null {
    try {
      this.store.setState({ report: { runId, text: reportOf(stateDir, runId) } });
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  }

  /** A past run's journal, to resume it; the error's message when it cannot be read. */
  readRun(stateDir: string, runId: string): RunSummary | string {
    try {
      return readRun(stateDir, runId);
    } catch (err) {
      return (err as Error).message;
    }
  }
}
