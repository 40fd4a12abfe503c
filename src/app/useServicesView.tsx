/**
 * The services and logs part of App, kept out of it (like useDatabaseView):
 * the container ids and log sources the intents move through, where a log
 * scroll lands, which source the service follows (only the one on screen),
 * and the container actions — ask through the confirmation modal, then let
 * the service refuse (--read-only), act and audit, and say what happened.
 */
import React, { useCallback, useEffect, useLayoutEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { CONTAINER_ACTION_RISK, type ServicesActions } from '../services/docker/ServicesService';
import type { LiveStore } from '../services/liveStore';
import { sourceKey, type LogsState } from '../services/logs/LogService';
import type { Confirm } from '../screens/confirm';
import type { FigureContext } from '../screens/hostCells';
import { LogsScreen, logSourceList, type PickerEntry } from '../screens/LogsScreen';
import { compileFilter, scrollAnchor } from '../screens/logView';
import { selectHost } from '../screens/selectors';
import { containerDetail, containerIds, serviceRows } from '../screens/serviceRows';
import { logFilterText, logPickerFocused, type ServicesEffect, type ServicesView as IntentView } from '../screens/servicesIntents';
import { ServicesScreen } from '../screens/ServicesScreen';
import type { SvcMove } from '../screens/servicesUi';
import type { UiEvent, UiState } from '../screens/uiStore';
import { reportOutcome } from './reportOutcome';

export interface ServicesProps {
  actions: ServicesActions;
}

export interface ServicesView extends Omit<IntentView, 'page'> {
  run: (e: ServicesEffect) => void;
  /** The log picker's list is on screen and reads its own keys (selectListKey), in this UI state. */
  listTakesKeys: (ui: UiState) => boolean;
  screen: (p: { height: number; width: number }) => React.JSX.Element;
}

const NO_FILES = (s: LogsState) => s.files;
// Without the services wired (screen tests) the hooks still need a store.
const EMPTY_LOGS = createStore<LogsState>()(() => ({ files: {}, active: null, tick: 0 }));
const TITLE: Record<ServicesEffect['action'], string> = { restart: 'Restart', stop: 'Stop', start: 'Start' };

export function useServicesView(
  props: ServicesProps | undefined,
  store: LiveStore,
  ui: UiState,
  ctx: FigureContext,
  color: boolean,
  confirm: Confirm,
  dispatch: (e: UiEvent | readonly UiEvent[]) => void,
  bodyHeight: number,
): ServicesView {
  const mine = ui.screen === 'services' || ui.screen === 'logs';
  const entry = useStore(store, selectHost(mine ? ui.host : null));
  const logs = props?.actions.logs;
  const files = useStore(logs?.store ?? EMPTY_LOGS, NO_FILES);
  const data = entry?.services.data ?? null;
  const svcIds = useMemo(() => (ui.screen === 'services' ? containerIds(serviceRows(data)) : []), [ui.screen, data]);
  const hostFiles = ui.host ? files[ui.host]?.paths : undefined;
  const logSources = useMemo(
    () => (mine && ui.host ? logSourceList(ui.host, data?.containers ?? [], hostFiles ?? []) : []),
    [mine, ui.host, data?.containers, hostFiles],
  );
  const l = ui.svc.logs;
  const filter = logFilterText(ui);

  // A selection that left the list (container removed, host switched) moves to the top one.
  useEffect(() => {
    if (ui.screen === 'services' && svcIds.length > 0 && (ui.svc.container === null || !svcIds.includes(ui.svc.container))) {
      dispatch({ type: 'svc', event: { type: 'selectContainer', by: 'top', ids: svcIds } });
    }
    if (ui.screen === 'logs' && logSources.length > 0 && (l.pick === null || !logSources.some((s) => s.key === l.pick))) {
      dispatch({ type: 'svc', event: { type: 'pick', by: 'top', keys: logSources.map((s) => s.key) } });
    }
  }, [ui.screen, svcIds, ui.svc.container, logSources, l.pick, dispatch]);

  // The service polls stats for the services screen's host and lists log files for the logs screen.
  useLayoutEffect(() => {
    props?.actions.setView({ screen: ui.screen, host: ui.host });
  }, [props?.actions, ui.screen, ui.host]);

  // Follow exactly the source on screen; the picker follows nothing.
  const following = ui.screen === 'logs' && l.mode === 'view' && l.source !== null && l.source.host === ui.host ? l.source : null;
  const followKey = following ? sourceKey(following) : null;
  useEffect(() => {
    if (!props || ui.screen !== 'logs') return;
    if (following) props.actions.openLogs(following);
    else props.actions.closeLogs();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- followKey stands for the source: a new object with the same key is the same source, not one to reopen.
  }, [props, ui.screen, followKey]);

  const logScroll = useCallback(
    (by: SvcMove): number | null => {
      const buf = following && logs ? logs.buffer(sourceKey(following)) : undefined;
      if (!buf) return null;
      const f = compileFilter(filter, l.invert, l.errors);
      return scrollAnchor(buf, f.match, l.anchor, by, Math.max(1, bodyHeight - 1));
    },
    [following, logs, filter, l.invert, l.errors, l.anchor, bodyHeight],
  );

  // The picker's list reads its own keys while nothing is typed or shown over it.
  const listFocused = logPickerFocused(ui);
  const onPick = useCallback((key: string) => dispatch({ type: 'svc', event: { type: 'pickKey', key } }), [dispatch]);
  const onOpen = useCallback(
    (e: PickerEntry) => dispatch([{ type: 'clearMessage' }, { type: 'svc', event: { type: 'openLog', source: e.source, key: e.key } }]),
    [dispatch],
  );

  const run = useCallback(
    (e: ServicesEffect) => {
      const actions = props?.actions;
      if (!actions) return dispatch({ type: 'message', text: 'the services pane is not available here', level: 'error' });
      const h = store.getState().hosts[e.host];
      const c = h?.services.data?.containers.find((x) => x.id === e.id);
      const name = c?.name ?? e.id.slice(0, 12);
      reportOutcome(
        dispatch,
        (async () => {
          const ok = await confirm({
            title: `${TITLE[e.action]} container ${name}`,
            detail: c ? containerDetail(c) : undefined,
            risk: CONTAINER_ACTION_RISK[e.action],
            host: e.host,
            production: h?.production ?? false,
          });
          if (ok)
            dispatch({
              type: 'message',
              text: `${e.action === 'stop' ? 'stopping' : e.action === 'start' ? 'starting' : 'restarting'} ${name}…`,
              level: 'info',
            });
          return actions.containerAction(e.host, e.id, e.action, ok);
        })(),
      );
    },
    [props?.actions, store, confirm, dispatch],
  );

  return {
    svcIds,
    logSources,
    logScroll,
    run,
    listTakesKeys: (u: UiState) => logs !== undefined && logPickerFocused(u),
    screen: ({ height, width }) =>
      ui.screen === 'logs' && logs ? (
        <LogsScreen
          store={store}
          logs={logs}
          host={ui.host}
          ui={l}
          filter={filter}
          height={height}
          width={width}
          color={color}
          listFocused={listFocused}
          onPick={onPick}
          onOpen={onOpen}
        />
      ) : (
        <ServicesScreen store={store} host={ui.host} selected={ui.svc.container} ctx={ctx} height={height} width={width} color={color} />
      ),
  };
}
