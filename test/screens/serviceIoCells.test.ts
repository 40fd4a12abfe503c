import { describe, expect, it } from 'vitest';
import type { ContainerInfo, ContainerStats } from '../../src/services/docker/types';
import { serviceColumns, shortBytes, type ServiceRow } from '../../src/screens/serviceRows';

const c: ContainerInfo = {
  id: 'a1',
  name: 'risk-platform_api_1',
  project: 'risk-platform',
  service: 'api',
  image: 'busybox',
  state: 'running',
  status: 'Up 3 minutes',
  health: null,
  restarts: 0,
  startedAt: null,
  exitCode: null,
  healthLog: null,
  ports: [],
  created: 0,
};
const base: ContainerStats = { cpuPercent: 1, memoryBytes: 1, memoryLimitBytes: 2 };
const cell = (title: string, stats: ContainerStats | undefined) => {
  const col = serviceColumns(0).find((x) => x.title === title)!;
  const row: ServiceRow = { kind: 'container', key: c.id, c, stats };
  return col.cell(row).text;
};

describe('services: network and block I/O beside CPU and memory', () => {
  it.each([
    ['NET RX/TX', { ...base, netRxBytes: 1.5 * 1024 * 1024, netTxBytes: 340 * 1024 }, '1.5M/340K'],
    ['BLOCK R/W', { ...base, blockReadBytes: 0, blockWriteBytes: 12 * 1024 ** 3 }, '0B/12G'],
    // The host's network: the engine has no figures of the container's own.
    ['NET RX/TX', { ...base, netRxBytes: null, netTxBytes: null }, '—'],
    ['BLOCK R/W', undefined, '—'],
  ])('%s of %j is %s', (title, stats, want) => {
    expect(cell(title, stats)).toBe(want);
  });

  it('shortBytes keeps three figures in the fewest cells', () => {
    expect([0, 999, 1536, 10 * 1024 * 1024, 1024 ** 4].map(shortBytes)).toEqual(['0B', '999B', '1.5K', '10M', '1.0T']);
  });
});
