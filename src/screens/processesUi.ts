/**
 * The processes screen's part of the UI state (which process is selected,
 * the sort, the filter, flat or tree), as a pure reducer that uiStore
 * delegates to. The selection is a PID, so it stays on its process while the
 * list re-sorts under it at every reading.
 */
import { moveIndex } from './moveBy';

export const PROC_SORTS = ['cpu', 'memory', 'pid', 'time', 'user'] as const;
export type ProcSort = (typeof PROC_SORTS)[number];

export interface ProcessesUi {
  pid: number | null;
  sort: ProcSort;
  /** The applied filter (the one being typed lives in the input line). */
  filter: string;
  /** Parent/child tree instead of the flat sorted list. */
  tree: boolean;
}

export const INITIAL_PROCESSES_UI: ProcessesUi = { pid: null, sort: 'cpu', filter: '', tree: false };

export type ProcMove = number | 'top' | 'bottom';

export type ProcessesUiEvent =
  { type: 'select'; by: ProcMove; pids: readonly number[] } | { type: 'sort'; sort: ProcSort } | { type: 'filter'; text: string } | { type: 'tree' };

export function processesUiReducer(s: ProcessesUi, e: ProcessesUiEvent): ProcessesUi {
  switch (e.type) {
    case 'select': {
      const i = moveIndex(s.pid === null ? -1 : e.pids.indexOf(s.pid), e.by, e.pids.length);
      const pid = e.pids[i] ?? null;
      return pid === s.pid ? s : { ...s, pid };
    }
    case 'sort':
      return s.sort === e.sort ? s : { ...s, sort: e.sort };
    case 'filter': {
      const filter = e.text.trim();
      return filter === s.filter ? s : { ...s, filter };
    }
    case 'tree':
      return { ...s, tree: !s.tree };
  }
}
