// Against the lab's real Prometheus 2.42 and Alertmanager 0.25 (lab/prometheus.sh),
// reached through lab-1's SSH connection like the platform's own Prometheus.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHosts } from '../../../src/hosts/createHosts';
import { readConfigFile } from '../../../src/hosts/loadConfig';
import { AlertLog, type AlertLogEntry } from '../../../src/services/alerts/AlertLog';
import { AlertService } from '../../../src/services/alerts/AlertService';
import { fetchPromAlerts, fetchSilences, fetchUp } from '../../../src/services/alerts/prometheus';
import { createLiveStore } from '../../../src/services/liveStore';
import { cleanEnv, tempDir, writeConfig } from '../../app/cliHelpers';
import { labHost, readLab } from '../../lab/lab';
import { TH } from './fixtures';

describe('Prometheus and Alertmanager of the lab, through lab-1', () => {
  const lab = readLab();
  const cfg = readConfigFile(writeConfig(tempDir('prom'), [{ name: 'lab-1', host: labHost(1) }]));
  const hosts = createHosts(cfg.hosts, { stateDir: cleanEnv().XDG_STATE_HOME!, onUnknownHostKey: async () => false });
  const via = hosts.get('lab-1')!;
  const prom = { url: lab.prometheus.url, via, viaName: 'lab-1' };
  const am = { url: lab.alertmanager.url, via, viaName: 'lab-1' };
  afterAll(async () => {
    await via.close();
  });

  it('reads firing alerts and target health over an SSH channel', async () => {
    await via.connect();
    const alerts = await fetchPromAlerts(prom);
    expect(alerts.find((a) => a.labels.alertname === 'LabAlwaysFiring')).toMatchObject({ state: 'firing', labels: { severity: 'warning' } });
    const up = await fetchUp(prom);
    // Both lab targets scraped once a second; fresh after a restart they may not be there yet.
    expect(up.every((s) => s.value === 1)).toBe(true);
  });

  it('joins the list with source prometheus; acknowledging creates a real silence the Alertmanager API returns', async () => {
    const log = new AlertLog(join(mkdtempSync(join(tmpdir(), 'riskctl-am-')), 'alerts.jsonl'));
    const store = createLiveStore([{ name: 'lab-1', tags: [], production: true, address: 'lab-1' }]);
    const svc = new AlertService({ store, thresholds: TH, refreshMs: 1000, log, operator: 'test-operator', prometheus: prom, alertmanager: am });
    await via.connect();
    await svc.pollPrometheus();
    const mine = svc.alerts.getState().alerts.find((a) => a.rule === 'LabAlwaysFiring');
    expect(mine).toMatchObject({ source: 'prometheus', severity: 'WARNING', host: 'lab-1', state: 'firing', procedure: 'MA-001' });

    const comment = `investigating ${process.pid}-${Date.now()}`;
    const msg = await svc.acknowledge(mine!.key, comment, 30 * 60_000);
    expect(msg).toMatch(/Alertmanager silence [0-9a-f]{8} for 30m/);
    const silences = await fetchSilences(am);
    const s = silences.find((x) => x.comment === comment);
    expect(s).toMatchObject({ createdBy: 'test-operator', status: { state: 'active' } });
    expect(s!.matchers).toContainEqual(expect.objectContaining({ name: 'alertname', value: 'LabAlwaysFiring', isRegex: false }));
    expect(Date.parse(s!.endsAt) - Date.parse(s!.startsAt)).toBeGreaterThan(29 * 60_000);
    // The list shows the silence.
    expect(svc.alerts.getState().alerts.find((a) => a.key === mine!.key)).toMatchObject({
      state: 'acknowledged',
      silence: { id: s!.id, createdBy: 'test-operator' },
    });

    await log.flush();
    const lines = readFileSync(log.file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AlertLogEntry);
    expect(lines.map((l) => [l.event, l.by, l.comment, l.source])).toEqual([
      ['fired', 'riskctl', undefined, 'prometheus'],
      ['acknowledged', 'test-operator', comment, 'prometheus'],
      ['silenced', 'test-operator', comment, 'prometheus'],
    ]);
  });

  it('a maintenance window on the Prometheus host becomes a silence; ending it expires the silence', async () => {
    const log = new AlertLog(join(mkdtempSync(join(tmpdir(), 'riskctl-am-')), 'alerts.jsonl'));
    const store = createLiveStore([{ name: 'lab-1', tags: [], production: true, address: 'lab-1' }]);
    const svc = new AlertService({ store, thresholds: TH, refreshMs: 1000, log, operator: 'test-operator', prometheus: prom, alertmanager: am });
    const reason = `kernel update ${process.pid}-${Date.now()}`;
    expect(await svc.startMaintenance('lab-1', 3_600_000, reason)).toMatch(/silence/);
    const s = (await fetchSilences(am)).find((x) => x.comment === `maintenance: ${reason}`);
    expect(s).toMatchObject({ status: { state: 'active' }, createdBy: 'test-operator' });
    await svc.endMaintenance('lab-1');
    const after = (await fetchSilences(am)).find((x) => x.id === s!.id);
    expect(after!.status.state).toBe('expired');
  });

  it('an unreachable Prometheus is a WARNING, not a crash', async () => {
    const log = new AlertLog(join(mkdtempSync(join(tmpdir(), 'riskctl-am-')), 'alerts.jsonl'));
    const store = createLiveStore([{ name: 'lab-1', tags: [], production: true, address: 'lab-1' }]);
    const svc = new AlertService({
      store,
      thresholds: { ...TH, holdPolls: 1 },
      refreshMs: 1000,
      log,
      operator: 'op',
      prometheus: { url: 'http://127.0.0.1:1', via, viaName: 'lab-1' },
    });
    await svc.pollPrometheus();
    expect(svc.alerts.getState().alerts[0]).toMatchObject({ rule: 'prometheus-unreachable', severity: 'WARNING', source: 'prometheus' });
    expect(svc.alerts.getState().prometheus.error).toMatch(/127\.0\.0\.1:1/);
  });
});
