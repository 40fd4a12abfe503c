/**
 * The database part of App, kept out of it (like useAlertsView): the listed
 * session pids for the intents, the screen, the limits from the config's
 * thresholds, and cancel/terminate — ask through the confirmation modal,
 * then let the service act and audit, and say what happened.
 */
import React, { useCallback, useEffect, useLayoutEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import type { LiveStore } from '../services/liveStore';
import type { DatabaseActions } from '../services/database/types';
import { backendDetail, SIGNAL_RISK, signalTitle } from '../services/database/signals';
import type { Confirm } from '../screens/confirm';
import { DatabaseScreen, listedSessions } from '../screens/DatabaseScreen';
import type { DatabaseEffect } from '../screens/databaseIntents';
import { sessionFilter } from '../screens/databaseIntents';
import { dbLimits, queryText } from '../screens/databaseRows';
import type { FigureContext } from '../screens/hostCells';
import { selectHost } from '../screens/selectors';
import type { UiEvent, UiState } from '../screens/uiStore';
import { reportOutcome } from './reportOutcome';

export interface DatabaseProps {
  actions: DatabaseActions & { setView(view: { screen: string; host: string | null }): void };
}

export interface DatabaseView {
  pids: number[];
  run: (e: DatabaseEffect) => void;
  screen: (p: { height: number; width: number }) => React.JSX.Element;
}

export function useDatabaseView(
  props: DatabaseProps | undefined,
  store: LiveStore,
  ui: UiState,
  ctx: FigureContext,
  color: boolean,
  confirm: Confirm,
  dispatch: (e: UiEvent | readonly UiEvent[]) => void,
): DatabaseView {
  const entry = useStore(store, selectHost(ui.screen === 'database' ? ui.host : null));
  const filter = sessionFilter(ui);
  const limits = useMemo(() => dbLimits(ctx.thresholds), [ctx.thresholds]);
  const pids = useMemo(() => (ui.screen === 'database' ? listedSessions(entry, ui.db, filter).map((s) => s.pid) : []), [ui.screen, entry, ui.db, filter]);

  // A selection that left the list (the backend ended, filtered out) moves to the top one.
  useEffect(() => {
    if (ui.screen === 'database' && pids.length > 0 && (ui.db.pid === null || !pids.includes(ui.db.pid))) {
      dispatch({ type: 'db', event: { type: 'select', by: 'top', pids } });
    }
  }, [ui.screen, ui.db.pid, pids, dispatch]);

  // The service reads the slow figures more often for the host on screen (same commit as the frame).
  useLayoutEffect(() => {
    props?.actions.setView({ screen: ui.screen, host: ui.host });
  }, [props?.actions, ui.screen, ui.host]);

  const run = useCallback(
    (e: DatabaseEffect) => {
      const actions = props?.actions;
      if (!actions) return dispatch({ type: 'message', text: 'the database pane is not available here', level: 'error' });
      const h = store.getState().hosts[e.host];
      const snap = h?.database.data ?? null;
      const s = snap?.sessions.find((x) => x.pid === e.pid);
      const detail = `${backendDetail(snap, e.pid)}${s ? ` — ${queryText(s)}` : ''}`;
      reportOutcome(
        dispatch,
        (async () => {
          const ok = await confirm({ title: signalTitle(e.how, e.pid), detail, risk: SIGNAL_RISK[e.how], host: e.host, production: h?.production ?? false });
          return actions.signalBackend(e.host, e.pid, e.how, ok);
        })(),
      );
    },
    [props?.actions, store, confirm, dispatch],
  );

  return {
    pids,
    run,
    screen: ({ height, width }) => (
      <DatabaseScreen store={store} host={ui.host} db={ui.db} filter={filter} ctx={ctx} limits={limits} height={height} width={width} color={color} />
    ),
  };
}
