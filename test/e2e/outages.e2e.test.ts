// Every outage alerts, headless and in the cockpit, the same way: the lab's
// PostgreSQL, then its dockerd, stopped under a running cockpit (on its alerts
// screen) while `status --json` and `alerts --json` read the same fault; each
// daemon comes back and everything recovers by itself. Fault windows are kept
// short (other tests share the lab) and always closed in `finally`.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AlertJson } from '../../src/services/alerts/types';
import type { StatusReport } from '../../src/services/statusReport';
import { cleanEnv, riskctl, tempDir, writeConfig } from '../app/cliHelpers';
import { dockerStart, dockerStop, labHost, pgStart, pgStop, readLab } from '../lab/lab';
import { labDbHostYaml, labPassword, pgLab } from '../services/database/pgLab';
import { PtySession } from './pty';

/** How soon after its daemon is back the cockpit must show the outage over (retries are capped at 3 s). */
const RECOVERY_MS = 5_000;

const row = (state: string, rule: string) => new RegExp(`CRITICAL\\s+${state}\\s+lab-1\\s+${rule}\\b`);

async function headless(file: string, env: Record<string, string>) {
  const [status, alerts] = await Promise.all([riskctl(['status', '--config', file, '--json'], env), riskctl(['alerts', '--config', file, '--json'], env)]);
  const report = JSON.parse(status.stdout) as StatusReport;
  const list = (JSON.parse(alerts.stdout) as { alerts: AlertJson[] }).alerts;
  return { status, alerts, report, statusAlerts: report.hosts[0]!.alerts ?? [], list };
}

describe('every outage alerts, headless and in the cockpit', () => {
  let s: PtySession | null = null;
  afterEach(() => s?.kill());
  afterAll(() => {
    pgStart();
    dockerStart();
  });

  it('PostgreSQL stopped: status and alerts CRITICAL (exit 1), the cockpit within one poll; all well again by themselves', async () => {
    const file = join(tempDir('outage-pg'), 'riskctl.yaml');
    // No Docker, no health endpoints: nothing else is CRITICAL, so the exit code is the database's.
    writeFileSync(
      file,
      `hosts:\n${labDbHostYaml({ name: 'lab-1', index: 0, tags: ['lab'], backups: true })}\n    health: []\nrefresh: 1\nthresholds: { holdPolls: 1 }\n`,
    );
    const env = { ...cleanEnv(), [pgLab().passwordEnv]: labPassword() };
    const before = await headless(file, env);
    expect([before.status.code, before.alerts.code]).toEqual([0, 0]);

    s = new PtySession(['--config', file], { env, cols: 160, rows: 30 });
    await s.waitFor((t) => /lab-1.*connected.*\d+\/50/.test(t), 'the DB column on the overview');
    s.press('a');
    await s.waitFor((t) => t.includes('Alerts ·'), 'the alerts screen');
    try {
      pgStop();
      const down = await headless(file, env);
      for (const [what, r, list] of [
        ['status', down.status, down.statusAlerts],
        ['alerts', down.alerts, down.list],
      ] as const) {
        expect(r.code, `${what}: ${r.stderr}`).toBe(1);
        const a = list.find((x) => x.rule === 'database-unavailable');
        expect(a, what).toMatchObject({ severity: 'CRITICAL', host: 'lab-1', procedure: 'IR-003', source: 'riskctl', state: 'firing' });
        expect(a!.message).toMatch(/^database unavailable: \S/);
        expect(a!.message).not.toMatch(/database unavailable: database unavailable/);
      }
      expect(down.report.hosts[0]!.database).toMatchObject({ available: false });
      // The cockpit: the database poll at refresh 1 s fails, the next evaluation fires it (holdPolls 1).
      const screen = await s.waitFor((t) => row('firing', 'database-unavailable').test(t), 'database-unavailable firing in the cockpit');
      expect(screen).toMatch(/IR-003/);
      expect(screen).not.toMatch(/database unavailable: database unavailable/);
    } finally {
      pgStart();
    }
    // Back by itself: the retry is capped, so within one bounded wait.
    await s.waitFor((t) => row('resolved', 'database-unavailable').test(t), 'database-unavailable resolved in the cockpit', RECOVERY_MS);
    const after = await headless(file, env);
    expect([after.status.code, after.alerts.code]).toEqual([0, 0]);
    s.press('q');
    expect(await s.waitExit()).toBe(0);
  }, 120_000);

  it('dockerd stopped: "docker engine down" CRITICAL in status, alerts and the cockpit, the last service alerts kept (stale); well again by itself', async () => {
    const lab = readLab();
    const dir = tempDir('outage-docker');
    const file = writeConfig(dir, [{ name: 'lab-1', host: labHost(1), dockerSocket: lab.docker.socket }]);
    appendFileSync(file, 'refresh: 1\nthresholds: { holdPolls: 1 }\n');
    const env = cleanEnv();
    // The lab's grafana exited on purpose: service-down is CRITICAL before the fault, exit 1.
    const before = await headless(file, env);
    expect(before.list.some((a) => a.rule === 'service-down' && a.target === 'grafana')).toBe(true);
    expect(before.list.some((a) => a.rule === 'docker-engine-down')).toBe(false);

    s = new PtySession(['--config', file], { env, cols: 160, rows: 30 });
    s.press('a');
    await s.waitFor((t) => row('firing', 'service-down').test(t), 'the service-down alert before the fault');
    try {
      dockerStop();
      const down = await headless(file, env);
      // The engine is gone, and with it the list: the exit code does not go down with visibility.
      expect(down.report.hosts[0]).toMatchObject({ services: null, servicesError: expect.stringMatching(/^Docker unavailable: /) });
      for (const [what, r, list] of [
        ['status', down.status, down.statusAlerts],
        ['alerts', down.alerts, down.list],
      ] as const) {
        expect(r.code, `${what}: ${r.stderr}`).toBe(1);
        const a = list.find((x) => x.rule === 'docker-engine-down');
        expect(a, what).toMatchObject({ severity: 'CRITICAL', host: 'lab-1', procedure: 'IR-002', target: 'docker', state: 'firing' });
        expect(a!.message).toMatch(/^docker engine down: \S/);
      }
      // The cockpit: the engine-down alert, and grafana's service-down kept, marked stale.
      const screen = await s.waitFor(
        (t) => row('firing', 'docker-engine-down').test(t) && row('firing·stale', 'service-down').test(t),
        'docker-engine-down and the stale service-down in the cockpit',
      );
      expect(screen).toMatch(/docker engine down: /);
    } finally {
      dockerStart();
    }
    await s.waitFor(
      (t) => row('resolved', 'docker-engine-down').test(t) && row('firing', 'service-down').test(t),
      'docker-engine-down resolved, service-down current again',
      RECOVERY_MS,
    );
    const after = await headless(file, env);
    expect(after.list.some((a) => a.rule === 'docker-engine-down' || a.stale)).toBe(false);
    s.press('q');
    expect(await s.waitExit()).toBe(0);
  }, 180_000);
});
