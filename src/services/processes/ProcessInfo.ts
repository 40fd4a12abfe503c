/**
 * One process of a host, as the processes screen and `riskctl status --json`
 * show it. `command` is the full command line as the host reports it (remote
 * text: made inert before it reaches a terminal).
 */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  user: string;
  /**
   * CPU use over the last interval between two readings of the process's
   * utime+stime (/proc/PID/stat), in % of one core (as top and htop: 200 is two
   * cores busy). On a first reading, or for a process born since the previous
   * one, it is ps's %CPU: the average over the process's whole life.
   */
  cpuPercent: number;
  /** Resident memory as % of the host's physical memory (ps %MEM). */
  memPercent: number;
  rssBytes: number;
  /** ps STAT: R running, S sleeping, D uninterruptible, Z zombie, T stopped, I idle, plus modifiers. */
  state: string;
  elapsedSeconds: number;
  command: string;
  /**
   * Start time after boot in clock ticks (/proc/PID/stat), when the reading
   * had it: with the PID it names one process, so a signal is not sent to a
   * process that took a reused PID.
   */
  startTicks?: number;
}
