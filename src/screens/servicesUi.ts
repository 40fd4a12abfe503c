/**
 * The services and logs screens' part of the UI state, as a pure reducer
 * that uiStore delegates to: the selected container (by id, so it stays put
 * while the list re-sorts under it), and the logs view — which source, where
 * the eye is (following the end, or paused at a line), filter and toggles.
 */
import type { LogSource } from '../services/logs/LogService';
import { moveIndex } from './moveBy';

export interface LogsUi {
  /** pick: the list of sources; view: one source's lines. */
  mode: 'pick' | 'view';
  /** The source highlighted in the picker (its key). */
  pick: string | null;
  /** The source on screen in view mode. */
  source: LogSource | null;
  /** null: following the end. Else paused, with this line (sequence number) at the bottom. */
  anchor: number | null;
  /** The applied filter (the one being typed lives in the input line). */
  filter: string;
  invert: boolean;
  /** Only warning|error|critical lines (procedure DO-001's grep). */
  errors: boolean;
  wrap: boolean;
  timestamps: boolean;
}

export interface SvcUi {
  /** Selected container id on the services screen. */
  container: string | null;
  logs: LogsUi;
}

export const INITIAL_SVC_UI: SvcUi = {
  container: null,
  logs: { mode: 'pick', pick: null, source: null, anchor: null, filter: '', invert: false, errors: false, wrap: false, timestamps: false },
};

export type SvcMove = number | 'top' | 'bottom';
export type LogToggle = 'invert' | 'errors' | 'wrap' | 'timestamps';

export type SvcUiEvent =
  | { type: 'selectContainer'; by: SvcMove; ids: readonly string[] }
  | { type: 'container'; id: string }
  | { type: 'pick'; by: SvcMove; keys: readonly string[] }
  /** The picker's list moved its highlight itself. */
  | { type: 'pickKey'; key: string }
  | { type: 'openLog'; source: LogSource; key: string }
  | { type: 'picker' }
  | { type: 'anchor'; seq: number | null }
  | { type: 'logFilter'; text: string }
  | { type: 'toggle'; what: LogToggle };

function logs(s: SvcUi, patch: Partial<LogsUi>): SvcUi {
  const next = { ...s.logs, ...patch };
  for (const k of Object.keys(patch) as Array<keyof LogsUi>) if (next[k] !== s.logs[k]) return { ...s, logs: next };
  return s;
}

export function svcUiReducer(s: SvcUi, e: SvcUiEvent): SvcUi {
  switch (e.type) {
    case 'selectContainer': {
      const i = moveIndex(s.container === null ? -1 : e.ids.indexOf(s.container), e.by, e.ids.length);
      const id = e.ids[i] ?? null;
      return id === s.container ? s : { ...s, container: id };
    }
    case 'container':
      return e.id === s.container ? s : { ...s, container: e.id };
    case 'pick': {
      const i = moveIndex(s.logs.pick === null ? -1 : e.keys.indexOf(s.logs.pick), e.by, e.keys.length);
      return logs(s, { pick: e.keys[i] ?? null });
    }
    case 'pickKey':
      return logs(s, { pick: e.key });
    case 'openLog':
      // A new source starts at its end, following; the filter and toggles stay (the eye's habits).
      return { ...s, logs: { ...s.logs, mode: 'view', source: e.source, pick: e.key, anchor: null } };
    case 'picker':
      return logs(s, { mode: 'pick', anchor: null });
    case 'anchor':
      return logs(s, { anchor: e.seq });
    case 'logFilter':
      return logs(s, { filter: e.text.trim() });
    case 'toggle':
      return logs(s, { [e.what]: !s.logs[e.what] });
  }
}
