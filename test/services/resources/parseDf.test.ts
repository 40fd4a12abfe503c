import { describe, expect, it } from 'vitest';
import { dfUsedPercent, parseDf } from '../../../src/services/resources/parseDf';
import { parseProcMounts } from '../../../src/services/resources/parseProcMounts';
import { fixture } from './fixture';

describe('parseDf', () => {
  it('GNU df -P -B1: spaces in mounts and sources, full and read-only filesystems', () => {
    const rows = parseDf(fixture('df-gnu-spaces.txt'));
    expect(rows.map((r) => [r.source, r.mount, r.usedPercent])).toEqual([
      ['/dev/sda2', '/', 43],
      ['/dev/sdb1', '/var/lib/postgresql', 100],
      ['/dev/sdc1', '/media/ops/Backup Drive 2024', 95],
      ['/dev/mapper/vg0-data', '/srv/data  two  spaces ', 90],
      ['server:/exports/team share', '/mnt/team share', 50],
      ['/dev/sr0', '/media/cdrom', 100],
      ['/dev/sda1', '/boot/efi', 2],
      ['tmpfs', '/run', 1],
      ['tmpfs', '/dev/shm', 0],
    ]);
    expect(rows[1]).toEqual({
      source: '/dev/sdb1',
      sizeBytes: 1_968_874_332_160,
      usedBytes: 1_968_874_332_160,
      availBytes: 0,
      usedPercent: 100,
      mount: '/var/lib/postgresql',
    });
  });

  it('POSIX -k fallback: 1024-byte blocks become bytes', () => {
    expect(parseDf(fixture('df-posix-k.txt'))).toEqual([
      { source: '/dev/root', sizeBytes: 7_810_816 * 1024, usedBytes: 3_905_408 * 1024, availBytes: 3_503_104 * 1024, usedPercent: 53, mount: '/' },
      { source: '/dev/mmcblk0p1', sizeBytes: 261_108 * 1024, usedBytes: 51_570 * 1024, availBytes: 209_538 * 1024, usedPercent: 20, mount: '/boot' },
    ]);
  });

  it('busybox prints its own (nearest) rounding; we compute like GNU (up)', () => {
    const rows = parseDf(fixture('df-busybox-container.txt'));
    expect(rows).toHaveLength(7);
    // 89326534656 / 99702444032 = 89.59 % → busybox prints 90, GNU 90.
    expect(rows[0]).toMatchObject({ source: 'overlay', mount: '/', usedPercent: 90 });
    expect(rows[6]).toMatchObject({ mount: '/var/lib/postgresql/data', usedPercent: 95 });
  });

  it.each([
    ['a df error line', 'df: /run/user/1000/doc: Permission denied'],
    ['GNU "-" sizes', 'none  -  -  -  - /proc/sys/fs/binfmt_misc'],
    ['blank', ''],
  ])('skips %s', (_n, line) => {
    const text = `Filesystem 1-blocks Used Available Capacity Mounted on\n${line}\n/dev/sda1 100 50 50 50% /\n`;
    expect(parseDf(text).map((r) => r.mount)).toEqual(['/']);
  });
});

describe('dfUsedPercent (GNU: used/(used+avail), rounded up)', () => {
  it.each([
    { used: 0, avail: 100, want: 0 },
    { used: 1, avail: 999, want: 1 },
    { used: 50, avail: 50, want: 50 },
    { used: 501, avail: 499, want: 51 },
    { used: 100, avail: 0, want: 100 },
    { used: 0, avail: 0, want: 0 },
    // ~875 TB half full: used × 100 passes 2^53, and float division gives 50.000…01 → ceil 51.
    { used: 874_527_660_696_878, avail: 874_527_660_696_878, want: 50 },
    // 200 TB one byte short of full is still 100 % (ceil), never 99.
    { used: 200e12 - 1, avail: 1, want: 100 },
    { used: 123_456_789_012_345, avail: 876_543_210_987_655, want: 13 },
  ])('$used / ($used + $avail) → $want %', ({ used, avail, want }) => {
    expect(dfUsedPercent(used, avail)).toBe(want);
  });
});

describe('parseProcMounts', () => {
  it('unescapes octal, reads type and ro', () => {
    const m = parseProcMounts(fixture('mounts-spaces.txt'));
    expect(m.get('/media/ops/Backup Drive 2024')).toEqual({ source: '/dev/sdc1', type: 'ext4', readOnly: true });
    expect(m.get('/srv/data  two  spaces ')).toEqual({ source: '/dev/mapper/vg0-data', type: 'ext4', readOnly: false });
    expect(m.get('/mnt/team share')).toEqual({ source: 'server:/exports/team share', type: 'nfs4', readOnly: false });
    expect(m.get('/media/cdrom')?.type).toBe('iso9660');
  });

  it('stacked mounts: the last one on a path is the visible one', () => {
    const m = parseProcMounts('rootfs / rootfs rw 0 0\n/dev/sda1 / ext4 ro,relatime 0 0\n');
    expect(m.get('/')).toEqual({ source: '/dev/sda1', type: 'ext4', readOnly: true });
  });
});
