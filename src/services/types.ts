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
}

/** Every snapshot says when it was taken and whether the last poll failed. */
export interface Snapshot<T> {
  data: T | null;
  updatedAt: number | null;
  error: string | null;
}
