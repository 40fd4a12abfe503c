/** CPU time of one process so far, from a /proc/PID/stat line. */
export interface PidTicks {
  pid: number;
  /** utime + stime, in clock ticks (USER_HZ). */
  ticks: number;
  /** Start time after boot in ticks: with the PID it names one process, so a reused PID is not mistaken for the old one. */
  startTicks: number;
}

// The command name (field 2) is in parentheses and may hold spaces and
// parentheses itself: the fields after it start after the LAST ')'.
const HEAD = /^(\d+) \(/;

/**
 * Parses the lines of `cat /proc/[0-9]*\/stat`. Fields after the name, from 0:
 * state, ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt, majflt,
 * cmajflt, utime (11), stime (12), …, starttime (19). A line cut by a newline
 * in the command name lacks its ')' or its fields and is left out.
 */
export function parsePidStat(text: string): Map<number, PidTicks> {
  const out = new Map<number, PidTicks>();
  for (const line of text.split('\n')) {
    const head = HEAD.exec(line);
    const close = line.lastIndexOf(')');
    if (!head || close < 0) continue;
    const f = line.slice(close + 2).split(' ');
    const utime = Number(f[11]);
    const stime = Number(f[12]);
    const start = Number(f[19]);
    if (f.length < 20 || ![utime, stime, start].every(Number.isFinite)) continue;
    const pid = Number(head[1]);
    out.set(pid, { pid, ticks: utime + stime, startTicks: start });
  }
  return out;
}
