import { forEachLine, readCounters } from './counterFields';

/** One interface's counters from /proc/net/dev: totals since it came up. */
export interface InterfaceCounters {
  interface: string;
  rxBytes: number;
  rxPackets: number;
  rxErrors: number;
  rxDrops: number;
  txBytes: number;
  txPackets: number;
  txErrors: number;
  txDrops: number;
}

/** Receive: bytes packets errs drop fifo frame compressed multicast; transmit: bytes packets errs drop … */
const TX = 8;

/**
 * Parses /proc/net/dev. The two header lines have no colon; an interface line
 * is `name: 16 numbers`, where old kernels print no space after the colon
 * once the byte count grows wide ("eth0:1234567"). A line with fewer than 16
 * numbers, or one that is not a number, is left out.
 */
export function parseProcNetDev(text: string): InterfaceCounters[] {
  const out: InterfaceCounters[] = [];
  const f: number[] = [];
  forEachLine(text, (line) => {
    const colon = line.indexOf(':');
    if (colon === -1) return;
    const name = line.slice(0, colon).trim();
    if (name === '' || !readCounters(line, colon + 1, f, 16) || f.length < 16) return;
    out.push({
      interface: name,
      rxBytes: f[0]!,
      rxPackets: f[1]!,
      rxErrors: f[2]!,
      rxDrops: f[3]!,
      txBytes: f[TX]!,
      txPackets: f[TX + 1]!,
      txErrors: f[TX + 2]!,
      txDrops: f[TX + 3]!,
    });
  });
  return out;
}

/** The loopback interface: listed in the JSON, hidden on the screen. */
export const isLoopback = (name: string) => name === 'lo';
