/**
 * The cockpit's procedure runs (no React): the stack of RunSessions on
 * screen — the one shown last; those below wait at their question (a run
 * started from a run's links sits on top of it) — in a zustand vanilla store
 * the procedures view reads.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RunSession, SessionState } from './RunSession';

export interface RunsState {
  sessions: readonly RunSession[];
}

export class ProcedureRuns {
  readonly store: StoreApi<RunsState> = createStore<RunsState>()(() => ({ sessions: [] }));

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
}
