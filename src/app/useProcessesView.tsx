/**
 * The processes part of App, kept out of it (like useDatabaseView): which
 * host the watch reads (the selected one while the processes or the
 * resources screen shows, none otherwise: no cost when both are closed), the
 * listed PIDs for the intents, the screen, and the signal — asked through
 * the confirmation modal, then sent and audited by the service, and what
 * happened said on the status line.
 */
import React, { useCallback, useEffect, useLayoutEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { LiveStore } from '../services/liveStore';
import type { ProcessInfo } from '../services/processes/ProcessInfo';
import type { ProcessesState, ProcessesStore } from '../services/processes/ProcessesWatch';
import { PROCESS_SIGNAL_RISK, processSignalTitle, type ProcessSignal } from '../services/processes/processSignals';
import type { Confirm } from '../screens/confirm';
import { processFilter, type ProcessesEffect } from '../screens/processesIntents';
import { processRows } from '../screens/processRows';
import { ProcessesScreen } from '../screens/ProcessesScreen';
import type { UiEvent, UiState } from '../screens/uiStore';
import { reportOutcome, type Outcome } from './reportOutcome';

export interface ProcessesProps {
  store: ProcessesStore;
  /** Read this host's processes from now on; null stops reading. */
  watch(host: string | null): void;
  /**
   * Send a signal (after the operator's answer: `confirmed` false is audited
   * as cancelled). `shown` is the process as the screen showed it.
   */
  signal?(host: string, pid: number, signal: ProcessSignal, shown: ProcessInfo | null, confirmed: boolean): Promise<Outcome>;
}

export interface ProcessesView {
  pids: number[];
  run: (e: ProcessesEffect) => void;
  screen: (p: { height: number; width: number }) => React.JSX.Element;
}

const NO_PROCESSES: ProcessesStore = createStore<ProcessesState>()(() => ({ host: null, processes: null, readAt: null, error: null }));

export function useProcessesView(
  props: ProcessesProps | undefined,
  live: LiveStore,
  ui: UiState,
  now: number,
  color: boolean,
  confirm: Confirm,
  dispatch: (e: UiEvent | readonly UiEvent[]) => void,
): ProcessesView {
  const open = ui.screen === 'processes';
  // The resources screen shows the host's top five under its gauges: the same stream.
  const watched = open || ui.screen === 'resources' ? ui.host : null;
  const reading = useStore(props?.store ?? NO_PROCESSES);
  const filter = processFilter(ui);
  const rows = useMemo(
    () =>
      open && reading.host === ui.host && reading.processes ? processRows(reading.processes, { sort: ui.processes.sort, filter, tree: ui.processes.tree }) : [],
    [open, reading.host, ui.host, reading.processes, ui.processes.sort, ui.processes.tree, filter],
  );
  const pids = useMemo(() => rows.map((r) => r.process.pid), [rows]);

  useLayoutEffect(() => {
    props?.watch(watched);
  }, [props, watched]);
  useEffect(() => () => props?.watch(null), [props]);

  // A selection that left the list (the process ended, filtered out) moves to the top one.
  useEffect(() => {
    if (open && pids.length > 0 && (ui.processes.pid === null || !pids.includes(ui.processes.pid))) {
      dispatch({ type: 'processes', event: { type: 'select', by: 'top', pids } });
    }
  }, [open, ui.processes.pid, pids, dispatch]);

  const run = useCallback(
    (e: ProcessesEffect) => {
      const signal = props?.signal;
      if (!signal) return dispatch({ type: 'message', text: 'signals are not available here', level: 'error' });
      const state = props.store.getState();
      const shown = (state.host === e.host ? state.processes?.find((p) => p.pid === e.pid) : undefined) ?? null;
      const production = live.getState().hosts[e.host]?.production ?? false;
      const detail = shown ? `${shown.user}: ${shown.command}` : 'not in the last reading';
      reportOutcome(
        dispatch,
        (async () => {
          const ok = await confirm({ title: processSignalTitle(e.signal, e.pid), detail, risk: PROCESS_SIGNAL_RISK[e.signal], host: e.host, production });
          return signal(e.host, e.pid, e.signal, shown, ok);
        })(),
      );
    },
    [props, live, confirm, dispatch],
  );

  return {
    pids,
    run,
    screen: ({ height, width }) => (
      <ProcessesScreen
        host={ui.host}
        reading={open && reading.host === ui.host ? reading : { ...reading, processes: null, error: null, readAt: null }}
        rows={rows}
        ui={ui.processes}
        filter={filter}
        now={now}
        height={height}
        width={width}
        color={color}
      />
    ),
  };
}
