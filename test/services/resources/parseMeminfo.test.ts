import { describe, expect, it } from 'vitest';
import { parseMeminfo } from '../../../src/services/resources/parseMeminfo';
import { fixture } from './fixture';

const KiB = 1024;

describe('parseMeminfo', () => {
  it.each([
    {
      name: 'no swap → swapPercent null, not 0',
      file: 'meminfo-noswap.txt',
      want: {
        memTotalBytes: 24_684_092 * KiB,
        memAvailableBytes: 24_303_792 * KiB,
        memoryPercent: 1.5,
        swapTotalBytes: 0,
        swapFreeBytes: 0,
        swapPercent: null,
        availableEstimated: false,
      },
    },
    {
      name: 'old kernel without MemAvailable → MemFree+Buffers+Cached',
      file: 'meminfo-old-kernel.txt',
      want: {
        memTotalBytes: 8_000_000 * KiB,
        memAvailableBytes: 4_000_000 * KiB,
        memoryPercent: 50,
        swapTotalBytes: 4_000_000 * KiB,
        swapFreeBytes: 3_000_000 * KiB,
        swapPercent: 25,
        availableEstimated: true,
      },
    },
    {
      name: 'memory under pressure, swap three quarters used',
      file: 'meminfo-swap-busy.txt',
      want: {
        memTotalBytes: 16_384_000 * KiB,
        memAvailableBytes: 1_638_400 * KiB,
        memoryPercent: 90,
        swapTotalBytes: 2_097_152 * KiB,
        swapFreeBytes: 524_288 * KiB,
        swapPercent: 75,
        availableEstimated: false,
      },
    },
  ])('$name', ({ file, want }) => {
    expect(parseMeminfo(fixture(file))).toEqual(want);
  });

  it.each([
    ['empty text', ''],
    ['MemTotal missing', 'MemFree: 100 kB\nMemAvailable: 50 kB\n'],
    ['MemTotal zero', 'MemTotal: 0 kB\nMemAvailable: 0 kB\n'],
  ])('null for %s', (_n, text) => {
    expect(parseMeminfo(text)).toBeNull();
  });

  it('an estimate above MemTotal is capped, so memory % never goes negative', () => {
    const m = parseMeminfo('MemTotal: 1000 kB\nMemFree: 900 kB\nBuffers: 100 kB\nCached: 300 kB\n');
    expect(m?.memAvailableBytes).toBe(1000 * KiB);
    expect(m?.memoryPercent).toBe(0);
  });
});
