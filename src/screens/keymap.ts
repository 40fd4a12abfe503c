/**
 * Every key binding of the cockpit, as data. The help overlay and README's
 * key table (keyTable.ts, written by `npm run docs:keys`) are generated from
 * BINDINGS, and the keymap's tests check it for collisions, so a key cannot do
 * something the help does not say.
 *
 * Resolution order (highest first): a modal layer (host-key prompt, then the
 * command/filter input line, then the host list, then the help overlay)
 * captures every key; below
 * it the current screen's scope, then global. A binding whose priority is
 * above the modal layer's (Ctrl-C) still gets through.
 */

export const SCREENS = ['overview', 'resources', 'hosts', 'alerts', 'database', 'services', 'logs', 'procedures', 'processes'] as const;
export type ScreenName = (typeof SCREENS)[number];

export type ModalScope = 'prompt' | 'input' | 'help' | 'pick';
export type Scope = 'global' | ScreenName | ModalScope;

export type Action =
  | 'help'
  | 'closeHelp'
  | 'closePick'
  | 'commandLine'
  | 'filter'
  | 'down'
  | 'up'
  | 'pageDown'
  | 'pageUp'
  | 'top'
  | 'bottom'
  | 'nextScreen'
  | 'prevScreen'
  | 'selectHost'
  | 'open'
  | 'back'
  | 'quit'
  | 'showOverview'
  | 'showResources'
  | 'showHosts'
  | 'showAlerts'
  | 'details'
  | 'acknowledge'
  | 'resolveAlert'
  | 'procedure'
  | 'showDatabase'
  | 'sortSessions'
  | 'nextPanel'
  | 'cancelQuery'
  | 'terminateBackend'
  | 'signalProcess'
  | 'showServices'
  | 'showLogs'
  | 'restartContainer'
  | 'stopContainer'
  | 'startContainer'
  | 'pauseLogs'
  | 'followLogs'
  | 'invertFilter'
  | 'errorsOnly'
  | 'toggleTimestamps'
  | 'toggleWrap'
  | 'connect'
  | 'disconnect'
  | 'accept'
  | 'reject'
  | 'submit'
  | 'cancel'
  | 'erase'
  | 'clearLine'
  | 'insert'
  | 'showProcedures'
  | 'startRun'
  | 'answerYes'
  | 'answerNo'
  | 'showRuns'
  | 'recoveryTimer'
  | 'showReport'
  | 'showLinks'
  | 'overrideCheck'
  | 'abortRun'
  | 'stopCommand'
  | 'pickNext'
  | 'pickPrev'
  | 'showProcesses'
  | 'sortCpu'
  | 'sortMemory'
  | 'sortPid'
  | 'sortTime'
  | 'sortUser'
  | 'toggleTree'
  | 'sortHosts'
  | 'openShell'
  | 'groupByTag'
  | 'expandGroup'
  | 'collapseGroup';

export interface Binding {
  /** Normalised key names (see keyName): 'j', 'down', 'enter', 'shift-tab', 'ctrl-c', '?'. */
  keys: readonly string[];
  action: Action;
  scope: Scope;
  priority: number;
  help: string;
}

/** Modal layers sit above screens, screens above global; Ctrl-C above all. */
export const SCOPE_PRIORITY: Record<Scope, number> = {
  prompt: 50,
  input: 40,
  pick: 35,
  help: 30,
  overview: 20,
  resources: 20,
  hosts: 20,
  alerts: 20,
  database: 20,
  services: 20,
  logs: 20,
  procedures: 20,
  processes: 20,
  global: 10,
};
const ALWAYS = 100;

const b = (scope: Scope, keys: readonly string[], action: Action, help: string, priority = SCOPE_PRIORITY[scope]): Binding => ({
  keys,
  action,
  scope,
  priority,
  help,
});

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Movement keys shared by every list-like scope (k9s / less / vim habits). */
const moves = (scope: Scope, what: string): Binding[] => [
  b(scope, ['j', 'down'], 'down', `${what} down`),
  b(scope, ['k', 'up'], 'up', `${what} up`),
  b(scope, ['pgdn', 'ctrl-f'], 'pageDown', 'page down'),
  b(scope, ['pgup', 'ctrl-b'], 'pageUp', 'page up'),
  b(scope, ['g', 'home'], 'top', 'to the top'),
  b(scope, ['G', 'end'], 'bottom', 'to the bottom'),
];

export const BINDINGS: readonly Binding[] = [
  // Ctrl-C quits from anywhere, even a prompt: the way out must never be blocked.
  b('global', ['ctrl-c'], 'quit', 'quit (from anywhere)', ALWAYS),
  b('global', ['?'], 'help', 'show / hide this help'),
  b('global', [':'], 'commandLine', 'command line (:host [NAME], a screen by name, :run ID, :maintenance …, :q)'),
  b('global', ['tab'], 'nextScreen', 'next screen'),
  b('global', ['shift-tab'], 'prevScreen', 'previous screen'),
  b('global', DIGITS, 'selectHost', 'select host N (config order) and show its resources'),
  b('global', ['o'], 'showOverview', 'overview screen'),
  b('global', ['r'], 'showResources', 'resources of the selected host'),
  b('global', ['h'], 'showHosts', 'hosts screen'),
  b('global', ['a'], 'showAlerts', 'alerts screen'),
  b('global', ['b'], 'showDatabase', 'database of the selected host'),
  b('global', ['u'], 'showServices', 'services of the selected host: containers, health endpoints'),
  b('global', ['p'], 'showProcedures', 'procedures: the library, runs on the selected host'),
  b('global', ['l'], 'showLogs', 'logs of the selected host (from services: of the selected container)'),
  b('global', ['T'], 'showProcesses', 'processes of the selected host (as top)'),
  b('global', ['esc'], 'back', 'back: clear the filter, else the previous view or screen'),
  b('global', ['q'], 'quit', 'quit'),

  ...moves('overview', 'select'),
  b('overview', ['enter'], 'open', "open the selected host's resources"),
  b('overview', ['/'], 'filter', 'filter hosts by name words and tag:NAME (tag:db web)'),
  b('overview', ['s'], 'openShell', 'a shell on the selected host (exit: back here)'),
  b('overview', ['O'], 'sortHosts', 'order: config order, worst first, name, CPU, memory, disk'),
  b('overview', ['t'], 'groupByTag', 'group by tag (a host under its first tag) / ungroup'),

  ...moves('resources', 'scroll filesystems'),
  b('resources', ['s'], 'openShell', 'a shell on the host (exit: back here)'),

  ...moves('hosts', 'select'),
  b('hosts', ['enter'], 'open', 'switch to the selected host (its resources)'),
  b('hosts', ['/'], 'filter', 'filter hosts by name words and tag:NAME (tag:db web)'),
  b('hosts', ['c'], 'connect', 'connect the selected host'),
  b('hosts', ['d'], 'disconnect', 'disconnect the selected host'),
  b('hosts', ['s'], 'openShell', 'a shell on the selected host (exit: back here)'),

  ...moves('alerts', 'select'),
  b('alerts', ['enter'], 'details', 'details of the selected alert; on a group: open / close it to its hosts'),
  b('alerts', ['right'], 'expandGroup', 'open the selected group to its hosts'),
  b('alerts', ['left'], 'collapseGroup', 'close the group (from it or one of its hosts)'),
  b('alerts', ['/'], 'filter', 'filter alerts by any word'),
  b('alerts', ['A'], 'acknowledge', 'acknowledge with a comment (Prometheus: a silence); a group: each host'),
  b('alerts', ['R'], 'resolveAlert', 'resolve with a comment; a group: each of its hosts'),
  b('alerts', ['P'], 'procedure', 'open the linked procedure'),

  ...moves('database', 'select session'),
  b('database', ['enter'], 'details', "the selected session's full query (Esc: back)"),
  b('database', ['/'], 'filter', 'filter sessions (pid, user, application, client, state, query)'),
  b('database', ['s'], 'sortSessions', 'sort sessions: duration, pid, user, state'),
  b('database', ['v'], 'nextPanel', 'show sessions, top statements, largest tables, migrations'),
  b('database', ['c'], 'cancelQuery', "cancel the selected session's query (confirmed, audited)"),
  b('database', ['K'], 'terminateBackend', 'terminate the selected session (host name typed, audited)'),

  ...moves('services', 'select container'),
  b('services', ['enter'], 'open', "the selected container's logs"),
  b('services', ['R'], 'restartContainer', 'restart the selected container (confirmed, audited)'),
  b('services', ['S'], 'stopContainer', 'stop the selected container (confirmed, audited)'),
  b('services', ['U'], 'startContainer', 'start the selected container (confirmed, audited)'),
  b('services', ['s'], 'openShell', 'a shell in the selected container: bash, else sh (exit: back here)'),

  ...moves('logs', 'pick a source / scroll back (pauses)'),
  b('logs', ['enter'], 'open', 'open the selected source'),
  b('logs', ['/'], 'filter', 'filter lines: regex (else text), case-insensitive; !text keeps the others'),
  b('logs', ['!'], 'invertFilter', 'invert the filter'),
  b('logs', ['e'], 'errorsOnly', 'errors view: warning|error|critical lines only (DO-001)'),
  b('logs', [' '], 'pauseLogs', 'pause / resume following'),
  b('logs', ['f'], 'followLogs', 'jump to the end and follow'),
  b('logs', ['t'], 'toggleTimestamps', 'timestamps on / off'),
  b('logs', ['w'], 'toggleWrap', 'wrap long lines on / off'),

  ...moves('procedures', 'select or scroll'),
  b('procedures', ['enter'], 'open', "a procedure's steps / back; in runs: the report; in links: open it"),
  b('procedures', ['x'], 'startRun', 'run the selected (or linked) procedure on the host; asks parameters'),
  b('procedures', ['y'], 'answerYes', 'run view: yes — done / tick; run the branch; retry a failed step'),
  b('procedures', ['n'], 'answerNo', 'run view: no — skip / refuse (a reason); pass the branch over'),
  b('procedures', ['A'], 'abortRun', 'run view: abort the run at a failed step'),
  b('procedures', ['S'], 'stopCommand', 'run view: stop a following command (the step goes on)'),
  b('procedures', ['v'], 'showRuns', 'past runs / back'),
  b('procedures', ['t'], 'recoveryTimer', 'run view: start / stop the recovery timer (DR test, in the report)'),
  b('procedures', ['R'], 'showReport', "run view: the run's report (as riskctl runs RUN_ID); Esc back"),
  b('procedures', ['L'], 'showLinks', "run view: the procedure's links; the run waits where it is"),
  b('procedures', ['O'], 'overrideCheck', "run view: override a live check's tick, with a reason"),

  ...moves('processes', 'select process'),
  b('processes', ['/'], 'filter', 'filter processes (PID, user, command line)'),
  b('processes', ['C'], 'sortCpu', 'sort by CPU %'),
  b('processes', ['M'], 'sortMemory', 'sort by memory (RSS)'),
  b('processes', ['P'], 'sortPid', 'sort by PID'),
  b('processes', ['E'], 'sortTime', 'sort by elapsed time'),
  b('processes', ['U'], 'sortUser', 'sort by user'),
  b('processes', ['t'], 'toggleTree', 'tree view (children under their parent) on / off'),
  b('processes', ['K'], 'signalProcess', 'send TERM, KILL, HUP or INT to the selected process (audited)'),
  b('processes', ['enter'], 'open', 'signal list: send the chosen signal (Esc: close it)'),

  b('prompt', ['y'], 'accept', 'accept the host key and remember it'),
  b('prompt', ['n', 'esc'], 'reject', 'reject the host key (no connection)'),

  b('input', ['enter'], 'submit', 'run the command / apply the filter'),
  b('input', ['esc'], 'cancel', 'close the input line'),
  b('input', ['backspace'], 'erase', 'delete the last character'),
  b('input', ['ctrl-u'], 'clearLine', 'clear the line'),
  b('input', ['down'], 'pickNext', 'a pick list (backup file): the next one, put on the line'),
  b('input', ['up'], 'pickPrev', 'a pick list (backup file): the previous one, put on the line'),

  b('pick', ['esc', 'q'], 'closePick', 'close the list (j k ↑ ↓ move in it; Enter or 1–9 picks)'),

  b('help', ['?', 'esc', 'q'], 'closeHelp', 'close the help'),
  ...moves('help', 'scroll'),
];

/** The subset of Ink's Key that keyName reads (keeps the keymap testable without Ink). */
export interface KeyFlags {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  backspace?: boolean;
  delete?: boolean;
}

/** Ink's (input, key) pair → one normalised key name, or '' for nothing usable. */
export function keyName(input: string, key: KeyFlags): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pgup';
  if (key.pageDown) return 'pgdn';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return || input === '\r' || input === '\n') return 'enter';
  if (key.escape) return 'esc';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  // Terminals send DEL (0x7f) for Backspace and Ink calls that "delete".
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input.length === 1) return `ctrl-${input.toLowerCase()}`;
  return input;
}

export interface KeyContext {
  screen: ScreenName;
  /** The topmost modal layer, if any. */
  modal: ModalScope | null;
}

export interface KeyAction {
  action: Action;
  /** The normalised key that matched ('3' for selectHost 3). */
  key: string;
  /** Typed text, for 'insert'. */
  text?: string;
}

// Index once: resolveKey runs on every keystroke.
const byKey = new Map<string, Binding[]>();
for (const bind of BINDINGS) {
  for (const k of bind.keys) {
    const list = byKey.get(k) ?? [];
    list.push(bind);
    byKey.set(k, list);
  }
}

const isPrintable = (s: string) => s.length > 0 && !/[\u0000-\u001f\u007f]/.test(s);

/** The action for a key in this context, or null when it means nothing here. */
export function resolveKey(input: string, key: KeyFlags, ctx: KeyContext): KeyAction | null {
  const name = keyName(input, key);
  if (name === '') return null;
  const active = new Set<Scope>(['global', ctx.screen]);
  if (ctx.modal) active.add(ctx.modal);
  let best: Binding | null = null;
  for (const bind of byKey.get(name) ?? []) {
    if (active.has(bind.scope) && (best === null || bind.priority > best.priority)) best = bind;
  }
  const floor = ctx.modal ? SCOPE_PRIORITY[ctx.modal] : 0;
  if (best && best.priority >= floor) return { action: best.action, key: name };
  // The input line takes any printable text that is not one of its own keys.
  if (ctx.modal === 'input' && !key.ctrl && isPrintable(input)) return { action: 'insert', key: name, text: input };
  return null;
}

/** How keys read in help: arrows as arrows, the rest as typed. */
export function displayKey(k: string): string {
  const names: Record<string, string> = {
    down: '↓',
    up: '↑',
    left: '←',
    right: '→',
    enter: 'Enter',
    esc: 'Esc',
    tab: 'Tab',
    'shift-tab': 'Shift-Tab',
    backspace: 'Backspace',
    pgdn: 'PgDn',
    pgup: 'PgUp',
    home: 'Home',
    end: 'End',
    ' ': 'Space',
  };
  if (names[k]) return names[k];
  if (k.startsWith('ctrl-')) return `Ctrl-${k.slice(5).toUpperCase()}`;
  return k;
}

export function displayKeys(keys: readonly string[]): string {
  if (keys.length === 9 && keys[0] === '1' && keys[8] === '9') return '1–9';
  return keys.map(displayKey).join(' ');
}

export const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere',
  overview: 'Overview',
  resources: 'Resources',
  hosts: 'Hosts',
  alerts: 'Alerts',
  database: 'Database',
  services: 'Services',
  logs: 'Logs',
  procedures: 'Procedures',
  processes: 'Processes',
  prompt: 'Host-key prompt',
  input: 'Command / filter line',
  pick: 'Host list (:host)',
  help: 'Help',
};

export interface HelpSection {
  title: string;
  rows: { keys: string; help: string }[];
}

/** Help content for the current screen first, then the rest, straight from BINDINGS. */
export function helpSections(screen: ScreenName): HelpSection[] {
  const others = SCREENS.filter((s) => s !== screen);
  const order: Scope[] = [screen, 'global', ...others, 'prompt', 'input', 'pick', 'help'];
  return order.map((scope) => ({
    title: SCOPE_TITLES[scope] + (scope === screen ? ' (this screen)' : ''),
    rows: BINDINGS.filter((x) => x.scope === scope).map((x) => ({ keys: displayKeys(x.keys), help: x.help })),
  }));
}
