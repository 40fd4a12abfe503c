/**
 * What the procedures view's key effects act with: the library and wiring
 * (props), the runs service, the UI store (read as the last key left it,
 * written by events) and the App's confirmation modal. The effects are plain
 * functions of it, so no state hides in the view.
 */
import type { Procedure } from '../services/procedures/model';
import type { ProcedureRuns } from '../services/procedures/runner/ProcedureRuns';
import type { Confirm } from '../screens/confirm';
import type { NavEvent } from '../screens/proceduresNav';
import type { ProceduresUiEvent } from '../screens/proceduresUi';
import type { UiEvent, UiState } from '../screens/uiStore';
import type { ProceduresProps } from './proceduresProps';

export interface ProceduresContext {
  props: ProceduresProps | undefined;
  procs: readonly Procedure[];
  runs: ProcedureRuns;
  /** The UI state as the last key left it: two keys in one write (a paste, a fast typist) see each other's move. */
  getUi: () => UiState;
  dispatch: (e: UiEvent | readonly UiEvent[]) => void;
  confirm: Confirm;
  /** How far the current view's movement keys go (its rows, or the lines past the window). */
  extent: () => number;
  /** Rows one PgUp/PgDn moves. */
  page: number;
}

export function say(c: ProceduresContext, text: string, level: 'info' | 'error' = 'info'): void {
  c.dispatch({ type: 'message', text, level });
}

export function go(c: ProceduresContext, e: NavEvent): void {
  c.dispatch({ type: 'procedures', event: { type: 'nav', event: e } });
}

export function proceduresUi(c: ProceduresContext, e: ProceduresUiEvent): void {
  c.dispatch({ type: 'procedures', event: e });
}
