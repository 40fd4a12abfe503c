/**
 * The root of the interactive cockpit: the screen router, the status bar,
 * the help overlay, the command line and the host-key prompt. It owns the
 * frame budget — every frame is at most rows - 1 lines, because Ink 6 clears
 * the screen and the scrollback when a frame reaches the terminal height.
 *
 * The app layer renders it inside the alternate screen and restores the
 * terminal in onQuit; App itself reads no environment (NO_COLOR arrives as
 * the `color` prop) and does no I/O: it reads the live store and calls
 * CockpitActions.
 */
import React, { useEffect, useMemo } from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { CockpitActions } from '../services/CockpitActions';
import type { LiveState, LiveStore } from '../services/liveStore';
import type { Alert } from '../services/alerts/types';
import { DEFAULT_THRESHOLDS, formatClock, type Thresholds } from '../screens/format';
import type { FigureContext } from '../screens/hostCells';
import { filterHosts } from '../screens/hostFilter';
import { HostsScreen } from '../screens/HostsScreen';
import { HostPickList } from '../screens/HostPickList';
import { interpret, type Effect, type ShellEffect, type View } from '../screens/intents';
import { resolveKey, type KeyFlags, type ScreenName } from '../screens/keymap';
import { OverviewScreen } from '../screens/OverviewScreen';
import { listedHosts } from '../screens/overviewRows';
import { hostAlertCounts } from '../screens/hostAlertCounts';
import { alertsOfKey } from '../screens/alertGroupRows';
import { fsScrollMax, ResourcesScreen } from '../screens/ResourcesScreen';
import { selectHost, selectOrder, selectPendingCount, selectPromptHost, selectReadOnly } from '../screens/selectors';
import { activeFilter, initialUi, keyContext, useUiStore, type UiState } from '../screens/uiStore';
import { useKeys } from '../screens/useKeys';
import { useTerminalSize } from '../screens/useTerminal';
import { createClock, type ClockStore } from '../screens/clock';
import type { RefreshTicker } from '../services/RefreshTicker';
import { createAlertStore } from '../services/alerts/alertStore';
import { ConfirmPrompt, ConfirmProvider, useConfirmController } from '../screens/confirm';
import { CommandLine } from '../screens/widgets/CommandLine';
import { HelpOverlay, helpScrollMax } from '../screens/widgets/HelpOverlay';
import { HostKeyPrompt } from '../screens/widgets/HostKeyPrompt';
import { StatusBar, type StatusBarProps } from '../screens/widgets/StatusBar';
import { selectListKey } from '../screens/widgets/SelectList';
import { useAlertsView, type AlertsProps } from './useAlertsView';
import { useDatabaseView, type DatabaseProps } from './useDatabaseView';
import { useServicesView, type ServicesProps } from './useServicesView';
import { useProceduresView, type ProceduresProps } from './useProceduresView';
import { useProcessesView, type ProcessesProps } from './useProcessesView';
import { SHELL_RISK, type ShellTarget } from '../services/shell/ShellService';
import { createShellStore, type ShellStore } from './shellHandOver';
import { reportOutcome, type Outcome } from './reportOutcome';

export interface ShellProps {
  /** Who owns the terminal: while a shell does, App listens to no keys and draws nothing of its own. */
  store: ShellStore;
  /** After the operator's answer: open the shell, hand the terminal over, come back when it ends. */
  run(target: ShellTarget, confirmed: boolean): Promise<Outcome>;
}

export interface AppProps {
  store: LiveStore;
  actions: CockpitActions;
  /** The alert store and actions; without them no alerts screen content or counts. */
  alerts?: AlertsProps;
  /** The database service's actions; without them the database screen cannot act. */
  database?: DatabaseProps;
  /** The services/logs service; without it the services and logs screens cannot act. */
  services?: ServicesProps;
  procedures?: ProceduresProps;
  /** The processes watch; without it the processes screen says it cannot read. */
  processes?: ProcessesProps;
  version: string;
  /** The config's thresholds; missing ones fall back to the library's (70/80/85/95). */
  thresholds?: Partial<Thresholds>;
  /** Called on q, :q and Ctrl-C; the app layer restores the terminal and exits. */
  onQuit: () => void;
  /** false under NO_COLOR: no colours, inverse/bold only. Default true. */
  color?: boolean;
  /** Terminal size override (tests, or a caller that knows better); else read from stdout, live. */
  rows?: number;
  columns?: number;
  /** `--host NAME`: the host selected at start. Default: the first in config order. */
  initialHost?: string | null;
  initialScreen?: ScreenName;
  /** Milliseconds between polls (config `refresh`): figures older than 3 polls show as stale. Default 2000. */
  refreshMs?: number;
  /** The refresh tick the figures drive (runCockpit's); the clock keeps its own without it. */
  ticker?: RefreshTicker;
  /** Shells on hosts and containers (s); without them s says they are not available. */
  shell?: ShellProps;
}

const SELF_CLOCKED: ReadonlySet<ScreenName> = new Set(['overview', 'hosts', 'resources']);
const NO_SHELL = createShellStore();
const NO_ALERTS = createAlertStore();

/** The status bar with its HH:MM from the clock: redrawn when the minute changes, not at every tick. */
function ClockedStatusBar({ clock, ...p }: Omit<StatusBarProps, 'clock'> & { clock: ClockStore }): React.JSX.Element {
  const hhmm = useStore(clock, (s) => formatClock(s.now));
  return <StatusBar {...p} clock={hhmm} />;
}

/** The hosts' tags for the filter's `tag:` words, and on the overview the order it lists the hosts in. */
function withListing(v: View, listing: UiState['fleet'] | null, live: LiveState, alerts: readonly Alert[], th: Thresholds): View {
  if (listing === null || (listing.sort === 'config' && !listing.byTag)) return { ...v, tags: live.hosts };
  const perHost = listing.sort === 'worst' ? hostAlertCounts(alerts) : undefined;
  return { ...v, tags: live.hosts, listed: listedHosts(live.order, live.hosts, listing, th, perHost) };
}

export function App(props: AppProps): React.JSX.Element {
  const { store, version, thresholds, color = true, initialHost, initialScreen, refreshMs = 2000, ticker } = props;
  const { rows, columns } = useTerminalSize(props.rows, props.columns);
  // Ages only need to move for hosts that went quiet: on a poll's tick, once 5 s (or the refresh, if slower) passed without data.
  const clock = useMemo(() => createClock(Math.max(5000, refreshMs), Date.now, refreshMs, ticker), [refreshMs, ticker]);
  useEffect(() => store.subscribe(() => clock.advance()), [store, clock]);

  const order = useStore(store, selectOrder);
  const shellActive = useStore(props.shell?.store ?? NO_SHELL, (s) => s.active);
  const readOnly = useStore(store, selectReadOnly);
  const promptHost = useStore(store, selectPromptHost);
  const pendingCount = useStore(store, selectPendingCount);
  const promptEntry = useStore(store, selectHost(promptHost));
  const { ui, dispatch, get } = useUiStore(() =>
    initialUi({ host: initialHost && order.includes(initialHost) ? initialHost : (order[0] ?? null), screen: initialScreen }),
  );
  // Primitives, not the host's entry: the entry is new at every poll, and App
  // re-rendering at every poll re-ran every view hook (the screens subscribe themselves).
  const selState = useStore(store, (s) => (ui.host === null ? undefined : s.hosts[ui.host]?.state));
  const selProduction = useStore(store, (s) => (ui.host === null ? false : (s.hosts[ui.host]?.production ?? false)));
  const modal = useConfirmController({
    readOnly: () => store.getState().readOnly,
    say: (text) => dispatch({ type: 'message', text, level: 'error' }),
  });

  // The host-list and resources screens (and the status bar's clock) follow the
  // clock themselves; App re-renders with it only where its own views need the
  // time: the other screens, and a maintenance banner counting down.
  const windowsOpen = useStore(props.alerts?.store ?? NO_ALERTS, (s) => s.windows.length > 0);
  const appClocked = windowsOpen || !SELF_CLOCKED.has(ui.screen);
  const tick = useStore(clock, (s) => (appClocked ? s.now : 0));
  const now = appClocked ? tick : clock.getState().now;

  const th = useMemo<Thresholds>(() => ({ ...DEFAULT_THRESHOLDS, ...thresholds }), [thresholds]);
  const ctx = useMemo<FigureContext>(() => ({ now, refreshMs, thresholds: th }), [now, refreshMs, th]);

  // The frame budget: rows - 1 lines in all; status bar always, input line when typing.
  const budget = Math.max(0, rows - 1);
  const inputH = ui.input && budget >= 3 ? 1 : 0;
  const filter = activeFilter(ui);
  const alertsView = useAlertsView(props.alerts, ui, filter, now, color, columns, dispatch);
  const databaseView = useDatabaseView(props.database, store, ui, ctx, color, modal.confirm, dispatch);
  const topH = Math.min(alertsView.top.length, Math.max(0, budget - 2 - inputH));
  const bodyH = Math.max(0, budget - 1 - inputH - topH);
  const showPrompt = promptHost !== null && promptEntry?.pendingHostKey != null;
  const bodyScrollMax = useStore(store, (s) =>
    fsScrollMax(ui.host === null ? null : (s.hosts[ui.host] ?? null), bodyH, columns, props.processes !== undefined),
  );
  const servicesView = useServicesView(props.services, store, ui, ctx, color, modal.confirm, dispatch, bodyH);
  const proceduresView = useProceduresView(props.procedures, ui, now, color, modal.confirm, dispatch, get, { height: bodyH, width: columns });
  const psv = useProcessesView(props.processes, store, ui, now, color, modal.confirm, dispatch);

  // What intents need to know, as this render sees it (the key handler below closes over it).
  const view: View = {
    hosts: order,
    prompt: showPrompt ? promptHost : null,
    page: Math.max(1, bodyH - 3),
    bodyScrollMax,
    helpScrollMax: helpScrollMax(ui.screen, bodyH),
    alerts: alertsView.keys,
    alertGroupOf: alertsView.groupOf,
    dbPids: databaseView.pids,
    svcIds: servicesView.svcIds,
    logSources: servicesView.logSources,
    logScroll: servicesView.logScroll,
    procPids: psv.pids,
  };
  // The alerts screen's P: with the procedures library loaded, open its screen at the alert's procedure.
  useEffect(() => {
    if (ui.screen !== 'alerts' || ui.alertView !== 'procedure' || !props.procedures) return;
    const alert = alertsOfKey(props.alerts?.store.getState().alerts ?? [], ui.alert)[0];
    const id = alert?.procedure;
    if (id && proceduresView.show(id, `${alert.rule} ${alert.target} ${alert.message}`))
      dispatch([
        { type: 'alertView', view: 'list' },
        { type: 'show', screen: 'procedures' },
      ]);
    // props.procedures too: a library parsed on this very request arrives in later props.
  }, [ui.screen, ui.alertView, ui.alert, props.procedures]); // eslint-disable-line react-hooks/exhaustive-deps

  // s: ask (a production host only), then the app layer hands the terminal to the shell.
  const runShell = (e: ShellEffect) => {
    const shell = props.shell;
    if (!shell) return dispatch({ type: 'message', text: 'shells are not available here', level: 'error' });
    const h = store.getState().hosts[e.host];
    const found = e.container ? h?.services.data?.containers.find((x) => x.id === e.container) : undefined;
    const container = e.container ? { id: e.container, name: found?.name ?? e.container.slice(0, 12) } : undefined;
    reportOutcome(
      dispatch,
      (async () => {
        const ok = await modal.confirm({
          title: container ? `Open a shell in container ${container.name}` : 'Open a shell',
          risk: SHELL_RISK,
          host: e.host,
          production: h?.production ?? false,
          askOnProductionOnly: true,
        });
        return shell.run({ host: e.host, container }, ok);
      })(),
    );
  };

  const run = (e: Effect) => {
    switch (e.kind) {
      case 'quit':
        modal.cancel();
        props.onQuit();
        return;
      case 'connect':
        props.actions.connect(e.host);
        return;
      case 'disconnect':
        props.actions.disconnect(e.host);
        return;
      case 'answerHostKey':
        props.actions.answerHostKey(e.host, e.accept);
        return;
      case 'signalBackend':
        databaseView.run(e);
        return;
      case 'containerAction':
        servicesView.run(e);
        return;
      case 'procedures':
        proceduresView.run(e);
        return;
      case 'signalProcess':
        psv.run(e);
        return;
      case 'shell':
        runShell(e);
        return;
      default:
        alertsView.run(e);
    }
  };

  // The last committed render's handler (useKeys): what it closes over is that render's.
  const onKey = (input: string, key: KeyFlags) => {
    const cur = get();
    // The overview's order follows live figures: read where the key lands, not at the last render.
    const v = withListing(view, cur.screen === 'overview' ? cur.fleet : null, store.getState(), props.alerts?.store.getState().alerts ?? [], th);
    const quitKey = key.ctrl === true && input === 'c';
    // An open confirmation takes every key but Ctrl-C (which quits, answering no).
    if (!quitKey && modal.onKey(input, key)) return;
    // A select list on screen reads its keys itself: a run's choice of alternatives all of them, the log picker its own.
    if (!quitKey && proceduresView.capturesKeys()) return;
    if (!quitKey && v.prompt === null && servicesView.listTakesKeys(cur) && selectListKey(input, key)) return;
    const act = resolveKey(input, key, keyContext(cur, v.prompt !== null));
    if (!act) return;
    const { events, effects } = interpret(act, cur, v);
    dispatch(events);
    for (const e of effects) run(e);
  };
  useKeys(onKey, shellActive === null);

  // A config whose hosts arrive after the first render still gets a selection.
  useEffect(() => {
    if (ui.host === null && order.length > 0) dispatch({ type: 'move', by: 'top', hosts: order });
  }, [ui.host, order, dispatch]);

  let body: React.JSX.Element;
  if (modal.state) {
    body = <ConfirmPrompt s={modal.state} width={columns} height={bodyH} color={color} />;
  } else if (showPrompt && promptEntry?.pendingHostKey) {
    body = (
      <HostKeyPrompt
        host={promptEntry.name}
        address={promptEntry.address}
        production={promptEntry.production}
        pending={promptEntry.pendingHostKey}
        waiting={pendingCount - 1}
        height={bodyH}
        width={columns}
        color={color}
      />
    );
  } else if (ui.overlay === 'hosts') {
    body = (
      <HostPickList
        store={store}
        selected={ui.hostPick}
        onHighlight={(host) => dispatch({ type: 'highlightHost', host })}
        onSelect={(host) => dispatch([{ type: 'closeOverlay' }, { type: 'clearMessage' }, { type: 'switchHost', host }])}
        height={bodyH}
        width={columns}
      />
    );
  } else if (ui.overlay === 'help') {
    body = <HelpOverlay screen={ui.screen} scroll={ui.helpScroll} height={bodyH} width={columns} color={color} />;
  } else if (ui.screen === 'resources') {
    body = (
      <ResourcesScreen
        store={store}
        host={ui.host}
        scroll={ui.scroll}
        ctx={ctx}
        clock={clock}
        height={bodyH}
        width={columns}
        color={color}
        {...(props.processes ? { processes: props.processes.store } : {})}
      />
    );
  } else if (ui.screen === 'alerts') {
    body = alertsView.screen({ height: bodyH, width: columns });
  } else if (ui.screen === 'database') {
    body = databaseView.screen({ height: bodyH, width: columns });
  } else if (ui.screen === 'services' || ui.screen === 'logs') {
    body = servicesView.screen({ height: bodyH, width: columns });
  } else if (ui.screen === 'procedures') {
    body = proceduresView.screen({ height: bodyH, width: columns });
  } else if (ui.screen === 'processes') {
    body = psv.screen({ height: bodyH, width: columns });
  } else if (ui.screen === 'hosts') {
    body = <HostsScreen store={store} selected={ui.host} filter={filter} ctx={ctx} clock={clock} height={bodyH} width={columns} color={color} />;
  } else {
    body = (
      <OverviewScreen
        store={store}
        selected={ui.host}
        filter={filter}
        ctx={ctx}
        clock={clock}
        height={bodyH}
        width={columns}
        color={color}
        listing={ui.fleet}
        alerts={props.alerts?.store}
      />
    );
  }

  // A one-line terminal: any frame would be as tall as the terminal, so draw nothing.
  if (budget === 0) return <></>;
  // The shell's placeholder: held back from the terminal; the cockpit's frame differs from it, so it is drawn whole on return.
  if (shellActive !== null) return <Text>{shellActive}</Text>;
  return (
    <ConfirmProvider value={modal.confirm}>
      <Box flexDirection="column" width={columns} height={budget} overflowY="hidden">
        {alertsView.top.slice(0, topH)}
        {bodyH > 0 ? (
          <Box flexDirection="column" height={bodyH} overflowY="hidden">
            {body}
          </Box>
        ) : null}
        {inputH && ui.input ? (
          <CommandLine
            kind={ui.input.kind}
            text={ui.input.text}
            secret={ui.input.secret === true}
            width={columns}
            matches={ui.input.kind === 'filter' && ui.screen !== 'logs' ? filterHosts(order, ui.input.text, store.getState().hosts).length : undefined}
          />
        ) : null}
        <ClockedStatusBar
          clock={clock}
          width={columns}
          host={ui.host !== null && selState !== undefined ? { name: ui.host, production: selProduction, state: selState } : null}
          screen={ui.overlay ? `${ui.screen} · ${ui.overlay}` : ui.screen}
          message={ui.message}
          readOnly={readOnly}
          version={version}
          color={color}
          alerts={alertsView.statusSegments}
        />
      </Box>
    </ConfirmProvider>
  );
}
