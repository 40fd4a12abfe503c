import { describe, expect, it } from 'vitest';
import { parsePidStat } from '../../../src/services/processes/parsePidStat';
import { splitReadings, topByCpu, withCurrentCpu } from '../../../src/services/processes/processesReading';
import { PS_COMMAND } from '../../../src/services/processes/parsePsLines';
import { MARK } from '../../../src/services/processes/processesScript';

const stat = (pid: number, comm: string, utime: number, stime: number, start: number) =>
  `${pid} (${comm}) S 1 ${pid} ${pid} 0 -1 4194560 10 0 0 0 ${utime} ${stime} 0 0 20 0 1 0 ${start} 1000 100 18446744073709551615`;

const ps = (pid: number, cpu: number, cmd: string) => ` ${pid} 1 root ${cpu} 0.5 2048 R 60 ${cmd}`;

const reading = (uptime: number, stats: string[], psLines: string[]) =>
  [MARK.uptime, `${uptime} 100.00`, MARK.ticks, ...stats, '', MARK.ps, ...psLines, MARK.end, ''].join('\n');

describe('parsePidStat', () => {
  it.each([
    { name: 'a plain name', line: stat(10, 'sshd', 30, 20, 500), want: { pid: 10, ticks: 50, startTicks: 500 } },
    { name: 'a name with spaces and parentheses', line: stat(11, 'a) (b c', 1, 2, 7), want: { pid: 11, ticks: 3, startTicks: 7 } },
  ])('$name', ({ line, want }) => {
    expect(parsePidStat(line).get(want.pid)).toEqual(want);
  });

  it.each([
    ['a name cut by a newline (first half)', '12 (evil'],
    ['a name cut by a newline (second half)', 'x) S 1 2 3'],
    ['too few fields', '13 (x) S 1 2'],
  ])('leaves out %s', (_n, text) => {
    expect(parsePidStat(text).size).toBe(0);
  });
});

describe('splitReadings', () => {
  it('splits complete readings and keeps a partial one for the next chunk', () => {
    const one = reading(100, [stat(5, 'burn', 0, 0, 9)], [ps(5, 10, 'burn')]);
    const text = one + one.slice(0, 60);
    const { readings, rest } = splitReadings(text);
    expect(readings).toHaveLength(1);
    expect(readings[0]!.uptimeSeconds).toBe(100);
    expect(readings[0]!.processes.map((p) => p.command)).toEqual(['burn']);
    expect(rest).toBe(one.slice(0, 60));
    expect(splitReadings(rest + one.slice(60)).readings).toHaveLength(1);
  });

  it("gives each process its start time, and leaves out the reading's own ps", () => {
    const { readings } = splitReadings(
      reading(1, [stat(5, 'burn', 0, 0, 9), stat(6, 'ps', 0, 0, 12)], [ps(5, 10, 'burn'), ps(6, 100, PS_COMMAND), ps(7, 0, 'x')]),
    );
    expect(readings[0]!.processes.map((p) => [p.pid, p.startTicks])).toEqual([
      [5, 9],
      [7, undefined],
    ]);
  });

  it('a process named like a marker cannot cut the reading (names are 15 bytes at most)', () => {
    const { readings } = splitReadings(reading(1, [stat(6, '@@riskctl-proce', 1, 1, 1)], [ps(6, 0, 'x')]));
    expect(readings[0]!.processes).toHaveLength(1);
  });
});

describe('withCurrentCpu', () => {
  // Uptime 100 s is 10 000 ticks: a start at or after it is a process born since the first reading.
  const before = splitReadings(
    reading(100, [stat(5, 'burn', 1000, 0, 9), stat(6, 'idle', 10, 0, 9), stat(7, 'old', 0, 0, 9)], [ps(5, 50, 'burn'), ps(6, 3, 'idle'), ps(7, 1, 'old')]),
  ).readings[0]!;
  const now = splitReadings(
    reading(
      100.5,
      [stat(5, 'burn', 1050, 0, 9), stat(6, 'idle', 10, 0, 9), stat(7, 'new', 20, 0, 10_010), stat(8, 'born', 5, 5, 10_020), stat(9, 'missed', 300, 0, 50)],
      [ps(5, 50, 'burn'), ps(6, 3, 'idle'), ps(7, 1, 'new'), ps(8, 400, 'born'), ps(9, 4, 'missed')],
    ),
  ).readings[0]!;

  it.each([
    { name: '50 ticks in 0.5 s: one core busy', pid: 5, want: 100 },
    { name: 'no ticks: 0 now, whatever the lifetime average', pid: 6, want: 0 },
    { name: 'a reused PID: its ticks over the interval', pid: 7, want: 40 },
    { name: 'a process born since: its ticks over the interval, not ps’s 400 %', pid: 8, want: 20 },
    { name: 'a process older than the first reading but absent from it keeps ps’s figure', pid: 9, want: 4 },
  ])('$name', ({ pid, want }) => {
    expect(withCurrentCpu(before, now).find((p) => p.pid === pid)!.cpuPercent).toBe(want);
  });

  it('a first reading is ps’s lifetime figure', () => {
    expect(withCurrentCpu(null, now).map((p) => p.cpuPercent)).toEqual([50, 3, 1, 400, 4]);
  });

  it('topByCpu: highest first, ties by PID, at most n', () => {
    expect(topByCpu(withCurrentCpu(before, now), 3).map((p) => p.pid)).toEqual([5, 7, 8]);
  });
});
