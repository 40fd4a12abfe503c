/**
 * One host's processes, as top and htop show them: PID, user, CPU %, memory
 * % and RSS, state, elapsed time and command line, sorted and filtered, flat
 * or as a tree; the selected process is inverse. Screens do no I/O: the
 * processes arrive in props.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { ProcessesState } from '../services/processes/ProcessesWatch';
import { fit, formatAge } from './format';
import { processLines } from './processLines';
import type { ProcessRow } from './processRows';
import type { ProcessesUi } from './processesUi';
import { signalPickLines } from './signalPickLines';

export interface ProcessesScreenProps {
  host: string | null;
  reading: ProcessesState;
  rows: readonly ProcessRow[];
  ui: ProcessesUi;
  /** The live filter (being typed, else applied). */
  filter: string;
  now: number;
  height: number;
  width: number;
  color: boolean;
}

const SORT_NAMES = { cpu: 'CPU', memory: 'memory', pid: 'PID', time: 'elapsed time', user: 'user' } as const;

/** The title line: host, how many listed, sort, view, age of the reading or its error. */
export function processesTitle(p: Pick<ProcessesScreenProps, 'host' | 'reading' | 'rows' | 'ui' | 'filter' | 'now'>): string {
  if (p.host === null) return ' Processes · no host selected';
  const total = p.reading.processes?.length;
  const count = total === undefined ? 'reading…' : p.filter ? `${p.rows.length} of ${total} processes matching "${p.filter}"` : `${total} processes`;
  const age = p.reading.readAt === null ? '' : ` · updated ${formatAge(p.now - p.reading.readAt)} ago`;
  return ` Processes ${p.host} · ${count} · by ${SORT_NAMES[p.ui.sort]}${p.ui.tree ? ' · tree' : ''}${age}`;
}

export function ProcessesScreen(p: ProcessesScreenProps): React.JSX.Element {
  const empty = p.reading.processes === null ? (p.reading.error ?? 'reading the processes…') : p.filter ? `no process matches "${p.filter}"` : 'no processes';
  const pick = p.ui.signal;
  const pickLines = pick ? signalPickLines(pick, p.rows.find((r) => r.process.pid === pick.pid)?.process ?? null, p.width) : [];
  const lines = processLines(p.rows, { selectedPid: p.ui.pid, sort: p.ui.sort, width: p.width, height: Math.max(0, p.height - 2 - pickLines.length), empty });
  const error = p.reading.processes !== null && p.reading.error ? p.reading.error : null;
  return (
    <Box flexDirection="column" height={p.height} overflowY="hidden">
      <Text bold>{fit(processesTitle(p), p.width)}</Text>
      {error ? (
        <Text color={p.color ? 'yellow' : undefined}>{fit(` ${error}`, p.width)}</Text>
      ) : (
        <Text dimColor>{fit(' C cpu · M memory · P pid · E elapsed · U user · t tree · / filter · K signal', p.width)}</Text>
      )}
      {pickLines.map((l, i) => (
        <Text key={`s${i}`} bold={i === 0} inverse={l.selected} color={p.color && i === 0 ? 'yellow' : undefined}>
          {l.text}
        </Text>
      ))}
      {lines.map((l, i) => (
        <Text key={l.pid ?? `h${i}`} bold={i === 0} inverse={l.selected}>
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
