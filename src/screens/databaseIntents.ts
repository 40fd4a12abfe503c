/**
 * What the database keys mean: UI events for the reducer (delegated to
 * databaseUi) and the one effect App carries out after a confirmation —
 * cancel or terminate a backend. Pure, like intents.ts.
 */
import type { BackendSignal } from '../services/database/types';
import type { Action } from './keymap';
import type { DbUiEvent } from './databaseUi';
import type { UiEvent, UiState } from './uiStore';
import { moveBy } from './moveBy';

export type DatabaseEffect = { kind: 'signalBackend'; host: string; pid: number; how: BackendSignal };

interface Intent {
  events: UiEvent[];
  effects: DatabaseEffect[];
}

const db = (...events: DbUiEvent[]): Intent => ({ events: events.map((event) => ({ type: 'db', event })), effects: [] });
const msg = (text: string): Intent => ({ events: [{ type: 'message', text, level: 'error' }], effects: [] });

export interface DatabaseView {
  /** Database screen: pids of the listed sessions, in order (sort and filter applied). */
  dbPids?: readonly number[];
  page: number;
}

/**
 * The database keys; null when the action is not one of them here (then the
 * general intents apply). Only the selected, listed session can be signalled.
 */
export function databaseIntent(action: Action, ui: UiState, view: DatabaseView): Intent | null {
  if (action === 'showDatabase') return { events: [{ type: 'show', screen: 'database' }], effects: [] };
  if (ui.screen !== 'database' || ui.overlay === 'help') return null;
  const pids = view.dbPids ?? [];
  const selected = ui.db.pid !== null && pids.includes(ui.db.pid) ? ui.db.pid : null;
  const by = moveBy(action, view.page);
  if (by !== null && ui.input === null) return ui.db.panel === 'sessions' && !ui.db.query ? db({ type: 'select', by, pids }) : { events: [], effects: [] };
  switch (action) {
    case 'details':
      if (selected === null) return msg('no session selected');
      return db({ type: 'query', open: !ui.db.query });
    case 'sortSessions':
      return db({ type: 'sort' });
    case 'nextPanel':
      return db({ type: 'panel' });
    case 'cancelQuery':
    case 'terminateBackend': {
      if (ui.db.panel !== 'sessions') return msg('show the sessions first (v)');
      if (selected === null || ui.host === null) return msg('no session selected');
      return { events: [], effects: [{ kind: 'signalBackend', host: ui.host, pid: selected, how: action === 'cancelQuery' ? 'cancel' : 'terminate' }] };
    }
    case 'submit':
      // The session filter, not the host filter: the host list is not on this screen.
      if (ui.input?.kind !== 'filter') return null;
      return { events: [{ type: 'closeInput' }, { type: 'db', event: { type: 'filter', text: ui.input.text } }], effects: [] };
    case 'back':
      if (ui.input !== null) return null;
      if (ui.db.query) return db({ type: 'query', open: false });
      if (ui.db.filter !== '') return db({ type: 'filter', text: '' });
      return null;
    default:
      return null;
  }
}

/** The filter the session list shows now: what is being typed wins, so filtering is live. */
export function sessionFilter(ui: UiState): string {
  return ui.screen === 'database' && ui.input?.kind === 'filter' ? ui.input.text : ui.db.filter;
}
