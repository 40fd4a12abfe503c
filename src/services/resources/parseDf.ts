/** One row of `df -P` output, sizes converted to bytes. */
export interface DfRow {
  /** The "Filesystem" column: a device, a server:/export, or a pseudo name like tmpfs. */
  source: string;
  sizeBytes: number;
  usedBytes: number;
  availBytes: number;
  /** Computed like GNU df computes its Capacity column (see dfUsedPercent). */
  usedPercent: number;
  mount: string;
}

/**
 * A data row, anchored on the numeric block: size, used, avail and the `NN%`
 * capacity (GNU prints `-` when the size is unknown). Both the source and the
 * mount point may contain spaces (a fuse source, "/media/ops/Backup 2024"), so
 * no column split on whitespace works; the mount is the rest of the line and,
 * being a path, starts with "/". The source is matched lazily: its leftmost
 * possible end is the right one unless a source name itself contains a
 * "N N N N% /" run, which no real device or export does.
 */
const ROW = /^(.+?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(?:\d+%|-)\s+(\/.*)$/;

/** "1-blocks", "1024-blocks", "1K-blocks", "512-blocks" → bytes per block. */
function blockSize(header: string): number | null {
  const m = /(\d+)([KMG]?)-blocks/i.exec(header);
  if (!m) return null;
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2]!.toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Number(m[1]) * unit;
}

/**
 * Used share of the space available to ordinary users, rounded UP, exactly as
 * GNU df prints Capacity: used / (used + avail), not used / size, so a disk with
 * its root-reserved blocks in use reads 100 % (ordinary writes fail there).
 * BigInt because used × 100 overflows 2^53 on filesystems over ~90 TB.
 */
export function dfUsedPercent(usedBytes: number, availBytes: number): number {
  const used = BigInt(Math.max(0, Math.round(usedBytes)));
  const denom = used + BigInt(Math.max(0, Math.round(availBytes)));
  if (denom === 0n) return 0;
  const u100 = used * 100n;
  return Number(u100 / denom + (u100 % denom === 0n ? 0n : 1n));
}

/**
 * Parses `df -P` output (GNU, busybox, BSD). The header gives the block size,
 * so `-B1` and the POSIX `-k` fallback both come out in bytes. Rows that do not
 * parse (a "df: …: Permission denied" that slipped into stdout, `-` sizes) are
 * skipped rather than failing the whole poll.
 */
export function parseDf(text: string): DfRow[] {
  const rows: DfRow[] = [];
  // POSIX says 512-byte blocks without -k; every df we call prints a header anyway.
  let unit = 1024;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (/^Filesystem\s/.test(line)) {
      unit = blockSize(line) ?? unit;
      continue;
    }
    const m = ROW.exec(line);
    if (!m) continue;
    const [sizeBytes, usedBytes, availBytes] = [m[2], m[3], m[4]].map((n) => Number(n) * unit) as [number, number, number];
    rows.push({
      source: m[1]!.trim(),
      sizeBytes,
      usedBytes,
      availBytes,
      usedPercent: dfUsedPercent(usedBytes, availBytes),
      mount: m[5]!,
    });
  }
  return rows;
}
