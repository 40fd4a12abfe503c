/**
 * What the processes keys mean: UI events for the reducer (delegated to
 * processesUi) and the one effect App carries out after a confirmation —
 * send a signal to a process. Pure, like intents.ts.
 */
import { PROCESS_SIGNALS, type ProcessSignal } from '../services/processes/processSignals';
import type { Action } from './keymap';
import { moveBy } from './moveBy';
import type { ProcSort, ProcessesUiEvent } from './processesUi';
import type { UiEvent, UiState } from './uiStore';

export type ProcessesEffect = { kind: 'signalProcess'; host: string; pid: number; signal: ProcessSignal };

interface Intent {
  events: UiEvent[];
  effects: ProcessesEffect[];
}

const proc = (...events: ProcessesUiEvent[]): Intent => ({ events: events.map((event) => ({ type: 'processes', event })), effects: [] });
const msg = (text: string): Intent => ({ events: [{ type: 'message', text, level: 'error' }], effects: [] });

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
  if (ui.processes.signal !== null && ui.input === null) return signalPickIntent(action, ui, ui.processes.signal);
  const by = moveBy(action, view.page);
  if (by !== null && ui.input === null) return proc({ type: 'select', by, pids: view.procPids ?? [] });
  const sort = SORT_KEYS[action];
  if (sort) return proc({ type: 'sort', sort });
  switch (action) {
    case 'toggleTree':
      return proc({ type: 'tree' });
    case 'signalProcess': {
      const pids = view.procPids ?? [];
      if (ui.host === null || ui.processes.pid === null || !pids.includes(ui.processes.pid)) return msg('no process selected');
      return proc({ type: 'pickSignal', pid: ui.processes.pid });
    }
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

/**
 * While the signal pick list is open it takes the keys, as a small modal:
 * the moves choose, Enter sends the chosen signal (the confirmation follows),
 * Esc closes it. q still quits; every other key does nothing meanwhile.
 */
function signalPickIntent(action: Action, ui: UiState, pick: { pid: number; index: number }): Intent | null {
  const by = moveBy(action, 1);
  if (by !== null) return proc({ type: 'moveSignal', by });
  switch (action) {
    case 'open': {
      const signal = PROCESS_SIGNALS[pick.index] ?? 'TERM';
      const close: UiEvent = { type: 'processes', event: { type: 'closeSignal' } };
      if (ui.host === null) return { events: [close], effects: [] };
      return { events: [close], effects: [{ kind: 'signalProcess', host: ui.host, pid: pick.pid, signal }] };
    }
    case 'back':
    case 'signalProcess':
      return proc({ type: 'closeSignal' });
    case 'quit':
      return null;
    default:
      return { events: [], effects: [] };
  }
}

/** The filter the process list shows now: what is being typed wins, so filtering is live. */
export function processFilter(ui: UiState): string {
  return ui.screen === 'processes' && ui.input?.kind === 'filter' ? ui.input.text : ui.processes.filter;
}
