import type { DiskIo, InterfaceIo } from '../types';
import { SECTOR_BYTES, wholeDisks, parseDiskstats, type DiskCounters, type FoldedDisk } from './parseDiskstats';
import { parseProcNetDev, type InterfaceCounters } from './parseProcNetDev';
import { round1 } from './round';

/** One reading of the network and disk counters, and when it was taken (seconds on any steady clock). */
export interface IoSample {
  atSeconds: number;
  interfaces: InterfaceCounters[];
  disks: FoldedDisk[];
}

/**
 * The counters of one poll's /proc/net/dev and /proc/diskstats text; null where the host printed neither.
 * `fold` folds partitions into their disks (lastWholeDisks keeps one host's fold from sample to sample).
 */
export function ioSample(
  netDev: string,
  diskstats: string,
  atSeconds: number,
  fold: (rows: readonly DiskCounters[]) => FoldedDisk[] = wholeDisks,
): IoSample | null {
  if (isBlankText(netDev) && isBlankText(diskstats)) return null;
  return { atSeconds, interfaces: parseProcNetDev(netDev), disks: fold(parseDiskstats(diskstats)) };
}

/** Only whitespace (or nothing): as `text.trim() === ''`, without the copy. */
function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) continue;
    // Printable ASCII is never blank; the rest (other Unicode spaces) as trim() sees them.
    return c > 32 && c < 127 ? false : /^\s*$/.test(text.slice(i));
  }
  return true;
}

/**
 * The entry of `list` named `name`, looked for first at index `i`: from one
 * sample to the next a host lists its interfaces and disks in the same order,
 * so the usual lookup is one comparison and no map is built.
 */
function sameNamed<T>(list: readonly T[] | undefined, i: number, name: string, nameOf: (t: T) => string): T | undefined {
  if (!list) return undefined;
  const at = list[i];
  if (at !== undefined && nameOf(at) === name) return at;
  return list.find((t) => nameOf(t) === name);
}

const interfaceName = (i: InterfaceCounters) => i.interface;
const deviceName = (d: FoldedDisk) => d.device;

/**
 * A counter's rate between two readings; null without an earlier reading or
 * when it went backwards (a reboot, a re-created interface, a 32-bit counter
 * wrapping), since no rate can be told then.
 */
function rate(cur: number, prev: number | undefined, seconds: number): number | null {
  if (prev === undefined || seconds <= 0 || cur < prev) return null;
  return (cur - prev) / seconds;
}

const whole = (n: number | null) => (n === null ? null : Math.round(n));
const tenth = (n: number | null) => (n === null ? null : round1(n));

/** Per-second figures of every interface and whole disk, between `prev` (null on the first poll) and `cur`. */
export function ioFigures(cur: IoSample, prev: IoSample | null): { network: InterfaceIo[]; diskIo: DiskIo[] } {
  const dt = prev ? cur.atSeconds - prev.atSeconds : 0;
  const network = cur.interfaces.map((i, k): InterfaceIo => {
    const p = sameNamed(prev?.interfaces, k, i.interface, interfaceName);
    const errors = rate(i.rxErrors + i.txErrors, p && p.rxErrors + p.txErrors, 1);
    return {
      interface: i.interface,
      rxBytesPerSecond: whole(rate(i.rxBytes, p?.rxBytes, dt)),
      txBytesPerSecond: whole(rate(i.txBytes, p?.txBytes, dt)),
      rxPacketsPerSecond: tenth(rate(i.rxPackets, p?.rxPackets, dt)),
      txPacketsPerSecond: tenth(rate(i.txPackets, p?.txPackets, dt)),
      rxBytes: i.rxBytes,
      txBytes: i.txBytes,
      rxErrors: i.rxErrors,
      txErrors: i.txErrors,
      rxDrops: i.rxDrops,
      txDrops: i.txDrops,
      newErrors: dt > 0 ? errors : null,
    };
  });
  const diskIo = cur.disks.map((d, k): DiskIo => {
    const p = sameNamed(prev?.disks, k, d.device, deviceName);
    const read = rate(d.readSectors, p?.readSectors, dt);
    const written = rate(d.writeSectors, p?.writeSectors, dt);
    const ops = rate(d.reads + d.writes, p && p.reads + p.writes, dt);
    const ticks = rate(d.ioTicksMs, p?.ioTicksMs, dt);
    return {
      device: d.device,
      partitions: d.partitions,
      readBytesPerSecond: read === null ? null : Math.round(read * SECTOR_BYTES),
      writeBytesPerSecond: written === null ? null : Math.round(written * SECTOR_BYTES),
      iops: tenth(ops),
      // ms of busy time per second of wall time, /10 for a percentage; a tick's rounding can pass 100.
      busyPercent: ticks === null ? null : round1(Math.min(100, ticks / 10)),
    };
  });
  return { network, diskIo };
}
