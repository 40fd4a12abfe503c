import { describe, expect, it } from 'vitest';
import { cpuPercent, cpuUsage, parseProcStat, type CpuSample } from '../../../src/services/resources/parseProcStat';
import { fixture } from './fixture';

describe('parseProcStat', () => {
  it.each([
    {
      name: '64 CPUs, 10 columns (guest counted inside user, so left out of total)',
      text: fixture('proc-stat-64cpu-a.txt'),
      want: { total: 6_355_000, idle: 5_040_000, iowait: 40_000, steal: 7_000, cpuCount: 64 },
    },
    {
      name: 'kernel 2.6.9: 7 columns, no steal/guest',
      text: fixture('proc-stat-7col.txt'),
      want: { total: 100_300, idle: 93_000, iowait: 3_000, steal: 0, cpuCount: 4 },
    },
    {
      name: 'kernel 2.4: 4 columns only',
      text: 'cpu  10 20 30 40\ncpu0 10 20 30 40\n',
      want: { total: 100, idle: 40, iowait: 0, steal: 0, cpuCount: 1 },
    },
    {
      name: 'steal column non-zero (VM), guest_nice present',
      text: 'cpu  100 0 50 800 10 5 5 30 20 7\ncpu0 1 1 1 1\ncpu1 1 1 1 1\n',
      want: { total: 1000, idle: 810, iowait: 10, steal: 30, cpuCount: 2 },
    },
  ])('$name', ({ text, want }) => {
    expect(parseProcStat(text)).toEqual(want);
  });

  it.each([
    ['empty', ''],
    ['no aggregate line', 'cpu0 1 2 3 4\nintr 5\n'],
    ['too few columns', 'cpu  1 2 3\n'],
    ['garbage numbers', 'cpu  1 x 3 4\n'],
  ])('returns null for %s', (_n, text) => {
    expect(parseProcStat(text)).toBeNull();
  });
});

describe('cpuUsage / cpuPercent', () => {
  const a = parseProcStat(fixture('proc-stat-64cpu-a.txt'))!;
  const b = parseProcStat(fixture('proc-stat-64cpu-b.txt'))!;
  const s = (total: number, idle: number, iowait = 0, steal = 0): CpuSample => ({ total, idle, iowait, steal, cpuCount: 1 });

  it('fixture a → b: Δtotal 10800, Δidle+iowait 6000, Δiowait 400, Δsteal 800', () => {
    expect(cpuUsage(a, b)).toEqual({ percent: 44.4, iowait: 3.7, steal: 7.4 });
    expect(cpuPercent(a, b)).toBe(44.4);
  });

  it.each([
    { name: 'fully busy', prev: s(1000, 500), cur: s(1100, 500), want: 100 },
    { name: 'fully idle', prev: s(1000, 500), cur: s(1100, 600), want: 0 },
    { name: 'quarter busy', prev: s(0, 0), cur: s(400, 300), want: 25 },
    { name: 'idle stepped back (NO_HZ iowait glitch) → clamped, not >100', prev: s(1000, 500), cur: s(1100, 490), want: 100 },
    { name: 'idle grew more than total → clamped, not <0', prev: s(1000, 500), cur: s(1100, 650), want: 0 },
    { name: 'same sample twice: no time passed', prev: s(1000, 500), cur: s(1000, 500), want: null },
    { name: 'counters went backwards (reboot between polls)', prev: s(9_000_000, 8_000_000), cur: s(5_000, 4_000), want: null },
    { name: 'no previous sample', prev: null, cur: s(1000, 500), want: null },
    { name: 'no current sample', prev: s(1000, 500), cur: null, want: null },
  ])('$name → $want', ({ prev, cur, want }) => {
    expect(cpuPercent(prev, cur)).toBe(want);
  });
});
