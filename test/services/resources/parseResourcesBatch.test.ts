import { describe, expect, it } from 'vitest';
import { parseResourcesBatch, ResourcesParseError, steadyParsers } from '../../../src/services/resources/parseResourcesBatch';
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

describe('splitSections, sliced', () => {
  // The same split, line by line (the text's lines, a carriage return dropped from each).
  function byLines(stdout: string): Map<string, string> {
    const out = new Map<string, string>();
    let name: string | null = null;
    let lines: string[] = [];
    for (const raw of stdout.split('\n')) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const m = /^@@riskctl-resources:([a-z]+)@@$/.exec(line);
      if (m) {
        if (name !== null) out.set(name, lines.join('\n'));
        name = m[1]!;
        lines = [];
      } else if (name !== null) lines.push(line);
    }
    if (name !== null) out.set(name, lines.join('\n'));
    return out;
  }

  it('gives what a split line by line gives, for every arrangement of markers, empty lines, near-markers and carriage returns', () => {
    const pieces = [
      '@@riskctl-resources:a@@',
      '@@riskctl-resources:b@@',
      'x',
      '',
      'y z',
      ' @@riskctl-resources:c@@',
      '@@riskctl-resources:C@@',
      '@@riskctl-resources:d@@ ',
      '\r',
    ];
    // A fixed pseudo-random sequence: the same cases every run.
    let seed = 12345;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let i = 0; i < 1000; i++) {
      const lines = Array.from({ length: next(9) }, () => pieces[next(pieces.length)]!);
      const text = lines.join(next(4) === 0 ? '\r\n' : '\n') + (next(2) ? '\n' : '');
      expect([...splitSections(text)], JSON.stringify(text)).toEqual([...byLines(text)]);
    }
    expect([...splitSections(batchA)]).toEqual([...byLines(batchA)]);
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

  it("one host's parsers: the same df, mounts and df exit give the same disks (one array) and the same warnings every sample", () => {
    const parsers = steadyParsers();
    const a = parseResourcesBatch(batchA, { parsers }).snapshot;
    const b = parseResourcesBatch(batchB, { parsers }).snapshot;
    expect(b.disks).toBe(a.disks);
    expect(b.disks).toEqual(parseResourcesBatch(batchA).snapshot.disks);
    const timedOut = withSection(batchA, 'dfexit', '124\n');
    const warned = () => parseResourcesBatch(timedOut, { parsers }).snapshot;
    expect([warned().warnings, warned().disks]).toEqual([['df timed out after 5 s (a hung network mount?): no disk figures'], []]);
    expect(warned().warnings).toEqual(['df timed out after 5 s (a hung network mount?): no disk figures']);
    // Another df text: figured afresh.
    const fuller = withSection(batchA, 'df', 'Filesystem 1B-blocks Used Available Capacity Mounted on\n/dev/sda2 1000 990 10 99% /\n');
    expect(parseResourcesBatch(fuller, { parsers }).snapshot.disks).toMatchObject([{ mount: '/', usedPercent: 99 }]);
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
