/**
 * What the processes keys mean: UI events for the reducer (delegated to
 * processesUi). Pure, like intents.ts.
 */
import type { Action } from './keymap';
import { moveBy } from './moveBy';
import type { ProcSort, ProcessesUiEvent } from './processesUi';
import type { UiEvent, UiState } from './uiStore';

interface Intent {
  events: UiEvent[];
  effects: never[];
}

const proc = (...events: ProcessesUiEvent[]): Intent => ({ events: events.map((event) => ({ type: 'processes', event })), effects: [] });

export interface ProcessesView {
  /** Processes screen: PIDs of the listed processes, in order (sort, filter and tree applied). */
  procPids?: readonly number[];
  page: number;
}

const SORT_KEYS: Partial<Record<Action, ProcSort>> = {
  sortCpu: 'cpu',
  sortMemory: 'memory',
  sortPid: 'pid',
  sortTime: 'time',
  sortUser: 'user',
};

/** The processes keys; null when the action is not one of them here (then the general intents apply). */
export function processesIntent(action: Action, ui: UiState, view: ProcessesView): Intent | null {
  if (action === 'showProcesses') return { events: [{ type: 'show', screen: 'processes' }], effects: [] };
  if (ui.screen !== 'processes' || ui.overlay === 'help') return null;
  const by = moveBy(action, view.page);
  if (by !== null && ui.input === null) return proc({ type: 'select', by, pids: view.procPids ?? [] });
  const sort = SORT_KEYS[action];
  if (sort) return proc({ type: 'sort', sort });
  switch (action) {
    case 'toggleTree':
      return proc({ type: 'tree' });
    case 'submit':
      // The process filter, not the host filter: the host list is not on this screen.
      if (ui.input?.kind !== 'filter') return null;
      return { events: [{ type: 'closeInput' }, { type: 'processes', event: { type: 'filter', text: ui.input.text } }], effects: [] };
    case 'back':
      if (ui.input !== null) return null;
      if (ui.processes.filter !== '') return proc({ type: 'filter', text: '' });
      return null;
    default:
      return null;
  }
}

/** The filter the process list shows now: what is being typed wins, so filtering is live. */
export function processFilter(ui: UiState): string {
  return ui.screen === 'processes' && ui.input?.kind === 'filter' ? ui.input.text : ui.processes.filter;
}
