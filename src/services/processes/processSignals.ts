/**
 * The signals the processes screen sends, as data: their names, what each
 * asks of a process, and their risk. Pure, so the pick list, the
 * confirmation and the audit line say the same thing.
 */
import type { Risk } from '../actionGuard';

/** In the pick list's order: TERM first, the default. */
export const PROCESS_SIGNALS = ['TERM', 'KILL', 'HUP', 'INT'] as const;
export type ProcessSignal = (typeof PROCESS_SIGNALS)[number];

export const SIGNAL_MEANING: Record<ProcessSignal, string> = {
  TERM: 'ask it to end (it may clean up)',
  KILL: 'end it at once (no cleanup, cannot be caught)',
  HUP: 'hang up (many daemons reload their config)',
  INT: 'interrupt, as Ctrl-C',
};

/**
 * KILL leaves no chance to clean up (half-written files, locks, a database's
 * recovery on restart): the host name is typed for it, as for a backend
 * terminate. The others a process can catch and handle: a yes.
 */
export const PROCESS_SIGNAL_RISK: Record<ProcessSignal, Risk> = { TERM: 'mutating', KILL: 'destructive', HUP: 'mutating', INT: 'mutating' };

export function isProcessSignal(s: string): s is ProcessSignal {
  return (PROCESS_SIGNALS as readonly string[]).includes(s);
}

/** "Send TERM to process 4512". */
export function processSignalTitle(signal: ProcessSignal, pid: number): string {
  return `Send ${signal} to process ${pid}`;
}
