/** Figures of one resources poll. Percentages are 0–100, sizes in bytes. */
export interface DiskUsage {
  mount: string;
  fs: string;
  sizeBytes: number;
  usedBytes: number;
  availBytes: number;
  usedPercent: number;
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
}

/** Every snapshot says when it was taken and whether the last poll failed. */
export interface Snapshot<T> {
  data: T | null;
  updatedAt: number | null;
  error: string | null;
}
