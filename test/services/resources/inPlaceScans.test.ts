/**
 * The /proc parsers read their text in place (no split, no regex per line).
 * Each is held here to the plain regex reading of the same format, on the
 * fixtures and on the odd lines a host may print.
 */
import { describe, expect, it } from 'vitest';
import { parseLoadavg } from '../../../src/services/resources/parseLoadavg';
import { parseMeminfo } from '../../../src/services/resources/parseMeminfo';
import { parseProcStat } from '../../../src/services/resources/parseProcStat';
import { splitSections } from '../../../src/services/resources/sections';
import { foldPlan, lastWholeDisks, parseDiskstats, wholeDisks } from '../../../src/services/resources/parseDiskstats';
import { ioFigures, ioSample } from '../../../src/services/resources/ioRates';
import { round1 } from '../../../src/services/resources/round';
import { fixture } from './fixture';

/** /proc/meminfo read line by line with a regex into a map. */
function meminfoByRegex(text: string) {
  const f = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z0-9_()]+):\s+(\d+)(\s+kB)?$/.exec(line.trim());
    if (m) f.set(m[1]!, m[3] ? Number(m[2]) * 1024 : Number(m[2]));
  }
  const total = f.get('MemTotal');
  if (!total) return null;
  let available = f.get('MemAvailable');
  const availableEstimated = available === undefined;
  available ??= (f.get('MemFree') ?? 0) + (f.get('Buffers') ?? 0) + (f.get('Cached') ?? 0);
  available = Math.min(available, total);
  const swapTotal = f.get('SwapTotal') ?? 0;
  const swapFree = Math.min(f.get('SwapFree') ?? 0, swapTotal);
  return {
    memTotalBytes: total,
    memAvailableBytes: available,
    memoryPercent: round1(((total - available) / total) * 100),
    swapTotalBytes: swapTotal,
    swapFreeBytes: swapFree,
    swapPercent: swapTotal > 0 ? round1(((swapTotal - swapFree) / swapTotal) * 100) : null,
    availableEstimated,
  };
}

/** /proc/loadavg split on blanks. */
function loadavgBySplit(text: string) {
  const parts = text.trim().split(/\s+/);
  const loads = parts.slice(0, 3).map(Number);
  if (loads.length < 3 || loads.some((n) => !Number.isFinite(n) || n < 0)) return null;
  const rt = /^(\d+)\/(\d+)$/.exec(parts[3] ?? '');
  return { load1: loads[0], load5: loads[1], load15: loads[2], running: rt ? Number(rt[1]) : null, threads: rt ? Number(rt[2]) : null };
}

/** /proc/stat line by line with regexes. */
function procStatByRegex(text: string) {
  let agg: number[] | null = null;
  let cpuCount = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (/^cpu\d+\s/.test(line)) {
      cpuCount++;
      continue;
    }
    const m = /^cpu\s+(.*)$/.exec(line);
    if (m && agg === null) agg = m[1]!.trim().split(/\s+/).map(Number);
  }
  if (!agg || agg.length < 4 || agg.some((n) => !Number.isFinite(n) || n < 0)) return null;
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = agg;
  return { total: user + nice + system + idle + iowait + irq + softirq + steal, idle: idle + iowait, iowait, steal, cpuCount };
}

describe('parseMeminfo reads what the regex reading reads', () => {
  const KB = ' kB';
  it.each([
    ['fixture: no swap', fixture('meminfo-noswap.txt')],
    ['fixture: old kernel', fixture('meminfo-old-kernel.txt')],
    ['fixture: swap busy', fixture('meminfo-swap-busy.txt')],
    ['CRLF line ends', 'MemTotal: 1000 kB\r\nMemAvailable: 400 kB\r\n'],
    ['leading and trailing blanks', '  MemTotal:\t1000 kB  \n MemAvailable: 400 kB\t\n'],
    ['no unit: a count, not KiB', 'MemTotal: 1000\nMemAvailable: 400\n'],
    ['no blank after the colon: not a field', 'MemTotal:1000 kB\nMemAvailable: 400 kB\n'],
    ['unit glued to the number: not a field', 'MemTotal: 1000kB\nMemAvailable: 400 kB\n'],
    ['another unit: not a field', 'MemTotal: 1000 MB\nMemAvailable: 400 kB\n'],
    ['text after the unit: not a field', 'MemTotal: 1000 kB x\nMemAvailable: 400 kB\n'],
    ['a negative or fractional value: not a field', 'MemTotal: 1000 kB\nMemAvailable: -4 kB\nSwapTotal: 1.5 kB\n'],
    ['a field given twice: the last counts', 'MemTotal: 1000 kB\nMemTotal: 2000 kB\nMemAvailable: 500 kB\n'],
    ['a longer name sharing a prefix is another field', 'MemTotalX: 9 kB\nMemTotal: 1000 kB\nMemAvailableNot: 1 kB\n'],
    ['names with parentheses and digits around', 'Active(anon): 5 kB\nMemTotal: 1000 kB\nHugePages_Total: 0\nMemFree: 100 kB\n'],
    ['swap used', `MemTotal: 1000${KB}\nMemAvailable: 250${KB}\nSwapTotal: 400${KB}\nSwapFree: 100${KB}`],
    ['SwapFree above SwapTotal', `MemTotal: 1000${KB}\nMemAvailable: 250${KB}\nSwapTotal: 400${KB}\nSwapFree: 900${KB}`],
    ['empty', ''],
    ['MemTotal zero', 'MemTotal: 0 kB\n'],
    ['only newlines', '\n\n\n'],
  ])('%s', (_name, text) => {
    expect(parseMeminfo(text)).toEqual(meminfoByRegex(text));
  });
});

describe('parseLoadavg reads what splitting on blanks reads', () => {
  it.each([
    '0.52 0.58 0.59 1/467 12345\n',
    '  64.00\t32.50  10.01 70/3000 1  ',
    '0.00 0.00 0.00',
    '0.00 0.00 0.00 x/4 1',
    '0.00 0.00 0.00 1/ 1',
    '0.00 0.00 0.00 /4',
    '0.00 0.00 0.00 1/4/5',
    '1 2 3 4/5\r\n',
    '',
    '0.5 0.4',
    'load: high',
    '-1 0 0 1/2',
    '1e2 0x10 0 1/2',
    'Infinity 0 0 1/2',
    '0.1 0.2 NaN 1/2',
  ])('%j', (text) => {
    expect(parseLoadavg(text)).toEqual(loadavgBySplit(text));
  });
});

describe('parseProcStat reads what the regex reading reads', () => {
  it.each([
    ['fixture: 64 CPUs', fixture('proc-stat-64cpu-a.txt')],
    ['fixture: 7 columns', fixture('proc-stat-7col.txt')],
    ['CRLF line ends', 'cpu  10 20 30 40\r\ncpu0 10 20 30 40\r\ncpu1 1 1 1 1\r\n'],
    ['leading blanks and tabs', '  cpu\t10 20 30 40  \n\tcpu0 1 2 3 4\n'],
    ['a cpuN without figures is no CPU', 'cpu  10 20 30 40\ncpu0\ncpu1  \ncpu2 1\n'],
    ['a second aggregate line is ignored', 'cpu  10 20 30 40\ncpu  99 99 99 99\n'],
    ['cpux is neither', 'cpux 1 2 3 4\ncpu  10 20 30 40\n'],
    ['no aggregate line', 'cpu0 1 2 3 4\nintr 5\n'],
    ['too few columns', 'cpu  1 2 3\n'],
    ['garbage numbers', 'cpu  1 x 3 4\n'],
    ['a negative number', 'cpu  1 -2 3 4\n'],
    ['the aggregate with no figures', 'cpu \ncpu0 1 2 3 4\n'],
    ['a blank aggregate line, then one with figures', 'cpu \t\r\ncpu  10 20 30 40\r\n'],
    ['empty', ''],
  ])('%s', (_name, text) => {
    expect(parseProcStat(text)).toEqual(procStatByRegex(text));
  });
});

describe('splitSections: a marker is a whole line of a lower-case name', () => {
  const m = (name: string) => `@@riskctl-resources:${name}@@`;
  it.each<[string, string, Record<string, string>]>([
    ['two sections', `${m('a')}\nx\n${m('b')}\ny`, { a: 'x', b: 'y' }],
    ['an empty name is no marker', `${m('a')}\n${m('')}\nz`, { a: `${m('')}\nz` }],
    ['upper case or digits are no marker', `${m('a')}\n${m('B')}\n${m('c1')}`, { a: `${m('B')}\n${m('c1')}` }],
    ['text after the marker is no marker', `${m('a')}\n${m('b')}x\ny`, { a: `${m('b')}x\ny` }],
    ['a marker inside a line is none', `${m('a')}\nsee ${m('b')}\n`, { a: `see ${m('b')}\n` }],
    ['one @ short is none', `${m('a')}\n@@riskctl-resources:b@\n`, { a: '@@riskctl-resources:b@\n' }],
  ])('%s', (_name, text, want) => {
    expect(Object.fromEntries(splitSections(text))).toEqual(want);
    // With CRLF line ends the text is read line by line: the same markers, the same bodies.
    expect(Object.fromEntries(splitSections(text.replaceAll('\n', '\r\n')))).toEqual(want);
  });
});

describe('wholeDisks with a kept plan', () => {
  const line = (name: string, reads: number) => `8 0 ${name} ${reads} 0 8 0 1 0 8 0 0 1 0\n`;

  it('gives what a fresh fold gives, sample after sample, and reuses the partitions list', () => {
    const fold = lastWholeDisks();
    const a = parseDiskstats(line('sda', 1) + line('sda1', 1) + line('loop0', 5));
    const b = parseDiskstats(line('sda', 2) + line('sda1', 2) + line('loop0', 6));
    const first = fold(a);
    const second = fold(b);
    expect(first).toEqual(wholeDisks(a));
    expect(second).toEqual(wholeDisks(b));
    expect(second[0]!.partitions).toBe(first[0]!.partitions);
  });

  it.each([
    ['a device added', 'sda sda1', 'sda sda1 sdb'],
    ['a device gone', 'sda sda1 sdb', 'sda sdb'],
    ['the same devices in another order', 'sda sdb', 'sdb sda'],
    ['a partition renamed', 'sda sda1', 'sda sda2'],
  ])('a plan that no longer fits is made again: %s', (_name, before, after) => {
    const rows = (names: string) =>
      parseDiskstats(
        names
          .split(' ')
          .map((n) => line(n, 1))
          .join(''),
      );
    const fold = lastWholeDisks();
    fold(rows(before));
    expect(fold(rows(after))).toEqual(wholeDisks(rows(after)));
    expect(wholeDisks(rows(after), foldPlan(rows(before)))).toEqual(wholeDisks(rows(after)));
  });
});

describe('ioFigures pairs interfaces and disks by name, whatever their order', () => {
  const net = (names: string[], bytes: number) => names.map((n) => `${n}: ${bytes} 1 0 0 0 0 0 0 ${bytes} 1 0 0 0 0 0 0\n`).join('');
  const disks = (names: string[], reads: number) => names.map((n) => `8 0 ${n} ${reads} 0 8 0 0 0 0 0 0 1 0\n`).join('');
  it.each([
    ['the same order', ['eth0', 'eth1'], ['eth0', 'eth1']],
    ['swapped', ['eth0', 'eth1'], ['eth1', 'eth0']],
    ['one new in front', ['eth0'], ['eth9', 'eth0']],
  ])('%s', (_name, before, after) => {
    const a = ioSample(
      net(before, 100),
      disks(
        before.map((n) => n.replace('eth', 'sd')),
        10,
      ),
      10,
    )!;
    const b = ioSample(
      net(after, 300),
      disks(
        after.map((n) => n.replace('eth', 'sd')),
        30,
      ),
      12,
    )!;
    const { network, diskIo } = ioFigures(b, a);
    for (const i of network) expect(i.rxBytesPerSecond).toBe(before.includes(i.interface) ? 100 : null);
    for (const d of diskIo) expect(d.iops).toBe(before.includes(d.device.replace('sd', 'eth')) ? 10 : null);
  });
});
