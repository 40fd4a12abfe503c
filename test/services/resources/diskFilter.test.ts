import { describe, expect, it } from 'vitest';
import { isHiddenFilesystem, visibleDisks } from '../../../src/services/resources/diskFilter';
import { parseDf } from '../../../src/services/resources/parseDf';
import { parseProcMounts } from '../../../src/services/resources/parseProcMounts';
import type { DiskUsage } from '../../../src/services/types';
import { fixture } from './fixture';

/** df rows joined with /proc/mounts, as the batch parser does. */
function disks(dfFile: string, mountsFile: string | null): DiskUsage[] {
  const mounts = mountsFile ? parseProcMounts(fixture(mountsFile)) : new Map();
  return parseDf(fixture(dfFile)).map((r) => {
    const m = mounts.get(r.mount);
    return {
      mount: r.mount,
      fs: r.source,
      sizeBytes: r.sizeBytes,
      usedBytes: r.usedBytes,
      availBytes: r.availBytes,
      usedPercent: r.usedPercent,
      ...(m ? { type: m.type, readOnly: m.readOnly } : {}),
    };
  });
}

describe('visibleDisks', () => {
  it.each([
    {
      name: 'Docker host: tmpfs, snaps (squashfs, 100 %), efivarfs, container overlays and shm hidden',
      df: 'df-docker-host.txt',
      mounts: 'mounts-docker-host.txt',
      want: [
        ['/', 'ext4', false, 90],
        ['/boot/efi', 'vfat', false, 2],
      ],
    },
    {
      name: 'inside a container (busybox): overlay root kept, bind-mounted files folded into one',
      df: 'df-busybox-container.txt',
      mounts: 'mounts-busybox-container.txt',
      want: [
        ['/', 'overlay', false, 90],
        ['/etc/hosts', 'ext4', false, 90],
        ['/var/lib/postgresql/data', 'ext4', false, 95],
      ],
    },
    {
      name: 'spaces, a full disk, a read-only disk kept (flagged); the CD-ROM (iso9660) and tmpfs hidden',
      df: 'df-gnu-spaces.txt',
      mounts: 'mounts-spaces.txt',
      want: [
        ['/', 'ext4', false, 43],
        ['/var/lib/postgresql', 'xfs', false, 100],
        ['/media/ops/Backup Drive 2024', 'ext4', true, 95],
        ['/srv/data  two  spaces ', 'ext4', false, 90],
        ['/mnt/team share', 'nfs4', false, 50],
        ['/boot/efi', 'vfat', false, 2],
      ],
    },
  ])('$name', ({ df, mounts, want }) => {
    expect(visibleDisks(disks(df, mounts)).map((d) => [d.mount, d.type, d.readOnly, d.usedPercent])).toEqual(want);
  });

  it('without /proc/mounts, pseudo filesystems are recognised by their df source name', () => {
    const visible = visibleDisks(disks('df-docker-host.txt', null)).map((d) => d.mount);
    // udev, tmpfs, efivarfs, overlay, shm go; loop devices cannot be told from disks without a type.
    expect(visible).toEqual(['/', '/snap/core20/2015', '/snap/lxd/24061', '/boot/efi']);
  });

  it.each([
    { d: { fs: '/dev/sda1', mount: '/', sizeBytes: 0 }, hidden: true },
    { d: { fs: '/dev/sda1', mount: '/', sizeBytes: 10, type: 'ext4' }, hidden: false },
    { d: { fs: 'overlay', mount: '/', sizeBytes: 10, type: 'overlay' }, hidden: false },
    { d: { fs: 'overlay', mount: '/var/lib/docker/overlay2/x/merged', sizeBytes: 10, type: 'overlay' }, hidden: true },
    { d: { fs: '/dev/loop3', mount: '/snap/x/1', sizeBytes: 10, type: 'squashfs' }, hidden: true },
    { d: { fs: 'server:/e', mount: '/mnt/e', sizeBytes: 10, type: 'nfs4' }, hidden: false },
    { d: { fs: 'tmpfs', mount: '/run', sizeBytes: 10 }, hidden: true },
  ])('isHiddenFilesystem($d.fs on $d.mount, $d.type) → $hidden', ({ d, hidden }) => {
    expect(isHiddenFilesystem(d)).toBe(hidden);
  });
});
