/**
 * The signal pick list of the processes screen (K) as text lines: which
 * process, then one line per signal with what it asks of the process, the
 * chosen one marked, then the keys. Pure, like processLines.
 */
import type { ProcessInfo } from '../services/processes/ProcessInfo';
import { PROCESS_SIGNALS, SIGNAL_MEANING } from '../services/processes/processSignals';
import { fit } from './format';

export interface SignalPickLine {
  text: string;
  selected: boolean;
}

export function signalPickLines(pick: { pid: number; index: number }, shown: ProcessInfo | null, width: number): SignalPickLine[] {
  // A process gone from the list since K keeps its PID here; the service finds out whether it still runs.
  const who = shown ? ` (${shown.user}: ${shown.command})` : ' (no longer in the list)';
  return [
    { text: fit(` Send a signal to process ${pick.pid}${who}`, width), selected: false },
    ...PROCESS_SIGNALS.map((s, i) => ({
      text: fit(`${i === pick.index ? '› ' : '  '}${s.padEnd(5)} ${SIGNAL_MEANING[s]}${i === 0 ? ' — the default' : ''}`, width),
      selected: i === pick.index,
    })),
    { text: fit(' ↑/↓ choose · Enter send (then confirm) · Esc close', width), selected: false },
  ];
}
