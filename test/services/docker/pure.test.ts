// The Docker pane's pure parts, table-driven: list/inspect → container rows,
// compose grouping, summaries, event lines, stats math, error words.
import { describe, expect, test, vi } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import {
  containerFrom,
  detailsFromInspect,
  formatPorts,
  groupByProject,
  healthFromStatus,
  isDown,
  summarize,
  summaryText,
  uptimeSeconds,
  type ListEntry,
} from '../../../src/services/docker/containers';
import { DockerFailureDescriber, probeText } from '../../../src/services/docker/dockerErrors';
import { EventLines } from '../../../src/services/docker/eventLines';
import { cpuSample, statsFrom } from '../../../src/services/docker/statsMath';
import type { ContainerInfo } from '../../../src/services/docker/types';

const entry = (o: Partial<ListEntry> & { service?: string; project?: string }): ListEntry => ({
  Id: o.Id ?? 'abc123def4567890',
  Names: o.Names ?? ['/risk-platform_api_1'],
  Image: 'img:1',
  State: o.State ?? 'running',
  Status: o.Status ?? 'Up 3 minutes',
  Created: 1700000000,
  Labels: o.project ? { 'com.docker.compose.project': o.project, 'com.docker.compose.service': o.service ?? 'api' } : {},
  Ports: o.Ports ?? [],
});

describe('containers', () => {
  test.each([
    ['Up 3 minutes (healthy)', 'healthy'],
    ['Up 3 minutes (unhealthy)', 'unhealthy'],
    ['Up 2 seconds (health: starting)', 'starting'],
    ['Up 3 minutes', null],
    ['Exited (1) 2 hours ago', null],
  ])('health from "%s"', (status, want) => expect(healthFromStatus(status)).toBe(want));

  test('ports as docker ps shows them, unpublished ones bare', () => {
    expect(
      formatPorts([
        { IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { PrivatePort: 53, Type: 'udp' },
      ]),
    ).toEqual(['127.0.0.1:8080→80/tcp', '53/udp']);
    expect(formatPorts(null)).toEqual([]);
  });

  test('inspect details: restarts, start time, exit code, why unhealthy', () => {
    expect(
      detailsFromInspect({
        RestartCount: 3,
        State: {
          StartedAt: '2026-01-02T03:04:05.6Z',
          ExitCode: 0,
          Health: { Status: 'unhealthy', Log: [{ Output: 'old' }, { Output: 'PING: connection refused\n' }] },
        },
      }),
    ).toEqual({
      restarts: 3,
      startedAt: '2026-01-02T03:04:05.6Z',
      exitCode: 0,
      healthLog: 'PING: connection refused',
    });
    // Never started: Docker's zero time means no start time.
    expect(detailsFromInspect({ State: { StartedAt: '0001-01-01T00:00:00Z' } }).startedAt).toBeNull();
  });

  test('a list entry with and without inspect details; names lose the leading slash', () => {
    const c = containerFrom(entry({ project: 'risk-platform', service: 'api', Status: 'Up 1 minute (healthy)' }), undefined);
    expect(c).toMatchObject({ name: 'risk-platform_api_1', project: 'risk-platform', service: 'api', health: 'healthy', restarts: null, startedAt: null });
    const d = containerFrom(entry({ State: 'exited', Status: 'Exited (1) 1 minute ago' }), { restarts: 2, startedAt: 'x', exitCode: 1, healthLog: null });
    expect(d).toMatchObject({ project: null, service: null, state: 'exited', exitCode: 1, restarts: 2 });
  });

  test('grouped by project (sorted), containers outside compose last', () => {
    const cs = [
      containerFrom(entry({ Id: '1', Names: ['/solo'] }), undefined),
      containerFrom(entry({ Id: '2', project: 'b', service: 'web' }), undefined),
      containerFrom(entry({ Id: '3', project: 'a', service: 'z' }), undefined),
      containerFrom(entry({ Id: '4', project: 'a', service: 'm' }), undefined),
    ];
    expect(groupByProject(cs).map((g) => [g.project, g.containers.map((c) => c.id)])).toEqual([
      ['a', ['4', '3']],
      ['b', ['2']],
      [null, ['1']],
    ]);
  });

  test('summary: running/total, unhealthy, down (an exit 0 is a finished job, not down)', () => {
    const c = (state: string, health: string | null, exitCode: number | null) => ({ state, health, exitCode }) as ContainerInfo;
    const s = summarize([
      c('running', 'healthy', null),
      c('running', 'unhealthy', null),
      c('exited', null, 1),
      c('exited', null, 0),
      c('restarting', null, null),
    ]);
    expect(s).toEqual({ running: 2, total: 5, unhealthy: 1, down: 2 });
    expect(summaryText(s)).toBe('2/5 1 unhealthy');
    expect(isDown(c('exited', null, 0))).toBe(false);
  });

  test('uptime from the start time, only while running', () => {
    expect(uptimeSeconds({ state: 'running', startedAt: '2026-01-01T00:00:00Z' }, Date.parse('2026-01-01T00:01:30Z'))).toBe(90);
    expect(uptimeSeconds({ state: 'exited', startedAt: '2026-01-01T00:00:00Z' }, Date.now())).toBeNull();
  });
});

describe('event lines', () => {
  test('split across chunks, several per chunk, garbage skipped', () => {
    const e = new EventLines();
    expect(e.push('{"Action":"start","Actor":{"ID":"a1"}}\n{"status":"die","id"')).toEqual([{ id: 'a1', action: 'start' }]);
    expect(e.push(':"b2"}\nnot json\n{"Action":"health_status: unhealthy","Actor":{"ID":"c3"}}\n')).toEqual([
      { id: 'b2', action: 'die' },
      { id: 'c3', action: 'health_status: unhealthy' },
    ]);
  });
});

describe('stats', () => {
  const raw = (total: number, system: number, usage = 10_000_000, cache = 2_000_000) => ({
    cpu_stats: { cpu_usage: { total_usage: total }, system_cpu_usage: system, online_cpus: 2 },
    memory_stats: { usage, limit: 1 << 30, stats: { total_inactive_file: cache } },
  });
  test('CPU % between two one-shot samples, like docker stats; memory without page cache', () => {
    expect(statsFrom(raw(100, 1000), null)).toEqual({
      cpuPercent: null,
      memoryBytes: 8_000_000,
      memoryLimitBytes: 1 << 30,
      netRxBytes: null,
      netTxBytes: null,
      blockReadBytes: null,
      blockWriteBytes: null,
    });
    // 50 of 1000 system ticks on 2 CPUs: 10 %.
    expect(statsFrom(raw(150, 2000), cpuSample(raw(100, 1000)))!.cpuPercent).toBeCloseTo(10);
  });

  test.each([
    {
      name: 'every network summed; cgroup v1 Read/Write entries per device summed, other ops left out',
      extra: {
        networks: { eth0: { rx_bytes: 1000, tx_bytes: 200 }, eth1: { rx_bytes: 24, tx_bytes: 56 } },
        blkio_stats: {
          io_service_bytes_recursive: [
            { op: 'Read', value: 4096 },
            { op: 'Write', value: 8192 },
            { op: 'Sync', value: 12288 },
            { op: 'Total', value: 12288 },
            { op: 'Read', value: 4 },
          ],
        },
      },
      want: { netRxBytes: 1024, netTxBytes: 256, blockReadBytes: 4100, blockWriteBytes: 8192 },
    },
    {
      name: 'cgroup v2 lower-case ops',
      extra: {
        blkio_stats: {
          io_service_bytes_recursive: [
            { op: 'read', value: 10 },
            { op: 'write', value: 20 },
          ],
        },
      },
      want: { netRxBytes: null, netTxBytes: null, blockReadBytes: 10, blockWriteBytes: 20 },
    },
    {
      name: "the host's network (no networks): null, not zero; no block list yet (cgroup v2, no I/O): zero",
      extra: { networks: null, blkio_stats: { io_service_bytes_recursive: null } },
      want: { netRxBytes: null, netTxBytes: null, blockReadBytes: 0, blockWriteBytes: 0 },
    },
  ])('network and block I/O, like docker stats: $name', ({ extra, want }) => {
    expect(statsFrom({ ...raw(100, 1000), ...extra }, null)).toMatchObject(want);
  });
});

describe('why Docker is unavailable', () => {
  test.each([
    ['missing', 'no socket at /s (dockerd not running, or docker.socket set wrong)'],
    ['refused', '/s exists but no engine answers (dockerd stopped?)'],
    ['denied', 'permission denied on /s (is ops in the docker group?)'],
    ['notsocket', '/s is not a socket'],
    ['???', null],
  ])('%s', (probe, want) => expect(probeText(`${probe}\n`, '/s', 'ops')).toBe(want));
});

describe('the memory of why Docker is unavailable', () => {
  /** A connected SSH host whose probe says the socket is missing; counts its execs. */
  function probedHost() {
    let execs = 0;
    const host = {
      name: 'h',
      kind: 'ssh',
      status: () => ({ state: 'connected' }),
      exec: async () => {
        execs++;
        return { code: 0, stdout: 'missing\n', stderr: '', timedOut: false };
      },
    } as unknown as Host;
    return { host, execs: () => execs };
  }

  test('the same failure is probed again after a minute, or after fifteen for an engine never seen nor configured', async () => {
    vi.useFakeTimers({ now: 0 });
    try {
      const { host, execs } = probedHost();
      const words = new DockerFailureDescriber(host, '/s', 'ops');
      const e = new Error('h: (SSH) Channel open failure: open failed');
      expect(await words.describe(e, true)).toBe('Docker unavailable: no socket at /s (dockerd not running, or docker.socket set wrong)');
      vi.advanceTimersByTime(5 * 60_000);
      await words.describe(e, true);
      expect(execs()).toBe(1);
      // A known engine's failure: the minute's memory.
      await words.describe(e);
      expect(execs()).toBe(2);
      vi.advanceTimersByTime(30_000);
      await words.describe(e);
      expect(execs()).toBe(2);
      vi.advanceTimersByTime(15 * 60_000);
      await words.describe(e, true);
      expect(execs()).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
