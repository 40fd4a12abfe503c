// One fault, three readers: what `riskctl status` and `riskctl alerts` judge
// (one headless reading: evaluateStatusHost over the status report) and what
// the cockpit judges (AlertService over the live store, written by the panes'
// own setters). The same CRITICAL comes out of all three; the cockpit, which
// saw the list before the engine went, adds the last service alerts, stale.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlertLog } from '../../../src/services/alerts/AlertLog';
import { AlertService } from '../../../src/services/alerts/AlertService';
import { anyCritical, evaluateStatusHost } from '../../../src/services/alerts/evaluateOnce';
import { unavailable } from '../../../src/services/database/DatabaseService';
import { databaseReport } from '../../../src/services/database/report';
import type { DatabaseSnapshot } from '../../../src/services/database/types';
import { setServices, setServicesError } from '../../../src/services/docker/servicesStore';
import type { ContainerInfo } from '../../../src/services/docker/types';
import { serviceJson } from '../../../src/services/docker/readOnce';
import { createLiveStore, setDatabase, setDatabaseError, setHostStatus, setResources, type LiveStore } from '../../../src/services/liveStore';
import { resourcesForReport, type StatusHost } from '../../../src/services/statusReport';
import { resources, TH } from './fixtures';

const NOW = Date.parse('2026-11-29T02:00:00Z');
const POLL = 2000;
const ENGINE_DOWN = 'Docker unavailable: /run/docker.sock exists but no engine answers (dockerd stopped?)';

const container = (service: string, state: string): ContainerInfo => ({
  id: `id-${service}`,
  name: `risk-platform-${service}-1`,
  project: 'risk-platform',
  service,
  image: 'x',
  state,
  status: state,
  health: null,
  restarts: 0,
  startedAt: null,
  exitCode: state === 'exited' ? 1 : null,
  healthLog: null,
  ports: [],
  created: 0,
});
const LIST = [container('api', 'running'), container('grafana', 'exited')];

const dbSnapshot = (): DatabaseSnapshot => ({
  target: 'app@127.0.0.1:5432/risk_platform',
  serverVersion: '15',
  inRecovery: false,
  ownPid: 1,
  privileged: true,
  connections: { total: 5, active: 1, idle: 4, idleInTransaction: 0, hidden: 0, max: 100 },
  sessions: [],
  longRunning: [],
  blocked: [],
  cacheHitRatio: 99.9,
  sizeBytes: 1,
  largestTables: [],
  replication: null,
  topStatements: [],
  migrations: [],
  walBytes: 1,
  degraded: {},
  slowAt: NOW,
});

interface Fault {
  name: string;
  /** The host of `status --json` as withDatabase and withServices write it. */
  headless: Partial<StatusHost>;
  /** What the panes write into the live store: first the healthy reading, then the fault. */
  cockpit: (store: LiveStore, at: number) => void;
  /** The CRITICAL every reader must raise. */
  critical: { rule: string; procedure: string; target: string; message: string };
  /** What only the cockpit, which saw the list before, adds (stale). */
  cockpitStale: Array<{ rule: string; target: string }>;
}

const FAULTS: Fault[] = [
  {
    name: 'PostgreSQL stopped',
    headless: {
      database: databaseReport(null, unavailable('connect ECONNREFUSED 127.0.0.1:5432'), null),
      services: LIST.filter((c) => c.state === 'running').map(serviceJson),
      servicesError: null,
      health: [],
    },
    cockpit: (store, at) => {
      setDatabase(store, 'db-1', dbSnapshot(), at - POLL);
      setDatabaseError(store, 'db-1', unavailable('connect ECONNREFUSED 127.0.0.1:5432'));
    },
    critical: { rule: 'database-unavailable', procedure: 'IR-003', target: 'postgres', message: 'database unavailable: connect ECONNREFUSED 127.0.0.1:5432' },
    cockpitStale: [],
  },
  {
    name: 'dockerd stopped',
    headless: { database: null, services: null, servicesError: ENGINE_DOWN, health: [] },
    cockpit: (store, at) => {
      setServices(store, 'db-1', '24.0', LIST, true, at - POLL);
      setServicesError(store, 'db-1', ENGINE_DOWN);
    },
    critical: {
      rule: 'docker-engine-down',
      procedure: 'IR-002',
      target: 'docker',
      message: 'docker engine down: /run/docker.sock exists but no engine answers (dockerd stopped?)',
    },
    cockpitStale: [{ rule: 'service-down', target: 'grafana' }],
  },
];

function headless(f: Fault) {
  const h: StatusHost = { name: 'db-1', state: 'connected', error: null, tags: [], resources: resourcesForReport(resources()), ...f.headless };
  // `status` and `alerts` share this evaluation (readFleetOnce → headlessAlerts).
  return evaluateStatusHost(h, undefined, TH, NOW, true);
}

function cockpit(f: Fault) {
  const store = createLiveStore([
    { name: 'db-1', tags: [], production: true, address: 'x', databaseTarget: 'app@127.0.0.1:5432/risk_platform', dockerConfigured: true },
  ]);
  setHostStatus(store, 'db-1', { state: 'connected', error: null, since: NOW });
  f.cockpit(store, NOW);
  const svc = new AlertService({
    store,
    thresholds: TH,
    refreshMs: POLL,
    log: new AlertLog(join(mkdtempSync(join(tmpdir(), 'riskctl-fault-')), 'alerts.jsonl')),
    operator: 't',
    now: () => NOW,
  });
  // Held for holdPolls ticks, as the cockpit does.
  for (let i = 0; i < TH.holdPolls; i++) {
    setResources(store, 'db-1', resources(), NOW + i * POLL);
    svc.tick(NOW + i * POLL);
  }
  return svc.alerts.getState().alerts.filter((a) => a.state === 'firing');
}

describe('one fault through status, alerts and the cockpit', () => {
  it.each(FAULTS)('$name', (f) => {
    const pick = (a: { rule: string; severity: string; procedure: string; target: string; message: string }) => ({
      rule: a.rule,
      severity: a.severity,
      procedure: a.procedure,
      target: a.target,
      message: a.message,
    });
    const expected = { severity: 'CRITICAL', ...f.critical };

    const h = headless(f);
    expect(h.map(pick)).toContainEqual(expected);
    expect(anyCritical(h)).toBe(true); // exit 1 in status and alerts

    const c = cockpit(f);
    expect(c.map(pick)).toContainEqual(expected);
    // Everything the headless reading raised, the cockpit raised too …
    for (const a of h) expect(c.map(pick)).toContainEqual(pick(a));
    // … and the rest is what it saw before the fault, marked stale.
    const extra = c.filter((a) => !h.some((x) => x.rule === a.rule && x.target === a.target));
    expect(extra.map((a) => ({ rule: a.rule, target: a.target }))).toEqual(f.cockpitStale);
    for (const a of extra) expect(a).toMatchObject({ severity: 'CRITICAL', stale: true });
  });
});
