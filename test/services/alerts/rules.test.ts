import { describe, expect, it } from 'vitest';
import type { HostAlertInput } from '../../../src/services/alerts/inputs';
import { evaluateHost, RULES } from '../../../src/services/alerts/rules';
import { disk, host, NOW, resources, TH } from './fixtures';

const DAY = 86_400_000;
const diskIo = (device: string, busyPercent: number | null) => ({
  device,
  partitions: [],
  readBytesPerSecond: 0,
  writeBytesPerSecond: 0,
  iops: 0,
  busyPercent,
});
const nic = (name: string, newErrors: number | null) => ({
  interface: name,
  rxBytesPerSecond: 0,
  txBytesPerSecond: 0,
  rxPacketsPerSecond: 0,
  txPacketsPerSecond: 0,
  rxBytes: 1,
  txBytes: 1,
  rxErrors: 7,
  txErrors: 0,
  rxDrops: 0,
  txDrops: 0,
  newErrors,
});
const db = { available: true, error: null, connections: 10, longQueries: [], cacheHitRatio: 99.5 };

type Row = [
  string,
  Partial<HostAlertInput>,
  Array<{ rule: string; severity: string; procedure?: string; target?: string; value?: unknown; threshold?: unknown; message?: string; stale?: boolean }>,
];

const cases: Row[] = [
  ['healthy host: nothing', {}, []],
  [
    'unreachable host is CRITICAL and hides the stale figures',
    { state: 'error', error: 'connect ECONNREFUSED', resources: resources({ cpuPercent: 99 }) },
    [{ rule: 'host-unreachable', severity: 'CRITICAL', procedure: 'IR-002', value: 'unreachable' }],
  ],
  [
    'reconnecting after a loss is still unreachable',
    { state: 'connecting', error: 'connection lost; retrying in 2.0 s' },
    [{ rule: 'host-unreachable', severity: 'CRITICAL' }],
  ],
  ['a first connect is not an outage yet', { state: 'connecting', error: null }, []],
  ['a host the operator disconnected is not an outage', { state: 'disconnected', wanted: false }, []],
  ['lost connection', { state: 'disconnected', error: 'connection lost' }, [{ rule: 'host-unreachable', severity: 'CRITICAL', procedure: 'IR-002' }]],
  [
    'CPU at the threshold warns (the library says healthy is < 70)',
    { resources: resources({ cpuPercent: 70 }) },
    [{ rule: 'cpu', severity: 'WARNING', procedure: 'PM-002', value: 70, threshold: 70 }],
  ],
  ['CPU below', { resources: resources({ cpuPercent: 69.9 }) }, []],
  ['CPU not measured yet is never an alarm', { resources: resources({ cpuPercent: null }) }, []],
  ['memory', { resources: resources({ memoryPercent: 85.04 }) }, [{ rule: 'memory', severity: 'WARNING', procedure: 'PM-002', value: 85, threshold: 80 }]],
  ['load above cores', { resources: resources({ load1: 2.5, cores: 2 }) }, [{ rule: 'load', severity: 'WARNING', value: 2.5, threshold: 2 }]],
  ['load equal to cores is fine', { resources: resources({ load1: 2, cores: 2 }) }, []],
  [
    'disk 85 warns, 96 is critical (one alert per mount)',
    { resources: resources({ disks: [disk('/', 85), disk('/var', 96), disk('/srv', 95)] }) },
    [
      { rule: 'disk-critical', severity: 'CRITICAL', procedure: 'IR-003', target: '/var', value: 96, threshold: 95 },
      { rule: 'disk', severity: 'WARNING', procedure: 'PM-002', target: '/', value: 85, threshold: 85 },
      { rule: 'disk', severity: 'WARNING', procedure: 'PM-002', target: '/srv', value: 95, threshold: 85 },
    ],
  ],
  [
    'a whole disk busy at the line warns (PM-001); below, or not measured yet, does not',
    {
      resources: resources({
        diskIo: [diskIo('sda', 90), diskIo('sdb', 89.9), diskIo('nvme0n1', null)],
      }),
    },
    [{ rule: 'disk-busy', severity: 'WARNING', procedure: 'PM-001', target: 'sda', value: 90, threshold: 90 }],
  ],
  [
    'an interface counting new errors warns; old errors alone, or a first poll, do not',
    {
      resources: resources({
        network: [nic('eth0', 3), nic('eth1', 0), nic('eth2', null)],
      }),
    },
    [{ rule: 'interface-errors', severity: 'WARNING', procedure: 'PM-001', target: 'eth0', value: 3, threshold: 0 }],
  ],
  [
    'exited, restarting and unhealthy containers are service down',
    {
      services: {
        error: null,
        items: [
          { name: 'api', state: 'exited', health: null },
          { name: 'nginx', state: 'running', health: 'healthy' },
          { name: 'redis', state: 'restarting', health: null },
          { name: 'postgres', state: 'running', health: 'unhealthy' },
        ],
      },
    },
    [
      { rule: 'service-down', severity: 'CRITICAL', procedure: 'IR-002', target: 'api', value: 'exited' },
      { rule: 'service-down', severity: 'CRITICAL', procedure: 'IR-002', target: 'redis', value: 'restarting' },
      { rule: 'service-down', severity: 'CRITICAL', procedure: 'IR-002', target: 'postgres', value: 'unhealthy' },
    ],
  ],
  [
    'the Docker engine stopped answering: engine down, and the last service alerts kept, marked stale',
    {
      services: {
        error: 'Docker unavailable: /run/docker.sock exists but no engine answers (dockerd stopped?)',
        engineDown: true,
        engineExpected: true,
        items: [
          { name: 'api', state: 'running', health: null },
          { name: 'grafana', state: 'exited', health: null },
        ],
      },
    },
    [
      {
        rule: 'docker-engine-down',
        severity: 'CRITICAL',
        procedure: 'IR-002',
        target: 'docker',
        value: 'down',
        message: 'docker engine down: /run/docker.sock exists but no engine answers (dockerd stopped?)',
      },
      {
        rule: 'service-down',
        severity: 'CRITICAL',
        procedure: 'IR-002',
        target: 'grafana',
        value: 'exited',
        stale: true,
        message: 'service grafana is exited (last seen before Docker stopped answering: stale)',
      },
    ],
  ],
  [
    'no engine where none is expected (not configured, never answered): quiet',
    {
      services: {
        error: 'Docker unavailable: no socket at /var/run/docker.sock (dockerd not running, or docker.socket set wrong)',
        engineDown: true,
        engineExpected: false,
        items: [],
      },
    },
    [],
  ],
  [
    'an engine that answers with an HTTP error is not down; its last list is stale',
    {
      services: {
        error: 'Docker error: HTTP 500 server error',
        engineDown: false,
        engineExpected: true,
        items: [{ name: 'grafana', state: 'exited', health: null }],
      },
    },
    [{ rule: 'service-down', severity: 'CRITICAL', target: 'grafana', stale: true }],
  ],
  [
    'an unreachable host raises only that, not the engine behind it',
    {
      state: 'error',
      error: 'connect ECONNREFUSED',
      services: {
        error: 'Docker unavailable: prod-1 is not connected',
        engineDown: true,
        engineExpected: true,
        items: [{ name: 'grafana', state: 'exited', health: null }],
      },
    },
    [{ rule: 'host-unreachable', severity: 'CRITICAL' }],
  ],
  [
    'failing and slow health endpoints',
    {
      health: [
        { name: 'api', url: 'http://localhost:3000/health', ok: false, status: 503, latencyMs: 12, error: null },
        { name: 'grafana', url: 'http://localhost:3001/api/health', ok: true, status: 200, latencyMs: 730, error: null },
        { name: 'prometheus', url: 'http://localhost:9090/-/healthy', ok: true, status: 200, latencyMs: 20, error: null },
      ],
    },
    [
      { rule: 'health-failing', severity: 'CRITICAL', procedure: 'IR-002', target: 'api', value: 503 },
      { rule: 'slow-health', severity: 'INFO', procedure: 'PM-002', target: 'grafana', value: 730, threshold: 500 },
    ],
  ],
  [
    'database unavailable',
    { database: { ...db, available: false, error: 'ECONNREFUSED', connections: null } },
    [{ rule: 'database-unavailable', severity: 'CRITICAL', procedure: 'IR-003', message: 'database unavailable: ECONNREFUSED' }],
  ],
  [
    'database: connections, long query, cache hit ratio',
    {
      database: {
        ...db,
        connections: 51,
        cacheHitRatio: 90.26,
        longQueries: [
          { pid: 42, seconds: 301, query: 'SELECT pg_sleep(900)' },
          { pid: 43, seconds: 299, query: 'SELECT 1' },
        ],
      },
    },
    [
      { rule: 'connections', severity: 'WARNING', procedure: 'IR-003', value: 51, threshold: 50 },
      { rule: 'long-query', severity: 'WARNING', procedure: 'IR-003', target: 'pid 42', value: 5, threshold: 5 },
      { rule: 'cache-hit-ratio', severity: 'WARNING', procedure: 'PM-002', value: 90.3, threshold: 95 },
    ],
  ],
  ['50 connections is fine; unknown ratio is fine', { database: { ...db, connections: 50, cacheHitRatio: null } }, []],
  [
    'certificates: expiring, fine, unreadable',
    {
      certificates: [
        { path: '/c/soon.crt', notAfter: NOW + 29.5 * DAY, error: null },
        { path: '/c/fine.crt', notAfter: NOW + 31 * DAY, error: null },
        { path: '/c/bad.crt', notAfter: null, error: 'no such file' },
      ],
    },
    [
      { rule: 'certificate-expiry', severity: 'WARNING', procedure: 'SO-002', target: '/c/soon.crt', value: 29, threshold: 30 },
      { rule: 'certificate-expiry', severity: 'WARNING', procedure: 'SO-002', target: '/c/bad.crt', value: 'unreadable' },
    ],
  ],
  [
    'backup older than 26 h',
    { backups: { dir: '/b', newestAt: NOW - 27 * 3600_000, newestName: 'full_backup_1.tar.gz', error: null } },
    [{ rule: 'backup-missing', severity: 'WARNING', procedure: 'BR-001', target: '/b', value: 27, threshold: 26 }],
  ],
  ['backup fresh', { backups: { dir: '/b', newestAt: NOW - 25 * 3600_000, newestName: 'x', error: null } }, []],
  [
    'no backup at all',
    { backups: { dir: '/b', newestAt: null, newestName: null, error: null } },
    [{ rule: 'backup-missing', value: 'none', severity: 'WARNING', procedure: 'BR-001' }],
  ],
  [
    'user activity anomaly',
    {
      auditActivity: [
        { user: 'a@x', count: 101 },
        { user: 'b@x', count: 100 },
      ],
    },
    [{ rule: 'user-activity-anomaly', severity: 'INFO', procedure: 'DO-002', target: 'a@x', value: 101, threshold: 100 }],
  ],
];

describe('alert rules', () => {
  it.each(cases)('%s', (_name, patch, expected) => {
    const got = evaluateHost(host(patch), TH, NOW);
    expect(got).toHaveLength(expected.length);
    for (const [i, e] of expected.entries()) expect(got[i]).toMatchObject({ ...e, host: 'prod-1', source: 'riskctl' });
    // Every alert names its value, threshold and a message.
    for (const c of got) expect(c.message).not.toBe('');
  });

  it('reads the configured thresholds', () => {
    const got = evaluateHost(host({ resources: resources({ cpuPercent: 12 }) }), { ...TH, cpu: 10 }, NOW);
    expect(got).toEqual([expect.objectContaining({ rule: 'cpu', value: 12, threshold: 10 })]);
  });

  it('links every rule to a procedure of the library', () => {
    for (const r of RULES) expect(r.procedure).toMatch(/^(IR|PM|SO|BR|DO|MA)-00\d$/);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});
