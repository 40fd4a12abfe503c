/**
 * What the alert keys and commands mean: UI events for the reducer and
 * effects for App to carry out through AlertActions. Pure, like intents.ts.
 */
import { parseDuration } from '../services/alerts/maintenance';
import type { Action } from './keymap';
import type { MaintenanceCommand } from './maintenanceCommand';
import type { UiEvent, UiState } from './uiStore';
import { isGroupKey } from '../services/alerts/groupAlerts';

/** What the alert keys need of the screen: the listed row keys, and each open group's members. */
export interface AlertsView {
  alerts?: readonly string[];
  /** Alert key → the key of the open group it is listed under. */
  alertGroupOf?: ReadonlyMap<string, string>;
}

export type AlertEffect =
  | { kind: 'acknowledge'; key: string; comment: string; silenceMs?: number }
  | { kind: 'resolveAlert'; key: string; comment: string }
  | { kind: 'maintenanceStart'; host: string | null; durationMs: number; reason: string }
  | { kind: 'maintenanceEnd'; host: string | null };

interface Intent {
  events: UiEvent[];
  effects: AlertEffect[];
}

const msg = (text: string): Intent => ({ events: [{ type: 'message', text, level: 'error' }], effects: [] });

/** The alert-screen keys; null when the action is not one of them. */
export function alertIntent(action: Action, ui: UiState, view: AlertsView): Intent | null {
  const keys = view.alerts ?? [];
  const held = ui.alert !== null && keys.includes(ui.alert);
  // The list marks its top row until App's effect stores that selection: a key
  // pressed in between acts on the row the operator sees marked.
  const selected = held ? ui.alert : (keys[0] ?? null);
  const select: UiEvent[] = held || selected === null ? [] : [{ type: 'selectAlert', by: 'top', keys }];
  switch (action) {
    case 'showAlerts':
      return { events: [{ type: 'show', screen: 'alerts' }], effects: [] };
    case 'details':
      if (selected === null) return msg('no alert selected');
      if (isGroupKey(selected)) return { events: [...select, { type: 'fleet', event: { type: 'openGroup', key: selected } }], effects: [] };
      return { events: [...select, { type: 'alertView', view: ui.alertView === 'details' ? 'list' : 'details' }], effects: [] };
    case 'procedure':
      if (selected === null) return msg('no alert selected');
      return { events: [...select, { type: 'alertView', view: 'procedure' }], effects: [] };
    case 'expandGroup':
      if (selected === null || !isGroupKey(selected)) return { events: [], effects: [] };
      return { events: [...select, { type: 'fleet', event: { type: 'openGroup', key: selected, open: true } }], effects: [] };
    case 'collapseGroup': {
      if (selected === null) return { events: [], effects: [] };
      if (isGroupKey(selected)) return { events: [...select, { type: 'fleet', event: { type: 'openGroup', key: selected, open: false } }], effects: [] };
      const group = view.alertGroupOf?.get(selected);
      if (group === undefined) return { events: [], effects: [] };
      // The selection moves up to the group's row, which stays listed once the group closes.
      const by = keys.indexOf(group) - keys.indexOf(selected);
      return {
        events: [
          { type: 'selectAlert', by, keys },
          { type: 'fleet', event: { type: 'openGroup', key: group, open: false } },
        ],
        effects: [],
      };
    }
    case 'acknowledge':
    case 'resolveAlert':
      if (selected === null) return msg('no alert selected');
      return { events: [...select, { type: 'openInput', kind: action === 'acknowledge' ? 'ack' : 'resolve' }], effects: [] };
    default:
      return null;
  }
}

/**
 * The submitted comment line. A comment is required: the alert log says why.
 * An acknowledgement may start with a duration ("30m waiting for the vendor"):
 * how long the Alertmanager silence lasts.
 */
export function commentEffect(ui: UiState, kind: 'ack' | 'resolve', text: string): Intent {
  const close: UiEvent = { type: 'closeInput' };
  const comment = text.trim();
  if (ui.alert === null) return { events: [close], effects: [] };
  if (comment === '') return { events: [close, { type: 'message', text: 'a comment is required (it goes to the alert log)', level: 'error' }], effects: [] };
  if (kind === 'resolve') return { events: [close], effects: [{ kind: 'resolveAlert', key: ui.alert, comment }] };
  const [first, ...rest] = comment.split(/\s+/);
  const silenceMs = first !== undefined && rest.length > 0 && /^\d+[smhd]/.test(first) ? parseDuration(first) : null;
  return {
    events: [close],
    effects: [
      silenceMs === null ? { kind: 'acknowledge', key: ui.alert, comment } : { kind: 'acknowledge', key: ui.alert, comment: rest.join(' '), silenceMs },
    ],
  };
}

export function maintenanceEffect(ui: UiState, cmd: MaintenanceCommand): Intent {
  const close: UiEvent = { type: 'closeInput' };
  const host = cmd.target === undefined ? ui.host : cmd.target;
  if (cmd.target === undefined && host === null)
    return { events: [close, { type: 'message', text: 'no host selected (name one, or all)', level: 'error' }], effects: [] };
  const h = host ?? null;
  return {
    events: [close],
    effects: [cmd.op === 'start' ? { kind: 'maintenanceStart', host: h, durationMs: cmd.durationMs, reason: cmd.reason } : { kind: 'maintenanceEnd', host: h }],
  };
}
