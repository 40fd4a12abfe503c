// Live logs against the lab: a line written to a container's output or
// appended to a host log file is in the buffer within a second, and a flood
// of 100 000 lines leaves every buffer at its bound.
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { ServicesService } from '../../../src/services/docker/ServicesService';
import { createLiveStore } from '../../../src/services/liveStore';
import { sourceKey, type LogSource } from '../../../src/services/logs/LogService';
import { containerName, containerSay, directDocker, dockerLab, labConfigs, labHosts, waitUntil } from '../docker/dockerLab';

const CAPACITY = 10_000;

describe('live logs over a lab host’s SSH connection', () => {
  let hosts: Map<string, Host>;
  const store = createLiveStore([{ name: 'lab-3', tags: [], production: false, address: 'lab-3' }]);
  const svc = new ServicesService({ store, refreshMs: 1000, logLines: CAPACITY });
  const logs = svc.logs;
  let apiId = '';

  beforeAll(async () => {
    hosts = await labHosts('lab-3');
    svc.add(hosts.get('lab-3')!, labConfigs('lab-3')[0]!);
    apiId = (await directDocker().getContainer(containerName('api')).inspect()).Id;
  });

  afterAll(async () => {
    svc.stop();
    await Promise.allSettled([...(hosts?.values() ?? [])].map((h) => h.close()));
  });

  const lines = (s: LogSource) => {
    const b = logs.buffer(sourceKey(s));
    const out: string[] = [];
    for (let i = 0; i < (b?.length ?? 0); i++) out.push(b!.at(i)!.text);
    return out;
  };

  it("lists the host's log files by its globs, expanded on the host", async () => {
    svc.setView({ screen: 'logs', host: 'lab-3' });
    await waitUntil(() => logs.store.getState().files['lab-3'], 'the file list');
    const dir = dockerLab().logsDir;
    const files = logs.store.getState().files['lab-3']!;
    expect(files.error).toBeNull();
    expect(files.paths).toEqual(expect.arrayContaining([join(dir, 'app.log'), join(dir, 'security.log')]));
    expect(files.paths.every((p) => p.startsWith(`${dir}/`) && p.endsWith('.log'))).toBe(true);
  });

  it("shows a line written to a container's output within a second, stdout and stderr apart", async () => {
    const src: LogSource = { kind: 'container', host: 'lab-3', id: apiId, name: containerName('api') };
    const before = `before-open-${Date.now()}`;
    containerSay('api', `echo ${before}`);
    logs.open(src);
    // The history first: what the container said before the source was opened.
    await waitUntil(() => lines(src).includes(before), 'the history');
    expect(logs.store.getState().active).toMatchObject({ key: sourceKey(src), state: 'following', error: null });
    const marker = `container-line-${Date.now()}`;
    const t0 = Date.now();
    containerSay('api', `echo ${marker}; echo ${marker}-err >&2`);
    await waitUntil(() => lines(src).includes(`${marker}-err`), 'the new lines', 3000);
    // Measured from after `docker exec` returned: the follower already had them, or got them at once.
    expect(Date.now() - t0).toBeLessThan(1000 + 2000 /* docker exec itself */);
    const b = logs.buffer(sourceKey(src))!;
    const line = (text: string) => [...Array(b.length).keys()].map((i) => b.at(i)!).find((l) => l.text === text)!;
    expect(line(marker).stream).toBe('out');
    expect(line(`${marker}-err`).stream).toBe('err');
    // Docker's own timestamp, not the time it arrived.
    expect(Math.abs(line(marker).ts - t0)).toBeLessThan(5000);
  });

  it('shows a line appended to a host log file within a second', async () => {
    const path = join(dockerLab().logsDir, 'app.log');
    const src: LogSource = { kind: 'file', host: 'lab-3', path };
    const before = `before-open-${Date.now()}`;
    appendFileSync(path, `${before}\n`);
    logs.open(src);
    await waitUntil(() => lines(src).includes(before), 'the file history');
    const marker = `file-line-${Date.now()}`;
    const t0 = Date.now();
    appendFileSync(path, `${new Date().toISOString()} ERROR app: ${marker}\n`);
    await waitUntil(() => lines(src).some((l) => l.endsWith(marker)), 'the appended line', 1000);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('keeps every buffer at its bound under a flood of 100 000 lines', async () => {
    // A file of its own, removed afterwards: the lab's logs do not grow with every run.
    const path = join(dockerLab().logsDir, `flood-${process.pid}.log`);
    writeFileSync(path, 'start\n', { mode: 0o644 });
    try {
      const file: LogSource = { kind: 'file', host: 'lab-3', path };
      const container: LogSource = { kind: 'container', host: 'lab-3', id: apiId, name: containerName('api') };

      logs.open(file);
      const fb = () => logs.buffer(sourceKey(file))!;
      await waitUntil(() => fb().length > 0, 'the file history');
      const base = fb().total;
      appendFileSync(path, Array.from({ length: 100_000 }, (_, i) => `flood ${i + 1}`).join('\n') + '\n');
      await waitUntil(() => fb().last()?.text === 'flood 100000', 'the file flood to arrive', 20_000);
      expect(fb().total).toBeGreaterThanOrEqual(base + 100_000);
      expect(fb().length).toBe(CAPACITY);
      expect(fb().last()!.text).toBe('flood 100000');
      expect(fb().at(0)!.text).toBe(`flood ${100_000 - CAPACITY + 1}`);

      logs.open(container);
      const cb = () => logs.buffer(sourceKey(container))!;
      const marker = `flood-start-${Date.now()}`;
      containerSay('api', `echo ${marker}; seq 1 100000`);
      await waitUntil(() => cb().last()?.text === '100000', 'the container flood to arrive', 30_000);
      expect(cb().length).toBe(CAPACITY);
      expect(cb().at(0)!.text).toBe(String(100_000 - CAPACITY + 1));

      for (const b of logs.allBuffers()) expect(b.length).toBeLessThanOrEqual(CAPACITY);
    } finally {
      rmSync(path, { force: true });
    }
    // The screen heard about it in throttled ticks, not one per line.
    expect(logs.store.getState().tick).toBeLessThan(2000);
  });

  it('stops following when the logs screen is hidden', async () => {
    svc.setView({ screen: 'services', host: 'lab-3' });
    expect(logs.store.getState().active).toBeNull();
  });
});
