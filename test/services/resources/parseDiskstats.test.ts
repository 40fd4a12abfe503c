import { describe, expect, it } from 'vitest';
import { parseDiskstats, wholeDisks } from '../../../src/services/resources/parseDiskstats';
import { fixture } from './fixture';

describe('parseDiskstats', () => {
  it('reads reads, sectors, writes and io_ticks from the 14-, 18- and 20-column formats and the 11-counter one', () => {
    const rows = parseDiskstats(fixture('diskstats-partitions.txt'));
    expect(rows.find((r) => r.device === 'sda')).toEqual({
      device: 'sda',
      reads: 1000,
      readSectors: 80000,
      writes: 2000,
      writeSectors: 160000,
      ioTicksMs: 1500,
    });
    expect(rows.find((r) => r.device === 'nvme0n1')).toEqual({
      device: 'nvme0n1',
      reads: 300,
      readSectors: 24000,
      writes: 700,
      writeSectors: 56000,
      ioTicksMs: 400,
    });
    expect(rows.find((r) => r.device === 'mmcblk0')).toEqual({ device: 'mmcblk0', reads: 20, readSectors: 160, writes: 0, writeSectors: 0, ioTicksMs: 5 });
    expect(parseDiskstats(fixture('diskstats-vm.txt'))[0]).toEqual({
      device: 'vda',
      reads: 296572,
      readSectors: 7320466,
      writes: 299632,
      writeSectors: 22552288,
      ioTicksMs: 131160,
    });
  });

  it.each([
    ['empty', ''],
    ['too few columns', '8 0 sda 1 2 3\n'],
    ['not numbers', '8 0 sda a b c d e f g h i j k\n'],
  ])('skips %s', (_n, text) => {
    expect(parseDiskstats(text)).toEqual([]);
  });
});

describe('wholeDisks', () => {
  it.each<[string, string, Array<[string, string[]]>]>([
    [
      'partitions folded under their disk (sda1, nvme0n1p1, mmcblk0p1); loop, ram and never-used devices left out; dm and md stay devices',
      fixture('diskstats-partitions.txt'),
      [
        ['sda', ['sda1', 'sda2']],
        ['nvme0n1', ['nvme0n1p1']],
        ['dm-0', []],
        ['dm-10', []],
        ['md0', []],
        ['mmcblk0', ['mmcblk0p1']],
      ],
    ],
    ['a VM disk without partitions; an unused zram device left out', fixture('diskstats-vm.txt'), [['vda', []]]],
    ['a partition without its disk (a container seeing only it) stays a device', '8 1 sda1 1 0 8 0 1 0 8 0 0 1 0\n', [['sda1', []]]],
    [
      'sda10 belongs to sda, not to sda1',
      '8 0 sda 2 0 8 0 0 0 0 0 0 1 0\n8 1 sda1 1 0 8 0 0 0 0 0 0 1 0\n8 10 sda10 1 0 8 0 0 0 0 0 0 1 0\n',
      [['sda', ['sda1', 'sda10']]],
    ],
  ])('%s', (_n, text, want) => {
    expect(wholeDisks(parseDiskstats(text)).map((d) => [d.device, d.partitions])).toEqual(want);
  });

  it("keeps a disk's own counters: they already include its partitions' I/O", () => {
    const sda = wholeDisks(parseDiskstats(fixture('diskstats-partitions.txt')))[0]!;
    expect(sda).toMatchObject({ reads: 1000, writes: 2000, ioTicksMs: 1500 });
  });
});
