import { fieldAt, forEachLine, readCounters, skipFields } from './counterFields';

/**
 * One block device's counters from /proc/diskstats: totals since boot.
 * Sectors there are always 512 bytes, whatever the device's own sector size.
 */
export interface DiskCounters {
  device: string;
  reads: number;
  readSectors: number;
  writes: number;
  writeSectors: number;
  /** Milliseconds the device had I/O in flight. */
  ioTicksMs: number;
}

/** A whole disk with its partitions' names; its counters already include their I/O. */
export interface FoldedDisk extends DiskCounters {
  partitions: string[];
}

export const SECTOR_BYTES = 512;

/**
 * Parses /proc/diskstats: `major minor name` and at least 11 counters (14
 * since 2.6, 18 with discards since 4.18, 20 with flushes since 5.5). The
 * fields read: reads completed (1), sectors read (3), writes completed (5),
 * sectors written (7), io_ticks (10), counted from the name.
 */
export function parseDiskstats(text: string): DiskCounters[] {
  const out: DiskCounters[] = [];
  const n: number[] = [];
  forEachLine(text, (line) => {
    // major minor name, then the counters.
    const afterName = skipFields(line, 0, 3);
    if (afterName === -1 || !readCounters(line, afterName, n, 11) || n.length < 11) return;
    out.push({ device: fieldAt(line, 2), reads: n[0]!, readSectors: n[2]!, writes: n[4]!, writeSectors: n[6]!, ioTicksMs: n[9]! });
  });
  return out;
}

/** Devices iostat users leave out: loop devices (snaps, images) and RAM disks. */
const SKIPPED = /^(loop|ram)\d/;

/**
 * The disk a partition belongs to, by the kernel's naming: the disk's name
 * plus a number (sda → sda1, vdb → vdb3), or plus `p` and a number where the
 * disk's name ends in a digit (nvme0n1 → nvme0n1p2, mmcblk0 → mmcblk0p1).
 */
function diskOf(name: string, names: ReadonlySet<string>): string | null {
  for (let cut = name.length - 1; cut > 0; cut--) {
    const base = name.slice(0, cut);
    const rest = name.slice(cut);
    if (!names.has(base)) continue;
    if (/^\d+$/.test(rest) && !/\d$/.test(base)) return base;
    if (/^p\d+$/.test(rest) && /\d$/.test(base)) return base;
  }
  return null;
}

/** Which rows are whole disks, and their partitions: worked out from the device names alone. */
export interface FoldPlan {
  /** The device names it was made for, in order. */
  names: readonly string[];
  /** Each whole disk's row and its partitions' names (one array kept from sample to sample). */
  disks: ReadonlyArray<{ row: number; partitions: string[] }>;
}

/** The fold of these rows' devices (see wholeDisks). */
export function foldPlan(rows: readonly DiskCounters[]): FoldPlan {
  const kept = rows.map((r, row) => ({ name: r.device, row })).filter((r) => !SKIPPED.test(r.name));
  const names = new Set(kept.map((r) => r.name));
  const disks = new Map<string, { row: number; partitions: string[] }>();
  const partitions: Array<[string, string]> = [];
  for (const r of kept) {
    const disk = diskOf(r.name, names);
    if (disk) partitions.push([r.name, disk]);
    else disks.set(r.name, { row: r.row, partitions: [] });
  }
  for (const [part, disk] of partitions) disks.get(disk)?.partitions.push(part);
  return { names: rows.map((r) => r.device), disks: [...disks.values()] };
}

/** The plan fits these rows: the same devices in the same order. */
function fits(plan: FoldPlan, rows: readonly DiskCounters[]): boolean {
  if (plan.names.length !== rows.length) return false;
  for (let i = 0; i < rows.length; i++) if (plan.names[i] !== rows[i]!.device) return false;
  return true;
}

/**
 * Whole disks as iostat shows them: loop and RAM devices left out, devices
 * that never did any I/O left out, each partition folded under its disk
 * (a partition whose disk is not listed stays a device of its own).
 * Device-mapper and md devices are devices of their own, as in iostat.
 * `plan`, when it fits the rows (a host's devices rarely change), spares
 * working the fold out again.
 */
export function wholeDisks(rows: readonly DiskCounters[], plan?: FoldPlan | null): FoldedDisk[] {
  return foldBy(plan && fits(plan, rows) ? plan : foldPlan(rows), rows);
}

/** The rows folded as `plan` (made for these rows' devices) says. */
function foldBy(plan: FoldPlan, rows: readonly DiskCounters[]): FoldedDisk[] {
  const out: FoldedDisk[] = [];
  for (const d of plan.disks) {
    const r = rows[d.row]!;
    if (r.reads + r.writes > 0) {
      out.push({
        device: r.device,
        reads: r.reads,
        readSectors: r.readSectors,
        writes: r.writes,
        writeSectors: r.writeSectors,
        ioTicksMs: r.ioTicksMs,
        partitions: d.partitions,
      });
    }
  }
  return out;
}

/** wholeDisks remembering its last plan: one per host, as its devices stay the same from sample to sample. */
export function lastWholeDisks(): (rows: readonly DiskCounters[]) => FoldedDisk[] {
  let plan: FoldPlan | null = null;
  return (rows) => {
    if (!plan || !fits(plan, rows)) plan = foldPlan(rows);
    return foldBy(plan, rows);
  };
}
