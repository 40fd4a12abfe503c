/**
 * UI state — which screen, which host, which overlay, what is being typed —
 * as a pure reducer. Live host data is NOT here: that is the live store's.
 * Host lists arrive in the events, so the reducer stays pure and testable.
 */
import { useCallback, useRef, useState } from 'react';
import { SCREENS, type KeyContext, type ScreenName } from './keymap';
import { filterHosts, type HostTags } from './hostFilter';
import { dbUiReducer, INITIAL_DB_UI, type DbUi, type DbUiEvent } from './databaseUi';
import { INITIAL_PROCESSES_UI, processesUiReducer, type ProcessesUi, type ProcessesUiEvent } from './processesUi';
import { INITIAL_SVC_UI, svcUiReducer, type SvcUi, type SvcUiEvent } from './servicesUi';
import { fleetUiReducer, INITIAL_FLEET_UI, type FleetUi, type FleetUiEvent } from './fleetUi';
import { inertLine } from '../services/inertText';
import { INITIAL_PROCEDURES_UI, proceduresUiReducer, type ProceduresUi, type ProceduresUiEvent } from './proceduresUi';

/** ack / resolve: the comment line for the selected alert. */
export type InputKind = 'command' | 'filter' | 'ack' | 'resolve' | 'param' | 'reason';

export interface UiMessage {
  text: string;
  level: 'info' | 'error';
}

export interface UiState {
  screen: ScreenName;
  /** Screens to go back to with Esc, most recent last (bounded). */
  history: ScreenName[];
  /** Selected host by name: stays put when the list is filtered or re-sorted. */
  host: string | null;
  /** help: the key help; hosts: the host list of `:host`. */
  overlay: 'help' | 'hosts' | null;
  helpScroll: number;
  /** The host highlighted in the host list (its own keys move it). */
  hostPick: string | null;
  /** The command or filter line while it is being typed; `secret`: shown masked (a secret parameter's value). */
  input: { kind: InputKind; text: string; secret?: boolean } | null;
  /** The applied host-name filter of the list screens. */
  filter: string;
  /** Scroll offset of the current screen's secondary list (the filesystem table). */
  scroll: number;
  message: UiMessage | null;
  /** Alerts screen: the selected alert (by key) and what is shown of it. */
  alert: string | null;
  alertView: 'list' | 'details' | 'procedure';
  /** Database screen: selected session, sort, session filter, panel. */
  db: DbUi;
  /** Services and logs screens: selected container, the logs view. */
  svc: SvcUi;
  /** Processes screen: selected process, sort, filter, tree. */
  processes: ProcessesUi;
  /** Overview: sort and grouping; alerts screen: the groups open to their hosts. */
  fleet: FleetUi;
  /** Procedures screen: where it is, what a typed reason is for, the alert it was opened from. */
  procedures: ProceduresUi;
}

import type { Move } from './moveBy';
import { moveIndex } from './moveBy';

export type { Move };

export type UiEvent =
  | { type: 'show'; screen: ScreenName }
  | { type: 'cycle'; delta: 1 | -1 }
  | { type: 'back' }
  | { type: 'switchHost'; host: string }
  /** hosts: in the order the list shows them; tags: for `tag:` words of the filter. */
  | { type: 'move'; by: Move; hosts: readonly string[]; tags?: HostTags }
  | { type: 'scroll'; target: 'body' | 'help'; by: Move; max: number }
  | { type: 'openInput'; kind: InputKind; secret?: boolean }
  | { type: 'edit'; op: 'insert' | 'erase' | 'clear'; text?: string }
  | { type: 'closeInput' }
  | { type: 'applyFilter'; hosts: readonly string[]; tags?: HostTags }
  | { type: 'toggleHelp' }
  | { type: 'closeHelp' }
  | { type: 'openHostPick' }
  | { type: 'highlightHost'; host: string }
  | { type: 'closeOverlay' }
  | { type: 'message'; text: string; level: UiMessage['level'] }
  | { type: 'clearMessage' }
  | { type: 'selectAlert'; by: Move; keys: readonly string[] }
  | { type: 'alertView'; view: UiState['alertView'] }
  | { type: 'db'; event: DbUiEvent }
  | { type: 'svc'; event: SvcUiEvent }
  | { type: 'processes'; event: ProcessesUiEvent }
  | { type: 'fleet'; event: FleetUiEvent }
  | { type: 'procedures'; event: ProceduresUiEvent };

const HISTORY_MAX = 20;

export function initialUi(opts: { host?: string | null; screen?: ScreenName } = {}): UiState {
  return {
    screen: opts.screen ?? 'overview',
    history: [],
    host: opts.host ?? null,
    overlay: null,
    helpScroll: 0,
    hostPick: null,
    input: null,
    filter: '',
    scroll: 0,
    message: null,
    alert: null,
    alertView: 'list',
    db: INITIAL_DB_UI,
    svc: INITIAL_SVC_UI,
    processes: INITIAL_PROCESSES_UI,
    fleet: INITIAL_FLEET_UI,
    procedures: INITIAL_PROCEDURES_UI,
  };
}

/** The filter the lists show right now: what is being typed wins, so filtering is live. */
export function activeFilter(ui: UiState): string {
  return ui.input?.kind === 'filter' ? ui.input.text : ui.filter;
}

/** Which keymap layer is on top. The host-key prompt comes from the live store. */
export function keyContext(ui: UiState, promptOpen: boolean): KeyContext {
  const modal = promptOpen ? 'prompt' : ui.input ? 'input' : ui.overlay === 'hosts' ? 'pick' : ui.overlay === 'help' ? 'help' : null;
  return { screen: ui.screen, modal };
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

function show(s: UiState, screen: ScreenName): UiState {
  if (screen === s.screen) return s;
  return { ...s, screen, scroll: 0, history: [...s.history, s.screen].slice(-HISTORY_MAX) };
}

export function uiReducer(s: UiState, e: UiEvent): UiState {
  switch (e.type) {
    case 'show':
      return show(s, e.screen);
    case 'cycle': {
      const i = SCREENS.indexOf(s.screen);
      const next = SCREENS[(i + e.delta + SCREENS.length) % SCREENS.length] ?? 'overview';
      // Cycling is browsing, not navigation: it does not fill the Esc history.
      return { ...s, screen: next, scroll: 0 };
    }
    case 'back': {
      if (s.screen === 'alerts' && s.alertView !== 'list') return { ...s, alertView: 'list' };
      // Screens without a filter line go straight back: clearing a filter they do not show would look like a dead key.
      if (s.filter !== '' && s.screen !== 'resources' && s.screen !== 'procedures' && s.screen !== 'processes') return { ...s, filter: '' };
      if (s.screen === 'overview' && s.history.length === 0) return s;
      const prev = s.history[s.history.length - 1] ?? 'overview';
      return { ...s, screen: prev, history: s.history.slice(0, -1), scroll: 0 };
    }
    case 'switchHost': {
      const shown = show(s, 'resources');
      return { ...shown, host: e.host, scroll: s.host === e.host ? shown.scroll : 0 };
    }
    case 'move': {
      const visible = filterHosts(e.hosts, activeFilter(s), e.tags);
      const i = moveIndex(s.host === null ? -1 : visible.indexOf(s.host), e.by, visible.length);
      const host = visible[i];
      return host === undefined || host === s.host ? s : { ...s, host };
    }
    case 'scroll': {
      const key = e.target === 'help' ? 'helpScroll' : 'scroll';
      const max = Math.max(0, e.max);
      const cur = Math.min(s[key], max);
      const next = e.by === 'top' ? 0 : e.by === 'bottom' ? max : clamp(cur + e.by, 0, max);
      return next === s[key] ? s : { ...s, [key]: next };
    }
    case 'openInput':
      // Command and filter lines start empty (k9s): retyping is cheaper than editing.
      return { ...s, input: { kind: e.kind, text: '', ...(e.secret ? { secret: true } : {}) }, overlay: null };
    case 'edit': {
      if (!s.input) return s;
      const t = s.input.text;
      const text = e.op === 'insert' ? t + (e.text ?? '') : e.op === 'erase' ? t.slice(0, -1) : '';
      return { ...s, input: { ...s.input, text } };
    }
    case 'closeInput':
      return s.input ? { ...s, input: null } : s;
    case 'applyFilter': {
      if (s.input?.kind !== 'filter') return s;
      const filter = s.input.text.trim();
      const visible = filterHosts(e.hosts, filter, e.tags);
      // Keep the selection when it survives the filter, else take the first match.
      const host = s.host !== null && visible.includes(s.host) ? s.host : (visible[0] ?? s.host);
      return { ...s, input: null, filter, host };
    }
    case 'toggleHelp':
      return { ...s, overlay: s.overlay === 'help' ? null : 'help', helpScroll: 0 };
    case 'closeHelp':
    case 'closeOverlay':
      return s.overlay ? { ...s, overlay: null } : s;
    case 'openHostPick':
      return { ...s, overlay: 'hosts', hostPick: s.host };
    case 'highlightHost':
      return s.hostPick === e.host ? s : { ...s, hostPick: e.host };
    case 'message':
      // Messages carry errors' text, remote parts included (an engine's or a host's words).
      return { ...s, message: { text: inertLine(e.text), level: e.level } };
    case 'clearMessage':
      return s.message ? { ...s, message: null } : s;
    case 'selectAlert': {
      const i = moveIndex(s.alert === null ? -1 : e.keys.indexOf(s.alert), e.by, e.keys.length);
      const alert = e.keys[i] ?? null;
      return alert === s.alert ? s : { ...s, alert };
    }
    case 'alertView':
      return s.alertView === e.view ? s : { ...s, alertView: e.view };
    case 'db': {
      const db = dbUiReducer(s.db, e.event);
      return db === s.db ? s : { ...s, db };
    }
    case 'svc': {
      const svc = svcUiReducer(s.svc, e.event);
      return svc === s.svc ? s : { ...s, svc };
    }
    case 'processes': {
      const processes = processesUiReducer(s.processes, e.event);
      return processes === s.processes ? s : { ...s, processes };
    }
    case 'fleet': {
      const fleet = fleetUiReducer(s.fleet, e.event);
      return fleet === s.fleet ? s : { ...s, fleet };
    }
    case 'procedures': {
      const procedures = proceduresUiReducer(s.procedures, e.event);
      return procedures === s.procedures ? s : { ...s, procedures };
    }
  }
}

/**
 * The tiny hook: the reducer behind a ref so that several keys arriving in
 * one chunk (a paste, a fast typist) each see the state the previous one left.
 */
export function useUiStore(init: () => UiState): {
  ui: UiState;
  dispatch: (events: UiEvent | readonly UiEvent[]) => void;
  get: () => UiState;
} {
  const ref = useRef<UiState | null>(null);
  if (ref.current === null) ref.current = init();
  const [ui, setUi] = useState<UiState>(ref.current);
  const get = useCallback(() => ref.current as UiState, []);
  const dispatch = useCallback((events: UiEvent | readonly UiEvent[]) => {
    const list: readonly UiEvent[] = Array.isArray(events) ? events : [events as UiEvent];
    let s = ref.current as UiState;
    for (const e of list) s = uiReducer(s, e);
    if (s !== ref.current) {
      ref.current = s;
      setUi(s);
    }
  }, []);
  return { ui, dispatch, get };
}
