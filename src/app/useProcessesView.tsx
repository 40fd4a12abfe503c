/**
 * The processes part of App, kept out of it (like useDatabaseView): which
 * host the watch reads (the selected one while the processes screen shows,
 * none otherwise: no cost when closed), the listed PIDs for the intents, and
 * the screen.
 */
import React, { useEffect, useLayoutEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ProcessesState, ProcessesStore } from '../services/processes/ProcessesWatch';
import { processFilter } from '../screens/processesIntents';
import { processRows } from '../screens/processRows';
import { ProcessesScreen } from '../screens/ProcessesScreen';
import type { UiEvent, UiState } from '../screens/uiStore';

export interface ProcessesProps {
  store: ProcessesStore;
  /** Read this host's processes from now on; null stops reading. */
  watch(host: string | null): void;
}

export interface ProcessesView {
  pids: number[];
  screen: (p: { height: number; width: number }) => React.JSX.Element;
}

const NO_PROCESSES: ProcessesStore = createStore<ProcessesState>()(() => ({ host: null, processes: null, readAt: null, error: null }));

export function useProcessesView(
  props: ProcessesProps | undefined,
  ui: UiState,
  now: number,
  color: boolean,
  dispatch: (e: UiEvent | readonly UiEvent[]) => void,
): ProcessesView {
  const open = ui.screen === 'processes';
  const reading = useStore(props?.store ?? NO_PROCESSES);
  const filter = processFilter(ui);
  const rows = useMemo(
    () =>
      open && reading.host === ui.host && reading.processes ? processRows(reading.processes, { sort: ui.processes.sort, filter, tree: ui.processes.tree }) : [],
    [open, reading.host, ui.host, reading.processes, ui.processes.sort, ui.processes.tree, filter],
  );
  const pids = useMemo(() => rows.map((r) => r.process.pid), [rows]);

  useLayoutEffect(() => {
    props?.watch(open ? ui.host : null);
  }, [props, open, ui.host]);
  useEffect(() => () => props?.watch(null), [props]);

  // A selection that left the list (the process ended, filtered out) moves to the top one.
  useEffect(() => {
    if (open && pids.length > 0 && (ui.processes.pid === null || !pids.includes(ui.processes.pid))) {
      dispatch({ type: 'processes', event: { type: 'select', by: 'top', pids } });
    }
  }, [open, ui.processes.pid, pids, dispatch]);

  return {
    pids,
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
