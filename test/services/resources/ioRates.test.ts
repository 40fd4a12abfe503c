import { describe, expect, it } from 'vitest';
import { ioFigures, ioSample } from '../../../src/services/resources/ioRates';
import { parseResourcesSections } from '../../../src/services/resources/parseResourcesBatch';

const net = (rxBytes: number, rxPackets: number, rxErrs: number, txBytes: number, txPackets: number, txErrs: number) =>
  `eth0: ${rxBytes} ${rxPackets} ${rxErrs} 1 0 0 0 0 ${txBytes} ${txPackets} ${txErrs} 2 0 0 0 0\n`;
const disk = (reads: number, sectorsRead: number, writes: number, sectorsWritten: number, ioTicks: number) =>
  `8 0 sda ${reads} 0 ${sectorsRead} 0 ${writes} 0 ${sectorsWritten} 0 0 ${ioTicks} 0\n`;

describe('ioFigures', () => {
  const a = ioSample(net(1000, 10, 0, 500, 5, 0), disk(100, 800, 200, 1600, 1000), 100)!;

  it('has no rates on the first poll, only the counters', () => {
    const { network, diskIo } = ioFigures(a, null);
    expect(network[0]).toMatchObject({
      interface: 'eth0',
      rxBytesPerSecond: null,
      txPacketsPerSecond: null,
      rxErrors: 0,
      rxDrops: 1,
      txDrops: 2,
      newErrors: null,
    });
    expect(diskIo[0]).toMatchObject({ device: 'sda', readBytesPerSecond: null, iops: null, busyPercent: null });
  });

  it.each([
    {
      name: 'two seconds apart: bytes/s, packets/s, 512-byte sectors, IOPS, busy from io_ticks',
      b: ioSample(net(21_000, 30, 0, 4_500, 9, 0), disk(150, 2_848, 250, 3_648, 2_200), 102)!,
      net: { rxBytesPerSecond: 10_000, txBytesPerSecond: 2_000, rxPacketsPerSecond: 10, txPacketsPerSecond: 2, newErrors: 0 },
      disk: { readBytesPerSecond: 524_288, writeBytesPerSecond: 524_288, iops: 50, busyPercent: 60 },
    },
    {
      name: 'errors counted since the last poll; busy capped at 100 where ticks round over',
      b: ioSample(net(1000, 10, 4, 500, 5, 1), disk(100, 800, 200, 1600, 2_010), 101)!,
      net: { rxBytesPerSecond: 0, rxErrors: 4, txErrors: 1, newErrors: 5 },
      disk: { readBytesPerSecond: 0, iops: 0, busyPercent: 100 },
    },
    {
      name: 'counters that went backwards (a reboot, a wrap) give no rate',
      b: ioSample(net(10, 1, 0, 5, 1, 0), disk(1, 8, 1, 8, 5), 103)!,
      net: { rxBytesPerSecond: null, txBytesPerSecond: null, newErrors: 0 },
      disk: { readBytesPerSecond: null, iops: null, busyPercent: null },
    },
  ])('$name', ({ b, net: n, disk: d }) => {
    const { network, diskIo } = ioFigures(b, a);
    expect(network[0]).toMatchObject(n);
    expect(diskIo[0]).toMatchObject(d);
  });

  it('an interface or disk that appeared since the last poll has no rates yet', () => {
    const b = ioSample(net(2000, 20, 0, 500, 5, 0).replace('eth0', 'eth1'), disk(100, 800, 200, 1600, 1000).replace('sda', 'sdb'), 102)!;
    const { network, diskIo } = ioFigures(b, a);
    expect(network[0]).toMatchObject({ interface: 'eth1', rxBytesPerSecond: null });
    expect(diskIo[0]).toMatchObject({ device: 'sdb', busyPercent: null });
  });

  it('is null when the host printed neither file', () => {
    expect(ioSample('', '', 1)).toBeNull();
  });
});

describe('parseResourcesSections: network and disk rates between two samples', () => {
  const sections = (uptime: string, rx: number, sectorsWritten: number) =>
    new Map([
      ['meminfo', 'MemTotal: 1000 kB\nMemAvailable: 500 kB\n'],
      ['loadavg', '0.1 0.2 0.3 1/100 42'],
      ['uptime', `${uptime} 1.00`],
      ['netdev', `lo: 1 1 0 0 0 0 0 0 1 1 0 0 0 0 0 0\n${net(rx, 10, 0, 0, 0, 0)}`],
      ['diskstats', `7 0 loop0 1 0 8 0 1 0 8 0 0 1 0\n${disk(10, 80, 10, sectorsWritten, 0)}`],
      ['end', ''],
    ]);

  it("times the rates by the host's /proc/uptime, to the hundredth", () => {
    const a = parseResourcesSections(sections('100.00', 0, 0));
    expect(a.snapshot.network?.map((i) => i.interface)).toEqual(['lo', 'eth0']);
    expect(a.snapshot.diskIo?.map((d) => d.device)).toEqual(['sda']);
    expect(a.snapshot.network?.[1]?.rxBytesPerSecond).toBeNull();
    const b = parseResourcesSections(sections('100.50', 5000, 2048), { prevIo: a.ioSample });
    expect(b.snapshot.network?.[1]?.rxBytesPerSecond).toBe(10_000);
    expect(b.snapshot.diskIo?.[0]?.writeBytesPerSecond).toBe(2 * 1024 * 1024);
  });

  it('a host that prints neither section has no network or diskIo at all', () => {
    const m = sections('1.00', 0, 0);
    m.delete('netdev');
    m.delete('diskstats');
    const r = parseResourcesSections(m);
    expect(r.ioSample).toBeNull();
    expect(r.snapshot).not.toHaveProperty('network');
  });
});
