import { describe, expect, test } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  fit,
  formatAge,
  formatBytes,
  formatClock,
  formatDuration,
  formatLoad,
  formatPercent,
  formatUpdated,
  isStale,
  levelFor,
  oneLine,
  truncate,
  worst,
  type Level,
  type Metric,
} from '../../src/screens/format';

describe('levelFor with the library thresholds', () => {
  const cases: [Metric, number | null, number, Level][] = [
    ['cpu', 0, 4, 'ok'],
    ['cpu', 69.9, 4, 'ok'],
    ['cpu', 70, 4, 'warning'], // "CPU usage < 70%" is the healthy side
    ['cpu', 100, 4, 'warning'],
    ['cpu', null, 4, 'ok'], // first remote poll: not measured yet
    ['memory', 79, 4, 'ok'],
    ['memory', 80, 4, 'warning'],
    ['disk', 84.9, 1, 'ok'],
    ['disk', 85, 1, 'warning'],
    ['disk', 95, 1, 'warning'], // MA-001: critical is "> 95%"
    ['disk', 95.1, 1, 'critical'],
    ['disk', 100, 1, 'critical'],
    ['load', 4, 4, 'ok'], // warns above the core count, not at it
    ['load', 4.01, 4, 'warning'],
    ['load', 0.9, 0, 'ok'], // unknown core count counts as one
    ['load', 1.5, 0, 'warning'],
  ];
  test.each(cases)('%s %s with %s cores → %s', (metric, value, cores, level) => {
    expect(levelFor(metric, value, cores)).toBe(level);
  });

  test('thresholds from the config override the defaults', () => {
    const t = { ...DEFAULT_THRESHOLDS, cpu: 50, disk: 60, diskCritical: 70 };
    expect(levelFor('cpu', 55, 4, t)).toBe('warning');
    expect(levelFor('disk', 65, 1, t)).toBe('warning');
    expect(levelFor('disk', 71, 1, t)).toBe('critical');
  });

  test('worst of two levels', () => {
    expect(worst('ok', 'warning')).toBe('warning');
    expect(worst('critical', 'warning')).toBe('critical');
    expect(worst('ok', 'ok')).toBe('ok');
  });
});

describe('formatters', () => {
  test.each([
    [0, '0 B'],
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [10 * 1024, '10 KiB'],
    [5 * 1024 ** 2, '5.0 MiB'],
    [1023.97 * 1024 ** 2, '1.0 GiB'],
    [500 * 1024 ** 3, '500 GiB'],
    [2 * 1024 ** 4, '2.0 TiB'],
    [-1, '—'],
    [null, '—'],
    [Number.NaN, '—'],
  ])('formatBytes(%s) = %s', (n, out) => expect(formatBytes(n)).toBe(out));

  test.each([
    [0, '0s'],
    [45, '45s'],
    [60, '1m'],
    [125, '2m 5s'],
    [3600, '1h'],
    [4 * 3600 + 12 * 60 + 9, '4h 12m'],
    [86400, '1d'],
    [3 * 86400 + 4 * 3600 + 120, '3d 4h'],
    [-5, '0s'],
    [null, '—'],
  ])('formatDuration(%s) = %s', (s, out) => expect(formatDuration(s)).toBe(out));

  test.each([
    [42.4, '42%'],
    [42.5, '43%'],
    [0, '0%'],
    [null, '—'],
  ])('formatPercent(%s) = %s', (v, out) => expect(formatPercent(v)).toBe(out));

  test.each([
    [1.234, 4, '1.23/4'],
    [0, 2, '0.00/2'],
    [3, 0, '3.00'],
    [null, 4, '—'],
  ])('formatLoad(%s, %s) = %s', (l, c, out) => expect(formatLoad(l, c)).toBe(out));

  test.each([
    [0, '0s'],
    [5_400, '5s'],
    [125_000, '2m'],
    [7_200_000, '2h'],
    [3 * 86_400_000, '3d'],
  ])('formatAge(%s ms) = %s', (ms, out) => expect(formatAge(ms)).toBe(out));

  const now = 1_000_000;
  test.each([
    [null, 'never', false],
    [now - 1_000, '1s ago', false],
    [now - 6_000, '6s ago', false], // exactly 3 polls of 2 s: not yet stale
    [now - 7_000, 'stale 7s', true],
    [now - 120_000, 'stale 2m', true],
  ])('updated %s → %s (stale %s)', (at, text, stale) => {
    expect(formatUpdated(at, now, 2000)).toBe(text);
    expect(isStale(at, now, 2000)).toBe(stale);
  });

  test.each([
    ['hello', 10, 'hello'],
    ['hello world', 5, 'hell…'],
    ['hello', 1, '…'],
    ['hello', 0, ''],
  ])('truncate(%s, %s) = %s', (t, w, out) => expect(truncate(t, w)).toBe(out));

  test('fit pads and aligns', () => {
    expect(fit('ab', 4)).toBe('ab  ');
    expect(fit('ab', 4, 'right')).toBe('  ab');
    expect(fit('abcdef', 4)).toBe('abc…');
    // A table cell is one row whatever the text: a newline shows, a tab is a space.
    expect(fit('a\nb\tc', 6)).toBe('a␊b c ');
  });

  test('oneLine folds newlines and runs of spaces', () => {
    expect(oneLine('  connect\n   ECONNREFUSED\t127.0.0.1 ')).toBe('connect ECONNREFUSED 127.0.0.1');
  });

  test('clock is HH:MM:SS', () => {
    expect(formatClock(new Date(2024, 0, 2, 3, 4, 5).getTime())).toBe('03:04');
  });
});
