import { describe, expect, it } from 'vitest';
import { parseResourcesBatch, ResourcesParseError } from '../../../src/services/resources/parseResourcesBatch';
import { splitSections } from '../../../src/services/resources/sections';
import { fixture, withSection } from './fixture';

const batchA = fixture('batch-a.txt');
const batchB = fixture('batch-b.txt');

describe('splitSections', () => {
  it('splits on whole marker lines only, in order', () => {
    const s = splitSections('junk before\n@@riskctl-resources:a@@\nx @@riskctl-resources:b@@\n\n@@riskctl-resources:b@@\ny\r\n');
    expect([...s.entries()]).toEqual([
      ['a', 'x @@riskctl-resources:b@@\n'],
      ['b', 'y\n'],
    ]);
  });
});

describe('parseResourcesBatch', () => {
  it('first poll: every figure, CPU % null (one sample only)', () => {
    const { snapshot, cpuSample } = parseResourcesBatch(batchA);
    expect(snapshot).toEqual({
      hostname: 'prod-db-1',
      os: 'Ubuntu 22.04.4 LTS',
      cpuPercent: null,
      cpuSteal: null,
      cpuIowait: null,
      memoryPercent: 90,
      memTotalBytes: 16_384_000 * 1024,
      memAvailableBytes: 1_638_400 * 1024,
      swapPercent: 75,
      load1: 12.5,
      load5: 10.25,
      load15: 8,
      cores: 64,
      uptimeSeconds: 864_000,
      disks: [
        {
          mount: '/',
          fs: '/dev/sda2',
          type: 'ext4',
          readOnly: false,
          sizeBytes: 105_089_261_568,
          usedBytes: 89_326_534_656,
          availBytes: 10_375_909_376,
          usedPercent: 90,
        },
        {
          mount: '/boot/efi',
          fs: '/dev/sda1',
          type: 'vfat',
          readOnly: false,
          sizeBytes: 535_805_952,
          usedBytes: 6_291_456,
          availBytes: 529_514_496,
          usedPercent: 2,
        },
      ],
      warnings: [],
    });
    expect(cpuSample).toEqual({ total: 6_355_000, idle: 5_040_000, iowait: 40_000, steal: 7_000, cpuCount: 64 });
  });

  it('second poll with the first sample: CPU % from the deltas', () => {
    const a = parseResourcesBatch(batchA);
    const b = parseResourcesBatch(batchB, { prev: a.cpuSample });
    expect([b.snapshot.cpuPercent, b.snapshot.cpuIowait, b.snapshot.cpuSteal]).toEqual([44.4, 3.7, 7.4]);
    expect([b.snapshot.load1, b.snapshot.uptimeSeconds]).toEqual([13, 864_002]);
  });

  it.each([
    {
      name: 'df killed by timeout (hung NFS) → no disks, a warning saying so',
      text: withSection(batchA, 'dfexit', '124\n'),
      check: { disks: [], warnings: ['df timed out after 5 s (a hung network mount?): no disk figures'] },
    },
    {
      name: 'busybox timeout (TERM, 143) counts as a timeout too',
      text: withSection(batchA, 'dfexit', '143\n'),
      check: { disks: [], warnings: ['df timed out after 5 s (a hung network mount?): no disk figures'] },
    },
    {
      name: 'no df on the host',
      text: withSection(withSection(batchA, 'df', '\n'), 'dfexit', '127\n'),
      check: { disks: [], warnings: ['df not found: no disk figures'] },
    },
    {
      name: 'df exit 1 (one unreadable mount) still gives the others',
      text: withSection(batchA, 'dfexit', '1\n'),
      check: { warnings: [] },
    },
    {
      name: 'no os-release → uname -sr',
      text: withSection(batchA, 'osrelease', '\n'),
      check: { os: 'Linux 5.15.0-105-generic' },
    },
    {
      name: 'no nproc/getconf → the cpuN lines of /proc/stat',
      text: withSection(withSection(batchA, 'nproc', '\n'), 'stat', fixture('proc-stat-7col.txt')),
      check: { cores: 4 },
    },
    {
      name: 'no /proc/stat → CPU null plus a warning, the rest intact',
      text: withSection(batchA, 'stat', '\n'),
      check: { cpuPercent: null, memoryPercent: 90, warnings: ['/proc/stat unreadable: no CPU %'] },
    },
    {
      name: 'no hostname → the configured name',
      text: withSection(batchA, 'hostname', '\n'),
      check: { hostname: 'prod-db-1-config' },
    },
    {
      name: 'old kernel meminfo, no swap line at all',
      text: withSection(batchA, 'meminfo', 'MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 100 kB\nCached: 300 kB\n'),
      check: { memoryPercent: 50, memAvailableBytes: 500 * 1024, swapPercent: null },
    },
  ])('$name', ({ text, check }) => {
    expect(parseResourcesBatch(text, { fallbackHostname: 'prod-db-1-config' }).snapshot).toMatchObject(check);
  });

  it.each([
    { name: 'no /proc/meminfo', text: withSection(batchA, 'meminfo', ''), msg: /unreadable \/proc\/meminfo \(is this a Linux host\?\)/ },
    {
      name: 'no /proc/loadavg nor /proc/uptime',
      text: withSection(withSection(batchA, 'loadavg', ''), 'uptime', ''),
      msg: /unreadable \/proc\/loadavg, \/proc\/uptime/,
    },
    { name: 'cut short (no end marker)', text: batchA.slice(0, batchA.indexOf('@@riskctl-resources:df@@')), msg: /cut short/ },
    { name: 'not our output at all', text: 'sh: 1: Syntax error: Unterminated quoted string\n', msg: /none of its sections/ },
  ])('throws for $name', ({ text, msg }) => {
    expect(() => parseResourcesBatch(text)).toThrow(ResourcesParseError);
    expect(() => parseResourcesBatch(text)).toThrow(msg);
  });
});
