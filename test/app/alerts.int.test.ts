import { appendFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AlertJson } from '../../src/services/alerts/types';
import { labHost, readLab } from '../lab/lab';
import { cleanEnv, riskctl, tempDir, writeConfig } from './cliHelpers';

interface StatusJson {
  hosts: Array<{ name: string; state: string; alerts: AlertJson[] }>;
}

/** A config of lab-1 and lab-2 with extra top-level YAML (thresholds, prometheus …). */
function config(extra: string): string {
  const file = writeConfig(tempDir('alerts'), [
    { name: 'lab-1', host: labHost(1) },
    { name: 'lab-2', host: labHost(2) },
  ]);
  appendFileSync(file, extra);
  return file;
}

const KEYS = ['severity', 'rule', 'host', 'target', 'value', 'threshold', 'message', 'procedure', 'source', 'state'];

describe('headless alerts against the lab', () => {
  it('status exits 1 while a CRITICAL fires, each host carrying its alerts', async () => {
    // Every lab disk is above 2 %: disk-critical on every host.
    const r = await riskctl(['status', '--json', '--config', config('thresholds: { disk: 1, diskCritical: 2 }\n')], cleanEnv());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as StatusJson;
    for (const h of s.hosts) {
      expect(h.state).toBe('connected');
      expect(h.alerts).toContainEqual(
        expect.objectContaining({
          severity: 'CRITICAL',
          rule: 'disk-critical',
          host: h.name,
          target: '/',
          threshold: 2,
          procedure: 'IR-003',
          source: 'riskctl',
          state: 'firing',
        }),
      );
    }
  });

  it('status exits 0 when no CRITICAL fires (warnings do not fail it)', async () => {
    const r = await riskctl(['status', '--json', '--config', config('thresholds: { cpu: 0 }\n')], cleanEnv());
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as StatusJson;
    expect(s.hosts[0]!.alerts).toContainEqual(expect.objectContaining({ severity: 'WARNING', rule: 'cpu', threshold: 0, procedure: 'PM-002' }));
  });

  it('an unreachable host is CRITICAL', async () => {
    const file = writeConfig(tempDir('alerts'), [{ name: 'gone', address: '127.0.0.250', port: 2222 }]);
    const r = await riskctl(['alerts', '--json', '--config', file], cleanEnv());
    expect(r.code).toBe(1);
    const { alerts } = JSON.parse(r.stdout) as { alerts: AlertJson[] };
    expect(alerts).toEqual([expect.objectContaining({ severity: 'CRITICAL', rule: 'host-unreachable', host: 'gone', procedure: 'IR-002', source: 'riskctl' })]);
  });

  it('alerts --json lists the lowered threshold at once (no hold time) and the Prometheus alert with its source', async () => {
    const lab = readLab();
    const extra = `thresholds: { memory: 0 }\nprometheus: { url: ${lab.prometheus.url}, via: lab-1 }\nalertmanager: { url: ${lab.alertmanager.url} }\n`;
    const r = await riskctl(['alerts', '--json', '--host', 'lab-2', '--config', config(extra)], cleanEnv());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const { alerts } = JSON.parse(r.stdout) as { alerts: AlertJson[] };
    for (const a of alerts) for (const k of KEYS) expect(a).toHaveProperty(k);
    // --host lab-2: lab-2's own alert; the Prometheus alert belongs to lab-1 (its via host).
    // (A busy machine may add cpu or load warnings: the lab hosts share its CPU.)
    expect(alerts.filter((a) => a.rule === 'memory').map((a) => [a.host, a.source])).toEqual([['lab-2', 'riskctl']]);
    expect(alerts.every((a) => a.host === 'lab-2' && a.source === 'riskctl')).toBe(true);

    const all = await riskctl(['alerts', '--json', '--config', config(extra)], cleanEnv());
    const list = (JSON.parse(all.stdout) as { alerts: AlertJson[] }).alerts;
    expect(list).toContainEqual(
      expect.objectContaining({ rule: 'LabAlwaysFiring', host: 'lab-1', source: 'prometheus', severity: 'WARNING', procedure: 'MA-001', state: 'firing' }),
    );
    expect(list.filter((a) => a.rule === 'memory').map((a) => a.host)).toEqual(['lab-1', 'lab-2']);
  });

  it('prints a readable table without --json', async () => {
    const r = await riskctl(['alerts', '--config', config('thresholds: { memory: 0 }\n')], cleanEnv());
    expect(r.stdout.split('\n')[0]).toMatch(/^SEVERITY\s+HOST\s+RULE\s+TARGET\s+VALUE\s+THRESHOLD\s+PROCEDURE\s+SOURCE\s+MESSAGE$/);
    expect(r.stdout).toMatch(/WARNING\s+lab-1\s+memory/);
  });
});
