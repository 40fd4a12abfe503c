/**
 * The processes screen's part of the UI state (which process is selected,
 * the sort, the filter, flat or tree, the signal pick list), as a pure
 * reducer that uiStore delegates to. The selection is a PID, so it stays on
 * its process while the list re-sorts under it at every reading.
 */
import { PROCESS_SIGNALS } from '../services/processes/processSignals';
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
  /** The signal pick list (K) for this PID, open on PROCESS_SIGNALS[index]; null when closed. */
  signal: { pid: number; index: number } | null;
}

export const INITIAL_PROCESSES_UI: ProcessesUi = { pid: null, sort: 'cpu', filter: '', tree: false, signal: null };

export type ProcMove = number | 'top' | 'bottom';

export type ProcessesUiEvent =
  | { type: 'select'; by: ProcMove; pids: readonly number[] }
  | { type: 'sort'; sort: ProcSort }
  | { type: 'filter'; text: string }
  | { type: 'tree' }
  /** Open the pick list for a process, on TERM. */
  | { type: 'pickSignal'; pid: number }
  | { type: 'moveSignal'; by: ProcMove }
  | { type: 'closeSignal' };

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
    case 'pickSignal':
      return { ...s, signal: { pid: e.pid, index: 0 } };
    case 'moveSignal': {
      if (!s.signal) return s;
      // The pick list does not wrap, like the other lists.
      const index = moveIndex(s.signal.index, e.by, PROCESS_SIGNALS.length);
      return index === s.signal.index ? s : { ...s, signal: { ...s.signal, index } };
    }
    case 'closeSignal':
      return s.signal ? { ...s, signal: null } : s;
  }
}
