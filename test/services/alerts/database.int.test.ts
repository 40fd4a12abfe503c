// The lab's PostgreSQL stopped under a running cockpit core: the database
// pane's reading fails, and the rules raise CRITICAL database-unavailable
// linked to IR-003 after the hold time; when it is back, the alert resolves.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { AlertLog } from '../../../src/services/alerts/AlertLog';
import { AlertService } from '../../../src/services/alerts/AlertService';
import { DatabaseService } from '../../../src/services/database/DatabaseService';
import { createLiveStore } from '../../../src/services/liveStore';
import { Monitor } from '../../../src/services/Monitor';
import { pgStart, pgStop } from '../../lab/lab';
import { labBackups, labHosts, passwordEnv, target, waitUntil } from '../database/pgLab';
import { TH } from './fixtures';

describe('alerts when the lab database stops', () => {
  let hosts: Map<string, Host> | undefined;
  const store = createLiveStore([{ name: 'lab-3', tags: [], production: false, address: 'lab-3', databaseTarget: 'lab' }]);
  const db = new DatabaseService(store, { longQuerySeconds: 300, intervalMs: 500, session: { passwordEnv: passwordEnv() } });
  const monitor = new Monitor({ isReady: () => true, maxBackoffMs: 2000 });
  const log = new AlertLog(join(mkdtempSync(join(tmpdir(), 'riskctl-dbalert-')), 'alerts.jsonl'));
  const alerts = new AlertService({ store, thresholds: TH, refreshMs: 500, log, operator: 'op' });

  afterAll(async () => {
    monitor.stop();
    pgStart();
    await db.close();
    await Promise.allSettled([...(hosts?.values() ?? [])].map((h) => h.close()));
  });

  it('raises CRITICAL database-unavailable (IR-003) after the hold time and resolves when it is back', async () => {
    hosts = await labHosts('lab-3');
    for (const p of db.add(hosts.get('lab-3')!, { postgres: target('app'), backups: { dir: labBackups().dir } })) monitor.add(p);
    monitor.setDemand('database', 'all');
    monitor.start();
    const state = () => store.getState().hosts['lab-3']!;
    const find = () => alerts.alerts.getState().alerts.find((a) => a.rule === 'database-unavailable');
    // One evaluation per "poll": tick by hand, no timers in the assertion.
    const tickUntil = (pred: () => boolean, what: string, ms?: number) =>
      waitUntil(
        async () => {
          alerts.tick();
          return pred();
        },
        what,
        ms,
      );

    await waitUntil(async () => state().database.data !== null && state().database.error === null, 'first database figures');
    alerts.tick();
    expect(find()).toBeUndefined();

    pgStop();
    await waitUntil(async () => state().database.error !== null, 'the database to be unavailable');
    alerts.tick();
    expect(find()).toMatchObject({ state: 'pending' }); // held: one poll is not enough
    alerts.tick();
    expect(find()).toMatchObject({ severity: 'CRITICAL', state: 'firing', procedure: 'IR-003', host: 'lab-3', source: 'riskctl' });
    expect(find()!.message).toMatch(/database unavailable/);

    pgStart();
    await tickUntil(() => find()?.state === 'resolved', 'the alert to resolve once the database is back', 20_000);
  });
});
