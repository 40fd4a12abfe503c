/**
 * What a resolved key means: UI events for the reducer and effects for the
 * outside world (quit, connect, answer a host key). Pure, so "press d on the
 * hosts screen disconnects the selected host" is a table row in a test, and
 * App only has to carry the effects out.
 */
import type { KeyAction } from './keymap';
import { parseCommand } from './command';
import { activeFilter, type UiEvent, type UiState } from './uiStore';
import { filterHosts, type HostTags } from './hostFilter';
import { alertIntent, commentEffect, maintenanceEffect, type AlertEffect } from './alertIntents';
import { databaseIntent, type DatabaseEffect } from './databaseIntents';
import { servicesIntent, type ServicesEffect, type ServicesView } from './servicesIntents';
import { proceduresIntent, type ProceduresEffect } from './proceduresIntents';
import { moveBy } from './moveBy';
import { processesIntent, type ProcessesEffect, type ProcessesView } from './processesIntents';

export type Effect =
  | { kind: 'quit' }
  | { kind: 'connect'; host: string }
  | { kind: 'disconnect'; host: string }
  | { kind: 'answerHostKey'; host: string; accept: boolean }
  | AlertEffect
  | DatabaseEffect
  | ServicesEffect
  | ProceduresEffect
  | ProcessesEffect
  | ShellEffect;

/** A shell on a host, or in one of its containers (by id): App asks, then hands the terminal over. */
export type ShellEffect = { kind: 'shell'; host: string; container?: string };

/** What the reducer cannot know by itself: the live host list and the layout. */
export interface View extends Omit<ServicesView, 'page'>, Omit<ProcessesView, 'page'> {
  /** Host names in config order. */
  hosts: readonly string[];
  /** The host whose unknown key is being asked about, if any. */
  prompt: string | null;
  /** Rows one PgUp/PgDn moves in the current list. */
  page: number;
  /** Largest scroll offsets of the resources filesystem table and of the help. */
  bodyScrollMax: number;
  helpScrollMax: number;
  /** Alerts screen: keys of the listed rows (alerts and groups), in order (filter applied). */
  alerts?: readonly string[];
  /** Alerts screen: alert key → the open group it is listed under. */
  alertGroupOf?: ReadonlyMap<string, string>;
  /** Every host's name in the order the current host list shows it, before the filter (the overview's sort and grouping); config order without it. */
  listed?: readonly string[];
  /** Each host's tags, for the filter's `tag:` words. */
  tags?: HostTags;
  /** Database screen: pids of the listed sessions, in order (sort and filter applied). */
  dbPids?: readonly number[];
}

export interface Intent {
  events: UiEvent[];
  effects: Effect[];
}

const none: Intent = { events: [], effects: [] };
const ev = (...events: UiEvent[]): Intent => ({ events, effects: [] });
const fx = (...effects: Effect[]): Intent => ({ events: [], effects });

/** The host an action on "the selected host" means; only a visible one counts. */
function selectedVisible(ui: UiState, view: View): string | null {
  if (ui.host === null) return null;
  return filterHosts(view.hosts, activeFilter(ui), view.tags).includes(ui.host) ? ui.host : null;
}

/** s: on a host list the selected (visible) host, on resources its host, on services the selected container. */
function shellIntent(ui: UiState, view: View): Intent {
  const err = (text: string): Intent => ev({ type: 'message', text, level: 'error' });
  if (ui.screen === 'services') {
    const c = ui.svc.container;
    if (ui.host === null || c === null || !(view.svcIds ?? []).includes(c)) return err('no container selected');
    return fx({ kind: 'shell', host: ui.host, container: c });
  }
  const host = ui.screen === 'resources' ? ui.host : selectedVisible(ui, view);
  return host === null ? err('no host selected') : fx({ kind: 'shell', host });
}

function submit(ui: UiState, view: View): Intent {
  if (!ui.input) return none;
  if (ui.input.kind === 'filter') return ev({ type: 'applyFilter', hosts: view.listed ?? view.hosts, tags: view.tags });
  if (ui.input.kind === 'ack' || ui.input.kind === 'resolve') return commentEffect(ui, ui.input.kind, ui.input.text);
  if (ui.input.kind === 'param' || ui.input.kind === 'reason')
    return { events: [{ type: 'closeInput' }], effects: [{ kind: 'procedures', action: 'submit', text: ui.input.text, input: ui.input.kind }] };
  const cmd = parseCommand(ui.input.text, view.hosts);
  const close: UiEvent = { type: 'closeInput' };
  switch (cmd.type) {
    case 'none':
      return ev(close);
    case 'quit':
      return { events: [close], effects: [{ kind: 'quit' }] };
    case 'help':
      return ev(close, { type: 'toggleHelp' });
    case 'show':
      return ev(close, { type: 'show', screen: cmd.screen });
    case 'host':
      return ev(close, { type: 'switchHost', host: cmd.host });
    case 'pickHost':
      return view.hosts.length ? ev(close, { type: 'openHostPick' }) : ev(close, { type: 'message', text: 'no hosts configured', level: 'error' });
    case 'maintenance':
      return maintenanceEffect(ui, cmd);
    case 'run':
    case 'resume':
      return {
        events: [close, { type: 'show', screen: 'procedures' }],
        effects: [{ kind: 'procedures', action: cmd.type === 'run' ? 'startRun' : 'resume', text: cmd.id }],
      };
    case 'error':
      return ev(close, { type: 'message', text: cmd.message, level: 'error' });
  }
}

function interpretAction(act: KeyAction, ui: UiState, view: View): Intent {
  const dbIntent = databaseIntent(act.action, ui, view);
  if (dbIntent) return dbIntent;
  const svcIntent = servicesIntent(act.action, ui, view);
  if (svcIntent) return svcIntent;
  const procIntent = processesIntent(act.action, ui, view);
  if (procIntent) return procIntent;
  const procEffect = proceduresIntent(act.action, ui);
  if (procEffect) return fx(procEffect);
  const move = moveBy(act.action, view.page);
  if (move !== null) {
    if (ui.overlay === 'help') return ev({ type: 'scroll', target: 'help', by: move, max: view.helpScrollMax });
    if (ui.screen === 'resources') return ev({ type: 'scroll', target: 'body', by: move, max: view.bodyScrollMax });
    if (ui.screen === 'alerts') return ev({ type: 'selectAlert', by: move, keys: view.alerts ?? [] });
    return ev({ type: 'move', by: move, hosts: view.listed ?? view.hosts, tags: view.tags });
  }
  switch (act.action) {
    case 'help':
      return ev({ type: 'toggleHelp' });
    case 'closeHelp':
      return ev({ type: 'closeHelp' });
    case 'closePick':
      return ev({ type: 'closeOverlay' });
    case 'commandLine':
      return ev({ type: 'openInput', kind: 'command' });
    case 'filter':
      return ev({ type: 'openInput', kind: 'filter' });
    case 'nextScreen':
      return ev({ type: 'cycle', delta: 1 });
    case 'prevScreen':
      return ev({ type: 'cycle', delta: -1 });
    case 'selectHost': {
      const n = Number(act.key);
      const host = view.hosts[n - 1];
      if (host === undefined) {
        const text = view.hosts.length === 0 ? 'no hosts configured' : `no host ${n}: ${view.hosts.length} configured`;
        return ev({ type: 'message', text, level: 'error' });
      }
      return ev({ type: 'switchHost', host });
    }
    case 'open': {
      const host = selectedVisible(ui, view);
      return host === null ? none : ev({ type: 'switchHost', host });
    }
    case 'back':
      return ev({ type: 'back' });
    case 'quit':
      return fx({ kind: 'quit' });
    case 'showOverview':
      return ev({ type: 'show', screen: 'overview' });
    case 'showResources':
      return ev({ type: 'show', screen: 'resources' });
    case 'showHosts':
      return ev({ type: 'show', screen: 'hosts' });
    case 'showProcedures':
      return ev({ type: 'show', screen: 'procedures' });
    case 'sortHosts':
      return ev({ type: 'fleet', event: { type: 'cycleSort' } });
    case 'openShell':
      return shellIntent(ui, view);
    case 'groupByTag':
      return ev({ type: 'fleet', event: { type: 'toggleByTag' } });
    case 'connect':
    case 'disconnect': {
      const host = selectedVisible(ui, view);
      if (host === null) return none;
      const verb = act.action === 'connect' ? 'connecting' : 'disconnecting';
      return { events: [{ type: 'message', text: `${verb} ${host}…`, level: 'info' }], effects: [{ kind: act.action, host }] };
    }
    case 'accept':
    case 'reject':
      return view.prompt === null ? none : fx({ kind: 'answerHostKey', host: view.prompt, accept: act.action === 'accept' });
    case 'submit':
      return submit(ui, view);
    case 'cancel':
      return ev({ type: 'closeInput' });
    case 'erase':
      return ev({ type: 'edit', op: 'erase' });
    case 'clearLine':
      return ev({ type: 'edit', op: 'clear' });
    case 'insert':
      return ev({ type: 'edit', op: 'insert', text: act.text ?? '' });
    case 'pickNext':
    case 'pickPrev':
      // A parameter's pick list (backup files): the procedures view moves it and fills the line.
      return ui.input?.kind === 'param' ? fx({ kind: 'procedures', action: 'pick', text: act.action === 'pickNext' ? '1' : '-1' }) : none;
    default:
      return alertIntent(act.action, ui, view) ?? none;
  }
}

/**
 * Any key the cockpit acts on first clears the last message (vim-style):
 * it has been read, and a stale error must not outlive the next action.
 */
export function interpret(act: KeyAction, ui: UiState, view: View): Intent {
  const intent = interpretAction(act, ui, view);
  if (ui.message === null) return intent;
  return { events: [{ type: 'clearMessage' }, ...intent.events], effects: intent.effects };
}
