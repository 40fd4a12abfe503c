import type { ProcessInfo } from './ProcessInfo';

/**
 * The ps invocation whose output parsePsLines reads: every process, full
 * command lines (`-ww`), no header, user names up to 32 characters (a longer
 * one is printed as its numeric uid), C locale for the decimal point.
 */
export const PS_COMMAND = 'ps -eww -o pid=,ppid=,user:32=,pcpu=,pmem=,rss=,stat=,etimes=,args=';

// pid ppid user %cpu %mem rss(KiB) stat etimes, then one space and the command
// line as it is: its own spaces are kept. A line that does not match (a command
// line cut by a newline a ps printed raw) is left out.
const LINE = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+)\s+(\S+)\s+(\d+)(?: (.*))?$/;

/** Parses `PS_COMMAND`'s output. cpuPercent is ps's lifetime average here. */
export function parsePsLines(text: string): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    out.push({
      pid: Number(m[1]),
      ppid: Number(m[2]),
      user: m[3]!,
      cpuPercent: Number(m[4]),
      memPercent: Number(m[5]),
      rssBytes: Number(m[6]) * 1024,
      state: m[7]!,
      elapsedSeconds: Number(m[8]),
      command: (m[9] ?? '').trimEnd(),
    });
  }
  return out;
}
