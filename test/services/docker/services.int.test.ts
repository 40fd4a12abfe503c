// The services pane's service against the lab's Docker engine, reached by
// every lab host over its own SSH connection: the compose project as Docker
// reports it, a guarded and audited restart, health endpoints requested on
// the host.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { AuditLog, type AuditEntry } from '../../../src/services/AuditLog';
import { ServicesService } from '../../../src/services/docker/ServicesService';
import { createLiveStore, type LiveStore } from '../../../src/services/liveStore';
import type { Poller } from '../../../src/services/Monitor';
import { tempDir } from '../../app/cliHelpers';
import { containerName, directDocker, dockerLab, labConfigs, labHosts, startedAt, waitUntil } from './dockerLab';

const NAMES = ['lab-1', 'lab-2', 'lab-3'];

describe('Docker services over each lab host’s SSH connection', () => {
  let hosts: Map<string, Host>;
  let store: LiveStore;
  let svc: ServicesService;
  const pollers = new Map<string, Poller[]>();
  const woken: string[] = [];
  const auditFile = join(tempDir('audit'), 'audit.jsonl');
  const audit = () =>
    readFileSync(auditFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry);

  beforeAll(async () => {
    hosts = await labHosts(...NAMES);
    store = createLiveStore(NAMES.map((n) => ({ name: n, tags: [], production: n === 'lab-1', address: n })));
    svc = new ServicesService({ store, refreshMs: 1000, audit: new AuditLog(auditFile), wake: (host, name) => woken.push(`${host} ${name}`) });
    for (const cfg of labConfigs(...NAMES)) pollers.set(cfg.name, svc.add(hosts.get(cfg.name)!, cfg));
  });

  afterAll(async () => {
    svc?.stop();
    await Promise.allSettled([...(hosts?.values() ?? [])].map((h) => h.close()));
  });

  it('lists the risk-platform project on every host with the services and states Docker reports', async () => {
    const direct = await directDocker().listContainers({ all: true });
    const want = new Map(direct.map((c) => [c.Labels['com.docker.compose.service'], c.State]));
    for (const name of NAMES) {
      await svc.watcher(name)!.refresh();
      const snap = store.getState().hosts[name]!.services;
      expect(snap.error).toBeNull();
      expect(snap.data!.engine).toMatch(/^\d+\.\d+/);
      const mine = snap.data!.containers.filter((c) => c.project === dockerLab().project);
      expect(mine.map((c) => c.service).sort()).toEqual([...dockerLab().services].sort());
      for (const c of mine) {
        expect(c.state).toBe(want.get(c.service!));
        expect(c.name).toBe(containerName(c.service!));
        expect(c.image).toBe(dockerLab().image);
        expect(c.restarts).toBeGreaterThanOrEqual(0);
      }
      const by = (s: string) => mine.find((c) => c.service === s)!;
      expect(by('grafana').state).toBe('exited');
      expect(by('grafana').exitCode).toBe(1);
      expect(by('api').state).toBe('running');
      expect(by('api').startedAt).toBe(await startedAt('api'));
    }
    // The healthchecks settle within a few seconds of the lab's start.
    await waitUntil(async () => {
      await svc.watcher('lab-2')!.refresh();
      const cs = store.getState().hosts['lab-2']!.services.data!.containers;
      return cs.find((c) => c.service === 'redis')?.health === 'unhealthy' && cs.find((c) => c.service === 'api')?.health === 'healthy';
    }, 'redis unhealthy and api healthy');
    const redis = store.getState().hosts['lab-2']!.services.data!.containers.find((c) => c.service === 'redis')!;
    expect(redis.healthLog).toContain('connection refused');
  });

  it('restarts a container: a new start time in Docker, the list follows by itself, the audit log says so', async () => {
    // Both hosts follow Docker's event stream; lab-2 never asks for anything.
    for (const n of ['lab-3', 'lab-2']) {
      svc.watcher(n)!.start();
      await waitUntil(() => store.getState().hosts[n]!.services.data?.events, `${n}'s event stream`);
    }
    const id = store.getState().hosts['lab-3']!.services.data!.containers.find((c) => c.service === 'nginx')!.id;
    const before = await startedAt('nginx');
    const r = await svc.containerAction('lab-3', id, 'restart', true);
    expect(r).toMatchObject({ ok: true });
    expect(r.message).toMatch(/^restarted risk-platform_nginx_1 on lab-3 \(\d+\.\d s\)$/);
    const after = await startedAt('nginx');
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
    expect((await directDocker().getContainer(id).inspect()).State.Running).toBe(true);
    // lab-2's list moves on by itself, through its own event stream.
    await waitUntil(
      () => store.getState().hosts['lab-2']!.services.data?.containers.find((c) => c.id === id)?.startedAt === after,
      "lab-2's list to show the new start time",
      3000,
    );
    // While events keep the list current, the periodic list is only a safety net: a slow one for a host
    // the services screen does not show; the quiet refresh, and a read at once, for the host it shows.
    expect(svc.watcher('lab-2')!.pollEveryMs(2000)).toBe(60_000);
    svc.setView({ screen: 'services', host: 'lab-2' });
    expect(woken).toEqual(['lab-2 services']);
    expect(svc.watcher('lab-2')!.pollEveryMs(2000)).toBe(10_000);
    svc.setView({ screen: 'services', host: 'lab-3' });
    expect(svc.watcher('lab-2')!.pollEveryMs(2000)).toBe(60_000);
    svc.setView({ screen: 'overview', host: 'lab-3' });
    expect(woken).toEqual(['lab-2 services', 'lab-3 services']);
    svc.watcher('lab-2')!.stop();
    // Once its stream is gone, the list depends on the poll again: every refresh.
    await waitUntil(() => svc.watcher('lab-2')!.pollEveryMs(2000) === 2000, 'the poll back at every refresh');
    expect(store.getState().hosts['lab-3']!.services.data!.containers.find((c) => c.id === id)!.startedAt).toBe(after);
    const last = audit().at(-1)!;
    expect(last).toMatchObject({ host: 'lab-3', target: 'container risk-platform_nginx_1', action: 'restart container', result: 'ok' });
    expect(last.operator.length).toBeGreaterThan(0);
    expect(Date.now() - Date.parse(last.time)).toBeLessThan(60_000);
  });

  it('refuses under --read-only and records the refusal; a "no" is recorded as cancelled', async () => {
    const id = store.getState().hosts['lab-3']!.services.data!.containers.find((c) => c.service === 'nginx')!.id;
    const before = await startedAt('nginx');
    store.setState({ readOnly: true });
    try {
      const r = await svc.containerAction('lab-3', id, 'restart', true);
      expect(r).toEqual({ ok: false, message: '--read-only: refused to restart risk-platform_nginx_1 (mutating)' });
    } finally {
      store.setState({ readOnly: false });
    }
    const no = await svc.containerAction('lab-3', id, 'stop', false);
    expect(no.ok).toBe(false);
    expect(await startedAt('nginx')).toBe(before);
    expect((await directDocker().getContainer(id).inspect()).State.Running).toBe(true);
    expect(
      audit()
        .slice(-2)
        .map((e) => [e.action, e.result]),
    ).toEqual([
      ['restart container', 'refused'],
      ['stop container', 'cancelled'],
    ]);
  });

  it('stops and starts a container', async () => {
    const id = store.getState().hosts['lab-1']!.services.data!.containers.find((c) => c.service === 'postgres')!.id;
    expect((await svc.containerAction('lab-1', id, 'stop', true)).ok).toBe(true);
    expect((await directDocker().getContainer(id).inspect()).State.Status).toBe('exited');
    expect(store.getState().hosts['lab-1']!.services.data!.containers.find((c) => c.id === id)!.state).toBe('exited');
    expect((await svc.containerAction('lab-1', id, 'start', true)).ok).toBe(true);
    expect((await directDocker().getContainer(id).inspect()).State.Running).toBe(true);
    expect(store.getState().hosts['lab-1']!.services.data!.containers.find((c) => c.id === id)!.state).toBe('running');
  });

  it('reads CPU and memory of the running containers (one-shot stats, CPU % between two samples)', async () => {
    const w = svc.watcher('lab-1')!;
    await w.refresh();
    await w.stats();
    await new Promise((r) => setTimeout(r, 300));
    await w.stats();
    const data = store.getState().hosts['lab-1']!.services.data!;
    const running = data.containers.filter((c) => c.state === 'running');
    expect(running.length).toBeGreaterThan(0);
    for (const c of running) {
      const st = data.stats[c.id]!;
      expect(st.cpuPercent).not.toBeNull();
      expect(st.cpuPercent!).toBeGreaterThanOrEqual(0);
      expect(st.memoryBytes).toBeGreaterThan(0);
    }
    expect(data.stats[data.containers.find((c) => c.state === 'exited')!.id]).toBeUndefined();
  });

  it('checks health endpoints on the host: the up ones up with a latency, the down one down with its error', async () => {
    const poller = pollers.get('lab-2')!.find((p) => p.name === 'health')!;
    await poller.run(new AbortController().signal);
    const health = store.getState().hosts['lab-2']!.health.data!;
    const by = (n: string) => health.find((h) => h.name === n)!;
    expect(health.map((h) => h.name)).toEqual(['api', 'prometheus', 'grafana']);
    for (const n of ['api', 'prometheus'] as const) {
      expect(by(n)).toMatchObject({ ok: true, status: 200, error: null, url: dockerLab().health[n] });
      expect(by(n).latencyMs).toBeGreaterThan(0);
      expect(by(n).latencyMs).toBeLessThan(5000);
    }
    expect(by('grafana')).toMatchObject({ ok: false, status: null, latencyMs: null, url: dockerLab().health.grafana });
    expect(by('grafana').error).toMatch(/connection refused/);
  });
});
