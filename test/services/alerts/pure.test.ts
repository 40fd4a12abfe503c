import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCertificate, parseNewest } from '../../../src/services/hostFacts/hostFacts';
import { formatLeft, MaintenanceWindows, parseDuration } from '../../../src/services/alerts/maintenance';
import { matchersFor, promConditions, silenceFor, type PromAlert, type Silence } from '../../../src/services/alerts/prometheus';
import { parseProcedureTitles } from '../../../src/services/alerts/procedureTitles';
import { backupsInput, databaseInput, healthInput, servicesInput } from '../../../src/services/alerts/fromPanes';
import { parseMaintenance } from '../../../src/screens/maintenanceCommand';

const NOT_AFTER = '2036-11-24T03:13:28.000Z';

describe('Prometheus answers → conditions', () => {
  const alerts: PromAlert[] = [
    {
      labels: { alertname: 'HighLatency', severity: 'critical', instance: 'api:3000', host: 'web-1' },
      annotations: { summary: 'p95 above 500 ms' },
      state: 'firing',
      value: '0.73',
    },
    { labels: { alertname: 'DiskFilling', severity: 'info' }, annotations: {}, state: 'firing', value: '1e+00' },
    { labels: { alertname: 'Pending', severity: 'critical' }, annotations: {}, state: 'pending' },
    { labels: { alertname: 'NoSeverity', procedure: 'IR-003' }, annotations: { description: 'd' }, state: 'firing' },
  ];
  const up = [
    { labels: { job: 'node', instance: '10.0.0.5:9100' }, value: 0 },
    { labels: { job: 'api', instance: 'api:3000' }, value: 1 },
  ];
  it.each([
    [
      0,
      {
        rule: 'HighLatency',
        severity: 'CRITICAL',
        host: 'web-1',
        target: 'api:3000',
        value: 0.73,
        message: 'p95 above 500 ms',
        procedure: 'MA-001',
        source: 'prometheus',
      },
    ],
    [1, { rule: 'DiskFilling', severity: 'INFO', host: 'prom-host', value: 1, message: 'DiskFilling' }],
    [2, { rule: 'NoSeverity', severity: 'WARNING', procedure: 'IR-003', message: 'd' }],
    [
      3,
      {
        rule: 'target-down',
        severity: 'CRITICAL',
        target: 'node 10.0.0.5:9100',
        value: 0,
        threshold: 1,
        procedure: 'IR-002',
        labels: { job: 'node', instance: '10.0.0.5:9100' },
      },
    ],
  ])('condition %i', (i, expected) => {
    const got = promConditions(alerts, up, ['web-1', 'db-1'], 'prom-host');
    expect(got).toHaveLength(4); // pending alerts and healthy targets are not listed
    expect(got[i]).toMatchObject(expected);
  });

  const silence = (patch: Partial<Silence>): Silence => ({
    id: 's1',
    status: { state: 'active' },
    matchers: [],
    createdBy: 'op',
    comment: 'c',
    startsAt: '',
    endsAt: '2026-01-01T00:00:00Z',
    ...patch,
  });
  it.each([
    ['equal matchers', [{ name: 'alertname', value: 'A', isRegex: false }], true],
    ['regex, anchored', [{ name: 'alertname', value: 'A|B', isRegex: true }], true],
    ['regex must match whole value', [{ name: 'alertname', value: 'x', isRegex: true }], false],
    ['negative matcher', [{ name: 'alertname', value: 'A', isRegex: false, isEqual: false }], false],
    ['missing label is empty', [{ name: 'team', value: '', isRegex: false }], true],
  ])('silence: %s', (_n, matchers, hit) => {
    expect(silenceFor({ alertname: 'A', job: 'j' }, [silence({ matchers })]) !== null).toBe(hit);
  });
  it('an expired silence covers nothing; matchers skip internal labels', () => {
    expect(silenceFor({ alertname: 'A' }, [silence({ status: { state: 'expired' } })])).toBeNull();
    expect(matchersFor({ alertname: 'A', __name__: 'x', job: 'j' })).toEqual([
      { name: 'alertname', value: 'A', isRegex: false },
      { name: 'job', value: 'j', isRegex: false },
    ]);
  });
});

describe('durations and maintenance windows', () => {
  it.each([
    ['4h', 4 * 3_600_000],
    ['90m', 90 * 60_000],
    ['1h30m', 90 * 60_000],
    ['45s', 45_000],
    ['2d', 2 * 86_400_000],
    ['30', 30 * 60_000],
    ['0m', null],
    ['soon', null],
    ['4 h', null],
  ])('parseDuration(%s)', (t, ms) => expect(parseDuration(t)).toBe(ms));

  it.each([
    [4 * 3_600_000, '4h 00m'],
    [3_599_000, '59m 59s'],
    [40_000, '40s'],
    [-5, '0s'],
  ])('formatLeft(%i)', (ms, text) => expect(formatLeft(ms)).toBe(text));

  it('a host window covers that host; a fleet window every host; both end on time', () => {
    const w = new MaintenanceWindows();
    w.start('web-1', 1000, 'r', 'op', 0);
    w.start(null, 5000, 'MO-001', 'op', 0);
    expect([w.covers('web-1', 500), w.covers('db-1', 500)]).toEqual([true, true]);
    expect(w.expire(1000).map((x) => x.host)).toEqual(['web-1']);
    expect(w.covers('web-1', 1000)).toBe(true); // still the fleet's
    expect(w.end(null, 2000).map((x) => x.endsAt)).toEqual([2000]);
    expect(w.active(2000)).toEqual([]);
  });

  it.each([
    [['start', '2h', 'kernel', 'update'], { op: 'start', target: undefined, durationMs: 7_200_000, reason: 'kernel update' }],
    [['start', 'all', '30m', 'MO-001'], { op: 'start', target: null, durationMs: 1_800_000, reason: 'MO-001' }],
    [['start', 'db-1', '1h', 'vacuum'], { op: 'start', target: 'db-1', durationMs: 3_600_000, reason: 'vacuum' }],
    [['end'], { op: 'end', target: undefined }],
    [['end', 'fleet'], { op: 'end', target: null }],
    [['start', '2h'], { type: 'error' }],
    [['start', 'later', 'x'], { type: 'error' }],
    [['pause'], { type: 'error' }],
  ])(':maintenance %j', (words, expected) => {
    expect(parseMaintenance(words as string[], ['web-1', 'db-1'])).toMatchObject(expected);
  });
});

describe('host facts', () => {
  it('reads a certificate notAfter from PEM (a fixture made by openssl req -x509)', () => {
    const pem = readFileSync(fileURLToPath(new URL('../../fixtures/certs/risk-platform.local.crt', import.meta.url)));
    const c = parseCertificate('/c.crt', pem);
    expect(c.error).toBeNull();
    expect(new Date(c.notAfter!).toISOString()).toBe(NOT_AFTER);
    expect(c.subject).toContain('risk-platform.local');
    expect(parseCertificate('/x', 'not a cert')).toMatchObject({ notAfter: null, error: expect.stringMatching(/PEM/) });
  });

  it.each([
    ['1764205200.5 full_backup_1.tar.gz\n', { newestAt: 1_764_205_200_500, newestName: 'full_backup_1.tar.gz' }],
    ['1764205200 database/risk platform.dump\n', { newestAt: 1_764_205_200_000, newestName: 'database/risk platform.dump' }],
    ['', { newestAt: null, newestName: null }],
  ])('newest backup from %j', (out, expected) => expect(parseNewest('/b', out)).toMatchObject({ dir: '/b', error: null, ...expected }));
});

describe('procedure titles', () => {
  it('reads IDs, titles and purposes from the library format', () => {
    const t = parseProcedureTitles(
      '## Incident Response\n\n### IR-002: Service Down Response\n\n**Purpose:** Restore service\n\n**Purpose:** not this\n### SO-002: Certificate Management Procedure\n',
    );
    expect([...t.entries()]).toEqual([
      ['IR-002', { title: 'Service Down Response', purpose: 'Restore service' }],
      ['SO-002', { title: 'Certificate Management Procedure' }],
    ]);
  });
});

describe('the database pane → rule input', () => {
  const snap = <T>(data: T | null, error: string | null = null, updatedAt: number | null = 1_000_000) => ({ data, updatedAt, error });
  const db = {
    connections: { total: 51, max: 100 },
    longRunning: [{ pid: 7, durationSeconds: 400, query: 'SELECT pg_sleep(900)', user: 'app', state: 'active' }],
    cacheHitRatio: 93,
  };
  it.each([
    ['no postgres on the host', { databaseTarget: null, database: snap(null, null, null) }, undefined],
    ['not read yet', { databaseTarget: 't', database: snap(null, null, null) }, undefined],
    [
      'read',
      { databaseTarget: 't', database: snap(db) },
      {
        available: true,
        connections: 51,
        maxConnections: 100,
        cacheHitRatio: 93,
        longQueries: [{ pid: 7, seconds: 400, query: 'SELECT pg_sleep(900)', user: 'app' }],
      },
    ],
    [
      'failed: unavailable, whatever figures it kept',
      { databaseTarget: 't', database: snap(db, 'connect ECONNREFUSED') },
      { available: false, error: 'connect ECONNREFUSED', connections: null },
    ],
    [
      "the pane's own words are not repeated by the rule",
      { databaseTarget: 't', database: snap(db, 'database unavailable: connection refused') },
      { available: false, error: 'connection refused' },
    ],
    ['figures older than the limit are not judged', { databaseTarget: 't', database: snap(db, null, 1_000_000 - 10_001) }, undefined],
  ])('%s', (_n, entry, expected) => {
    const got = databaseInput(entry, 1_000_000, 10_000);
    if (expected === undefined) expect(got).toBeUndefined();
    else expect(got).toMatchObject(expected);
  });

  it('backups: age from the reading time', () => {
    expect(backupsInput({ backups: snap({ dir: '/b', newest: { path: '/b/full.tar.gz', ageSeconds: 3600 } }) })).toEqual({
      dir: '/b',
      newestAt: 1_000_000 - 3_600_000,
      newestName: '/b/full.tar.gz',
      error: null,
    });
    expect(backupsInput({ backups: snap({ dir: '/b', newest: null }) })).toMatchObject({ newestAt: null });
    expect(backupsInput({})).toBeUndefined();
  });
});

describe('the services pane → rule input', () => {
  const c = (name: string, state: string, health: string | null, project: string | null = 'risk-platform') => ({
    name: `${project}_${name}_1`,
    project,
    service: project ? name : null,
    state,
    health,
  });
  const list = [c('api', 'running', null), c('grafana', 'exited', null), c('x', 'exited', null, null)];
  const items = [
    { name: 'api', state: 'running', health: null, project: 'risk-platform' },
    { name: 'grafana', state: 'exited', health: null, project: 'risk-platform' },
  ];
  const down = 'Docker unavailable: /run/docker.sock exists but no engine answers (dockerd stopped?)';
  it.each([
    [
      'compose containers by service name; one-offs outside compose are not the platform',
      { services: { data: { containers: list }, updatedAt: 1, error: null } },
      { items, error: null, engineDown: false, engineExpected: true },
    ],
    ['no services pane', {}, undefined],
    ['never read', { services: { data: null, updatedAt: null, error: null } }, undefined],
    [
      'engine never answered, not configured: down, but not expected',
      { services: { data: null, updatedAt: null, error: down } },
      { items: [], error: down, engineDown: true, engineExpected: false },
    ],
    [
      'engine never answered, `docker:` configured: expected',
      { dockerConfigured: true, services: { data: null, updatedAt: null, error: down } },
      { items: [], error: down, engineDown: true, engineExpected: true },
    ],
    [
      'engine stopped answering: the last list stays, expected',
      { services: { data: { containers: list }, updatedAt: 1, error: down } },
      { items, error: down, engineDown: true, engineExpected: true },
    ],
    [
      'engine answers with an HTTP error: not down',
      { services: { data: { containers: list }, updatedAt: 1, error: 'Docker error: HTTP 500 server error' } },
      { items, error: 'Docker error: HTTP 500 server error', engineDown: false, engineExpected: true },
    ],
  ])('%s', (_n, entry, expected) => {
    expect(servicesInput(entry)).toEqual(expected);
  });
  it('health results pass through', () => {
    const h = [{ name: 'api', url: 'http://localhost:3000/health', ok: false, status: 503, latencyMs: 4, error: null }];
    expect(healthInput({ health: { data: h, updatedAt: 1, error: null } })).toBe(h);
  });
});
