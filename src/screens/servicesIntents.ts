/**
 * What the services and logs keys mean: UI events for the reducer (delegated
 * to servicesUi) and the one effect App carries out after a confirmation —
 * a container action. Pure, like intents.ts.
 */
import type { ContainerAction } from '../services/docker/ServicesService';
import type { LogSource } from '../services/logs/LogService';
import type { Action } from './keymap';
import type { SvcMove, SvcUiEvent } from './servicesUi';
import type { UiEvent, UiState } from './uiStore';
import { moveBy } from './moveBy';

export type ServicesEffect = { kind: 'containerAction'; host: string; id: string; action: ContainerAction };

interface Intent {
  events: UiEvent[];
  effects: ServicesEffect[];
}

export interface ServicesView {
  page: number;
  /** Services screen: container ids in screen order. */
  svcIds?: readonly string[];
  /** Logs screen: the picker's sources in order (with their keys). */
  logSources?: ReadonlyArray<{ key: string; source: LogSource }>;
  /** Logs screen: where a scroll lands (sequence number of the new bottom line; null: nothing to show). */
  logScroll?: (by: SvcMove) => number | null;
}

const svc = (...events: SvcUiEvent[]): Intent => ({ events: events.map((event) => ({ type: 'svc', event })), effects: [] });
const msg = (text: string): Intent => ({ events: [{ type: 'message', text, level: 'error' }], effects: [] });
const NONE: Intent = { events: [], effects: [] };

const CONTAINER_ACTIONS: Partial<Record<Action, ContainerAction>> = { restartContainer: 'restart', stopContainer: 'stop', startContainer: 'start' };

function servicesScreen(action: Action, ui: UiState, view: ServicesView): Intent | null {
  const ids = view.svcIds ?? [];
  const selected = ui.svc.container !== null && ids.includes(ui.svc.container) ? ui.svc.container : null;
  const by = moveBy(action, view.page);
  if (by !== null) return svc({ type: 'selectContainer', by, ids });
  const act = CONTAINER_ACTIONS[action];
  if (act) {
    if (selected === null || ui.host === null) return msg('no container selected');
    return { events: [], effects: [{ kind: 'containerAction', host: ui.host, id: selected, action: act }] };
  }
  if (action === 'open') return selected === null ? msg('no container selected') : openContainerLogs(selected, view);
  return null;
}

/** The selected container's logs, straight to the view (Enter on services, or l there). */
function openContainerLogs(id: string, view: ServicesView): Intent {
  const found = view.logSources?.find((s) => s.source.kind === 'container' && s.source.id === id);
  if (!found) return msg('no logs for this container');
  return {
    events: [
      { type: 'show', screen: 'logs' },
      { type: 'svc', event: { type: 'openLog', source: found.source, key: found.key } },
    ],
    effects: [],
  };
}

/** The log picker is on screen with nothing typed or shown over it: its list reads its own keys. */
export function logPickerFocused(ui: UiState): boolean {
  const l = ui.svc.logs;
  const viewing = l.mode === 'view' && l.source !== null && l.source.host === ui.host;
  return ui.screen === 'logs' && !viewing && ui.input === null && ui.overlay === null;
}

function logsScreen(action: Action, ui: UiState, view: ServicesView): Intent | null {
  const l = ui.svc.logs;
  const viewing = l.mode === 'view' && l.source !== null && l.source.host === ui.host;
  const by = moveBy(action, view.page);
  if (action === 'submit') {
    // The log filter, not the host filter (typed in the picker too: it applies to the next source).
    if (ui.input?.kind !== 'filter') return null;
    return { events: [{ type: 'closeInput' }, { type: 'svc', event: { type: 'logFilter', text: ui.input.text } }], effects: [] };
  }
  if (!viewing) {
    const sources = view.logSources ?? [];
    if (by !== null) return svc({ type: 'pick', by, keys: sources.map((s) => s.key) });
    if (action === 'open') {
      const s = sources.find((x) => x.key === l.pick);
      return s ? svc({ type: 'openLog', source: s.source, key: s.key }) : msg('no log source selected');
    }
    return null;
  }
  if (by !== null) {
    // The end resumes following; any other move pauses where it lands.
    if (by === 'bottom') return svc({ type: 'anchor', seq: null });
    return svc({ type: 'anchor', seq: view.logScroll?.(by) ?? null });
  }
  switch (action) {
    case 'pauseLogs':
      return svc({ type: 'anchor', seq: l.anchor === null ? (view.logScroll?.(0) ?? null) : null });
    case 'followLogs':
      return svc({ type: 'anchor', seq: null });
    case 'invertFilter':
      return svc({ type: 'toggle', what: 'invert' });
    case 'errorsOnly':
      return svc({ type: 'toggle', what: 'errors' });
    case 'toggleWrap':
      return svc({ type: 'toggle', what: 'wrap' });
    case 'toggleTimestamps':
      return svc({ type: 'toggle', what: 'timestamps' });
    case 'back':
      if (ui.input !== null) return null;
      if (l.filter !== '') return svc({ type: 'logFilter', text: '' });
      return svc({ type: 'picker' });
    default:
      return null;
  }
}

/** The services and logs keys; null when the action is not one of them here (the general intents apply). */
export function servicesIntent(action: Action, ui: UiState, view: ServicesView): Intent | null {
  if (action === 'showServices') return { events: [{ type: 'show', screen: 'services' }], effects: [] };
  if (action === 'showLogs') {
    // From the services screen, l opens the selected container's logs directly.
    if (ui.screen === 'services' && ui.svc.container !== null && (view.svcIds ?? []).includes(ui.svc.container)) {
      return openContainerLogs(ui.svc.container, view);
    }
    return { events: [{ type: 'show', screen: 'logs' }], effects: [] };
  }
  if (ui.overlay === 'help') return null;
  if (ui.screen === 'services' && ui.input === null) return servicesScreen(action, ui, view);
  if (ui.screen === 'logs') return logsScreen(action, ui, view) ?? (ui.input === null && moveBy(action, view.page) !== null ? NONE : null);
  return null;
}

/** The log filter the view shows now: what is being typed wins, so filtering is live. */
export function logFilterText(ui: UiState): string {
  return ui.screen === 'logs' && ui.input?.kind === 'filter' ? ui.input.text : ui.svc.logs.filter;
}
