/**
 * The procedures part of App (like useAlertsView): it reads where the screen
 * is and what is being asked (the UI store's proceduresUi), the runs and
 * past runs (ProcedureRuns, the service that owns them and reads the
 * journals), draws the screen from them, and hands key effects to
 * runProceduresEffect. It keeps no state of its own.
 */
import React, { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { inertStrings } from '../services/inertText';
import type { Procedure } from '../services/procedures/model';
import { ProcedureRuns } from '../services/procedures/runner/ProcedureRuns';
import type { SessionState } from '../services/procedures/runner/RunSession';
import type { Confirm } from '../screens/confirm';
import { ProceduresScreen, viewExtent, type ProceduresScreenProps } from '../screens/ProceduresScreen';
import type { ProceduresEffect } from '../screens/proceduresIntents';
import type { UiEvent, UiState } from '../screens/uiStore';
import { runProceduresEffect } from './procedureEffects';
import { showProcedure } from './procedureNavigation';
import type { ProceduresContext } from './proceduresContext';
import type { ProceduresProps } from './proceduresProps';

export type { ProceduresProps };

export interface ProceduresView {
  run: (e: ProceduresEffect) => void;
  /** A select list on screen takes the keys itself (the run's choice of alternatives). */
  capturesKeys: () => boolean;
  /** Open the screen at a procedure (the alerts screen's P); the alert's words preselect the alternatives of a run of it. */
  show: (id: string, alert?: string) => boolean;
  screen: (p: { height: number; width: number }) => React.JSX.Element;
}

// Without a run the hook still needs a store to read.
const EMPTY: StoreApi<SessionState | null> = createStore<SessionState | null>()(() => null);
const NO_PROCEDURES: readonly Procedure[] = [];

export function useProceduresView(
  props: ProceduresProps | undefined,
  ui: UiState,
  now: number,
  color: boolean,
  confirm: Confirm,
  dispatch: (e: UiEvent | readonly UiEvent[]) => void,
  /** The UI state as the last key left it (uiStore's get). */
  getUi: () => UiState,
  /** The body the screen is drawn in. */
  size: { height: number; width: number },
): ProceduresView {
  const procs = props?.library.procedures ?? NO_PROCEDURES;
  const pu = ui.procedures;
  // The runs, owned by their service (the wiring's; one of the view's own when none is given).
  const [ownRuns] = useState(() => new ProcedureRuns());
  const runs = props?.runs ?? ownRuns;
  const sessions = useStore(runs.store, (st) => st.sessions);
  const past = useStore(runs.store, (st) => st.past);
  const report = useStore(runs.store, (st) => st.report);
  const session = sessions.at(-1) ?? null;
  const state = useStore((session?.store ?? EMPTY) as StoreApi<SessionState | null>, (s) => s);
  const loading = props?.loading ?? false;
  const wanted = ui.screen === 'procedures' || (ui.screen === 'alerts' && ui.alertView === 'procedure');
  useEffect(() => {
    if (wanted && props?.loading) props.load?.();
  }, [wanted, props]);

  // A run that finished while another screen was shown still says so.
  useEffect(() => {
    if (state && state.status !== 'running' && ui.screen !== 'procedures')
      dispatch({ type: 'message', text: `${state.procedure}: ${state.status} — ${state.message}`, level: state.status === 'completed' ? 'info' : 'error' });
  }, [state?.status]); // eslint-disable-line react-hooks/exhaustive-deps

  const parents = useMemo(() => sessions.slice(0, -1).map((x) => x.store.getState().procedure), [sessions]);
  const procedure = state?.procedure;
  const links = useMemo(() => (procedure ? (procs.find((x) => x.id === procedure)?.links ?? []) : []), [procs, procedure]);
  const linked = useMemo(() => (pu.linked ? (procs.find((x) => x.id === pu.linked) ?? null) : null), [procs, pu.linked]);
  const onChoose = useMemo(() => (picked: number[]) => runs.current()?.replyChoice(picked), [runs]);
  const nav = pu.nav;
  // The screen's props: what it draws, and what the movement keys move over.
  const drawn: ProceduresScreenProps = {
    loading,
    procedures: procs,
    nav: (nav.mode === 'run' || nav.mode === 'links' || nav.mode === 'linked') && !state ? { ...nav, mode: 'list' } : nav,
    session: state,
    parents,
    runs: past,
    report,
    links,
    linked,
    pick: ui.input?.kind === 'param' ? pu.pick : null,
    host: ui.host,
    now,
    height: size.height,
    width: size.width,
    color,
    onChoose,
  };
  // The library's text and past runs' output, as drawn: inert (the procedures themselves stay as written: they run).
  const shownProcs = useMemo(() => inertStrings(procs), [procs]);
  const shown = useMemo(
    () => inertStrings({ runs: drawn.runs, report: drawn.report, links: drawn.links, linked: drawn.linked, pick: drawn.pick }),
    [drawn.runs, drawn.report, drawn.links, drawn.linked, drawn.pick],
  );

  const context: ProceduresContext = {
    props,
    procs,
    runs,
    getUi,
    dispatch,
    confirm,
    page: Math.max(1, size.height - 3),
    // Over the view as drawn, at the place the last key left it.
    extent: () => viewExtent({ ...drawn, nav: getUi().procedures.nav }),
  };
  return {
    run: (e) => runProceduresEffect(context, e),
    show: (id, alert) => showProcedure(context, id, alert),
    capturesKeys: () => {
      const u = getUi();
      return (
        u.screen === 'procedures' &&
        !u.input &&
        u.overlay === null &&
        u.procedures.nav.mode === 'run' &&
        runs.current()?.store.getState().question?.kind === 'choice'
      );
    },
    screen: (p) => <ProceduresScreen {...drawn} height={p.height} width={p.width} procedures={shownProcs} {...shown} />,
  };
}
