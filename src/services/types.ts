/** Figures of one resources poll. Percentages are 0–100, sizes in bytes. */
export interface DiskUsage {
  mount: string;
  fs: string;
  sizeBytes: number;
  usedBytes: number;
  availBytes: number;
  usedPercent: number;
  /** Filesystem type (ext4, xfs, nfs4 …) when the host could tell. */
  type?: string;
  /** Mounted read-only, e.g. ext4 remounted ro after I/O errors: worth an operator's eye. */
  readOnly?: boolean;
}

export interface ResourcesSnapshot {
  hostname: string;
  os: string;
  /** null on the first poll of a remote host: CPU % needs two samples. */
  cpuPercent: number | null;
  memoryPercent: number;
  memTotalBytes: number;
  memAvailableBytes: number;
  swapPercent: number | null;
  load1: number;
  load5: number;
  load15: number;
  cores: number;
  uptimeSeconds: number;
  disks: DiskUsage[];
  /** Share of CPU time stolen by the hypervisor (VMs); null when CPU % is null. */
  cpuSteal?: number | null;
  /** Share of CPU time idle while waiting for I/O; null when CPU % is null. */
  cpuIowait?: number | null;
  /** Parts of the poll that could not be read (e.g. df timed out on a hung mount). */
  warnings?: string[];
  /** Every network interface, loopback included; absent where the host has no /proc/net/dev. */
  network?: InterfaceIo[];
  /** Whole block devices (partitions folded in, loop and ram left out); absent where there is no /proc/diskstats. */
  diskIo?: DiskIo[];
}

/**
 * One network interface. Rates are over the time between this poll and the
 * previous one (null on the first); error and drop counts are the kernel's
 * totals since the interface came up.
 */
export interface InterfaceIo {
  interface: string;
  rxBytesPerSecond: number | null;
  txBytesPerSecond: number | null;
  rxPacketsPerSecond: number | null;
  txPacketsPerSecond: number | null;
  rxBytes: number;
  txBytes: number;
  rxErrors: number;
  txErrors: number;
  rxDrops: number;
  txDrops: number;
  /** Receive and transmit errors counted since the previous poll; null on the first. */
  newErrors: number | null;
}

/** One whole block device, its partitions' I/O inside its own counters (as iostat shows it). */
export interface DiskIo {
  device: string;
  /** Its partitions' names (sda1, nvme0n1p2 …), folded into these figures. */
  partitions: string[];
  readBytesPerSecond: number | null;
  writeBytesPerSecond: number | null;
  /** Reads and writes completed per second. */
  iops: number | null;
  /** Share of the time the device had I/O in flight (io_ticks), 0–100. */
  busyPercent: number | null;
}

/** Every snapshot says when it was taken and whether the last poll failed. */
export interface Snapshot<T> {
  data: T | null;
  updatedAt: number | null;
  error: string | null;
}
