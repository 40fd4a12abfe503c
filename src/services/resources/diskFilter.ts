import type { DiskUsage } from '../types';

/**
 * Filesystems an operator never wants in the disk list or in disk alerts:
 * - RAM-backed (tmpfs, devtmpfs, ramfs …): not disk space; /run, /dev/shm and
 *   every /run/user/N would crowd the list and fire no useful alert.
 * - read-only images (squashfs, iso9660, erofs …): always 100 % full by
 *   construction; every Ubuntu snap would otherwise be a critical disk alert.
 * - kernel interfaces (proc, sysfs, cgroup, efivarfs …): no space at all, or
 *   space that is not disk (efivarfs is NVRAM).
 * - overlay/aufs: on a Docker host each running container adds an overlay
 *   mount repeating the usage of /var/lib/docker's filesystem. Kept when it is
 *   "/" itself: then we run inside a container and it is the only root there is.
 */
export const HIDDEN_FS_TYPES: ReadonlySet<string> = new Set([
  'tmpfs',
  'devtmpfs',
  'ramfs',
  'devfs',
  'rootfs',
  'squashfs',
  'iso9660',
  'udf',
  'erofs',
  'cramfs',
  'romfs',
  'proc',
  'sysfs',
  'cgroup',
  'cgroup2',
  'devpts',
  'mqueue',
  'debugfs',
  'tracefs',
  'securityfs',
  'pstore',
  'bpf',
  'configfs',
  'fusectl',
  'hugetlbfs',
  'binfmt_misc',
  'autofs',
  'efivarfs',
  'nsfs',
  'rpc_pipefs',
  'selinuxfs',
  'nfsd',
  'fuse.lxcfs',
  'fuse.snapfuse',
  'fuse.gvfsd-fuse',
  'fuse.portal',
  'overlay',
  'aufs',
]);

/** Mountable anywhere, but only meaningful as the container's own root. */
const CONTAINER_ROOT_TYPES: ReadonlySet<string> = new Set(['overlay', 'aufs']);

/**
 * Without a type (no /proc/mounts, e.g. a non-Linux busybox) the df source
 * column names pseudo filesystems by their type or a well-known alias.
 */
const PSEUDO_SOURCES: ReadonlySet<string> = new Set([...HIDDEN_FS_TYPES, 'udev', 'shm', 'none', 'snapfuse', 'lxcfs']);

export function isHiddenFilesystem(d: Pick<DiskUsage, 'fs' | 'mount' | 'sizeBytes' | 'type'>): boolean {
  // Zero-size rows are pseudo filesystems df -a style; nothing to watch there.
  if (d.sizeBytes <= 0) return true;
  const kind = d.type ?? (PSEUDO_SOURCES.has(d.fs) ? d.fs : undefined);
  if (kind === undefined) return false;
  if (CONTAINER_ROOT_TYPES.has(kind) && d.mount === '/') return false;
  return HIDDEN_FS_TYPES.has(kind) || PSEUDO_SOURCES.has(kind);
}

/**
 * One row per filesystem: bind mounts (a container's /etc/hosts, a bind-mounted
 * /srv/data) repeat the same source with the same figures, and would count twice
 * in alerts. GNU df already elides them; busybox df does not. Keep the shortest
 * mount path, as GNU df does, in df's order.
 */
export function dedupeDisks(disks: DiskUsage[]): DiskUsage[] {
  const best = new Map<string, DiskUsage>();
  for (const d of disks) {
    const key = `${d.fs}\u0000${d.sizeBytes}`;
    const cur = best.get(key);
    if (!cur || d.mount.length < cur.mount.length) best.set(key, d);
  }
  const keep = new Set(best.values());
  return disks.filter((d) => keep.has(d));
}

/** The disks to show: pseudo filesystems dropped, bind mounts folded. */
export function visibleDisks(disks: DiskUsage[]): DiskUsage[] {
  return dedupeDisks(disks.filter((d) => !isHiddenFilesystem(d)));
}
