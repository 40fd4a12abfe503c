// `riskctl status --json`'s services, servicesError and health per host:
// against the lab's Docker project, which is broken on purpose
// (grafana exited, redis unhealthy), so the check fails with CRITICAL alerts.
import { describe, expect, it } from 'vitest';
import type { AlertJson } from '../../src/services/alerts/types';
import type { HealthJson, ServiceJson } from '../../src/services/docker/readOnce';
import { readLab } from '../lab/lab';
import { directDocker, dockerLab } from '../services/docker/dockerLab';
import { cleanEnv, riskctl, tempDir, writeConfig } from './cliHelpers';
import { labHost } from '../lab/lab';

interface Host {
  name: string;
  state: string;
  resources: unknown;
  services: ServiceJson[] | null;
  servicesError: string | null;
  health: HealthJson[] | null;
  alerts: AlertJson[];
}

const SERVICE_KEYS = ['name', 'project', 'service', 'state', 'health', 'restarts', 'startedAt', 'image'];
const HEALTH_KEYS = ['name', 'url', 'ok', 'status', 'latencyMs', 'error'];

describe('riskctl status --json: services and health', () => {
  it("reports each lab host's compose services as Docker does, the health endpoints, and fails on the broken ones", async () => {
    const r = await riskctl(['status', '--json', '--config', readLab().config, '--host', 'lab-2'], cleanEnv());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const h = (JSON.parse(r.stdout) as { hosts: Host[] }).hosts[0]!;
    expect(h.state).toBe('connected');
    expect(h.resources).not.toBeNull();
    expect(h.servicesError).toBeNull();
    const mine = h.services!.filter((s) => s.project === dockerLab().project);
    for (const s of mine) expect(Object.keys(s).sort()).toEqual([...SERVICE_KEYS].sort());
    expect(mine.map((s) => s.service).sort()).toEqual([...dockerLab().services].sort());
    // State, start time and restarts as Docker itself says.
    for (const c of await directDocker().listContainers({ all: true })) {
      const s = h.services!.find((x) => x.name === c.Names[0]!.slice(1))!;
      const i = await directDocker().getContainer(c.Id).inspect();
      expect(s.state).toBe(i.State.Status);
      expect(s.image).toBe(c.Image);
      if (i.State.Status === 'running') expect(s.startedAt).toBe(i.State.StartedAt);
      expect(s.restarts).toBe(i.RestartCount);
    }
    expect(mine.find((s) => s.service === 'grafana')!.state).toBe('exited');

    const health = h.health!;
    for (const e of health) expect(Object.keys(e).sort()).toEqual([...HEALTH_KEYS].sort());
    expect(health.find((e) => e.name === 'api')).toMatchObject({ ok: true, status: 200, error: null, url: dockerLab().health.api });
    expect(health.find((e) => e.name === 'prometheus')).toMatchObject({ ok: true, status: 200 });
    expect(health.find((e) => e.name === 'grafana')).toMatchObject({ ok: false, status: null, latencyMs: null });
    expect(health.find((e) => e.name === 'grafana')!.error).toMatch(/connection refused/);

    // The rules see them: the exited service and the failing endpoint are CRITICAL.
    expect(h.alerts).toContainEqual(expect.objectContaining({ severity: 'CRITICAL', rule: 'service-down', target: 'grafana', value: 'exited' }));
    expect(h.alerts).toContainEqual(expect.objectContaining({ severity: 'CRITICAL', rule: 'health-failing', target: 'grafana' }));
  });

  it('reports servicesError for a host whose configured engine does not answer (CRITICAL, exit 1), and everything else as usual', async () => {
    const cfg = writeConfig(tempDir('nodocker'), [
      { name: 'lab-3', host: labHost(3), dockerSocket: '/nonexistent/docker.sock', health: [{ name: 'api', url: dockerLab().health.api }] },
    ]);
    const r = await riskctl(['status', '--json', '--config', cfg], cleanEnv());
    expect(r.code).toBe(1);
    const h = (JSON.parse(r.stdout) as { hosts: Host[] }).hosts[0]!;
    expect(h.state).toBe('connected');
    expect(h.resources).not.toBeNull();
    expect(h.services).toBeNull();
    expect(h.servicesError).toBe('Docker unavailable: no socket at /nonexistent/docker.sock (dockerd not running, or docker.socket set wrong)');
    expect(h.health).toEqual([expect.objectContaining({ name: 'api', ok: true, status: 200 })]);

    const table = await riskctl(['status', '--config', cfg], cleanEnv());
    expect(table.stdout.split('\n')[0]).toMatch(/\bSVC\b/);
    expect(table.stdout).toMatch(/lab-3\s+connected.*engine down/);
  });
});
