/**
 * The resources screen's five busiest processes, under its gauges: the
 * processes screen's header and rows (CPU order), from the same stream. It
 * subscribes to the stream itself, so a reading redraws this section, not
 * the App around it. T opens the full list.
 */
import React, { useMemo } from 'react';
import { Text } from 'ink';
import { useStore } from 'zustand';
import type { ProcessesStore } from '../services/processes/ProcessesWatch';
import { topByCpu } from '../services/processes/processesReading';
import { processLines } from './processLines';

/** The header and five rows. */
export const TOP_PROCESSES_ROWS = 6;

export function TopProcesses({ store, host, width }: { store: ProcessesStore; host: string; width: number }): React.JSX.Element {
  const reading = useStore(store);
  const mine = reading.host === host;
  const rows = useMemo(
    () => (mine && reading.processes ? topByCpu(reading.processes, TOP_PROCESSES_ROWS - 1).map((process) => ({ process, depth: 0 })) : []),
    [mine, reading.processes],
  );
  const empty = !mine || reading.processes === null ? (mine && reading.error) || 'reading the processes…' : 'no processes';
  const lines = processLines(rows, { selectedPid: null, sort: 'cpu', width, height: TOP_PROCESSES_ROWS, empty });
  return (
    <>
      {lines.map((l, i) => (
        <Text key={l.pid ?? `h${i}`} dimColor={i === 0}>
          {l.text}
        </Text>
      ))}
    </>
  );
}
