import { PS_COMMAND } from './parsePsLines';

/**
 * Markers between the pieces of one reading. Each is longer than the 15
 * bytes a process may give itself as its name (the only free text of a
 * /proc/PID/stat line), and ps's lines start with a digit or a space, so no
 * process can print a marker line.
 */
export const MARK = {
  uptime: '@@riskctl-processes-uptime',
  ticks: '@@riskctl-processes-ticks',
  ps: '@@riskctl-processes-ps',
  end: '@@riskctl-processes-end',
} as const;

/**
 * One reading: the host's uptime (the wall clock the CPU ticks are measured
 * against), every process's utime+stime, and ps. Plain POSIX sh; a process
 * that ends between the glob and the read only loses its own line (cat's
 * error is discarded). No `'`: the script goes inside single quotes.
 */
const READING = [
  `echo ${MARK.uptime}`,
  'cat /proc/uptime 2>/dev/null',
  `echo ${MARK.ticks}`,
  'cat /proc/[0-9]*/stat 2>/dev/null',
  'echo',
  `echo ${MARK.ps}`,
  `${PS_COMMAND} 2>/dev/null`,
  `echo ${MARK.end}`,
].join('; ');

/** Two readings half a second apart, in one exec: enough for current CPU %. */
export const processesOnceCommand = `/bin/sh -c 'export LC_ALL=C; ${READING}; sleep 0.5; ${READING}; exit 0'`;

/**
 * The long-lived stream behind the processes screen: a reading every
 * `intervalSeconds` until the channel closes (the screen closes it); the
 * first write after that ends the loop.
 */
export function processesStreamCommand(intervalSeconds: number): string {
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 1) throw new Error('processes interval must be a whole number of seconds ≥ 1');
  return `/bin/sh -c 'export LC_ALL=C; while :; do ${READING}; sleep ${intervalSeconds} || exit 0; done'`;
}
