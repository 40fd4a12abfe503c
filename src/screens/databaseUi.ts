/**
 * The database screen's part of the UI state (which session is selected, how
 * the sessions are sorted and filtered, which panel shows), as a pure reducer
 * that uiStore delegates to. Sessions are selected by pid, so the selection
 * stays on its backend while the list re-sorts under it every poll.
 */
import { moveIndex } from './moveBy';

export const DB_SORTS = ['duration', 'pid', 'user', 'state'] as const;
export type DbSort = (typeof DB_SORTS)[number];

/** What the lower half of the screen lists. */
export const DB_PANELS = ['sessions', 'statements', 'tables', 'migrations'] as const;
export type DbPanel = (typeof DB_PANELS)[number];

export interface DbUi {
  pid: number | null;
  sort: DbSort;
  /** The applied session filter (the one being typed lives in the input line). */
  filter: string;
  panel: DbPanel;
  /** The selected session's full query instead of the list. */
  query: boolean;
}

export const INITIAL_DB_UI: DbUi = { pid: null, sort: 'duration', filter: '', panel: 'sessions', query: false };

export type DbMove = number | 'top' | 'bottom';

export type DbUiEvent =
  | { type: 'select'; by: DbMove; pids: readonly number[] }
  | { type: 'sort' }
  | { type: 'filter'; text: string }
  | { type: 'panel' }
  | { type: 'query'; open: boolean };

export function dbUiReducer(s: DbUi, e: DbUiEvent): DbUi {
  switch (e.type) {
    case 'select': {
      const i = moveIndex(s.pid === null ? -1 : e.pids.indexOf(s.pid), e.by, e.pids.length);
      const pid = e.pids[i] ?? null;
      return pid === s.pid ? s : { ...s, pid };
    }
    case 'sort':
      return { ...s, sort: DB_SORTS[(DB_SORTS.indexOf(s.sort) + 1) % DB_SORTS.length] ?? 'duration' };
    case 'filter': {
      const filter = e.text.trim();
      return filter === s.filter ? s : { ...s, filter };
    }
    case 'panel':
      return { ...s, panel: DB_PANELS[(DB_PANELS.indexOf(s.panel) + 1) % DB_PANELS.length] ?? 'sessions', query: false };
    case 'query':
      return s.query === e.open ? s : { ...s, query: e.open };
  }
}
