// What BR-002's live checks read on a lab host, for real: the health
// endpoints probed on the host over its SSH connection, the database through
// its tunnel, judged by the table's checks. grafana refuses on the lab on
// purpose, so the monitoring check fails with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../../src/hosts/Host';
import { readConfigFile } from '../../../../src/hosts/loadConfig';
import { headlessLiveFacts, hostLiveFacts } from '../../../../src/services/procedures/runner/hostLiveFacts';
import { evaluateLive, liveCheckFor } from '../../../../src/services/procedures/runner/liveChecks';
import { readLab } from '../../../lab/lab';
import { labHosts } from '../../../services/database/pgLab';

let hosts: Map<string, Host>;
beforeAll(async () => {
  hosts = await labHosts('lab-2');
});
afterAll(async () => {
  await Promise.all([...hosts.values()].map((h) => h.close()));
});

describe('live checks on a lab host', () => {
  it('ticks the database and API items, and not monitoring while grafana refuses', async () => {
    const cfg = readConfigFile(readLab().config).hosts.find((h) => h.name === 'lab-2')!;
    const facts = hostLiveFacts(hosts.get('lab-2')!, cfg);
    const check = (text: string) => evaluateLive(liveCheckFor(text)!, facts);
    const db = await check('Database restored successfully');
    expect(db?.ok).toBe(true);
    expect(db?.detail).toMatch(/^risk_platform answers: \d+ tables$/);
    expect(await check('API endpoints responding')).toMatchObject({ ok: true, detail: expect.stringMatching(/^api 200 OK \(\d+ ms\)$/) });
    const mon = await check('Monitoring systems functional');
    expect(mon?.ok).toBe(false);
    expect(mon?.detail).toMatch(/prometheus 200 OK \(\d+ ms\), grafana down: /);
    // No container reader given: that check does not run (the operator decides).
    expect(await check('All services start correctly')).toBeNull();
  });

  it('headless (no services watcher), the containers are read on the host when the check asks', async () => {
    const cfg = readConfigFile(readLab().config).hosts.find((h) => h.name === 'lab-2')!;
    const check = (c: typeof cfg) => evaluateLive(liveCheckFor('All services start correctly')!, headlessLiveFacts(hosts.get('lab-2')!, c));
    // The lab's project: redis unhealthy and grafana exited, on purpose.
    const r = await check(cfg);
    expect(r?.ok).toBe(false);
    expect(r?.detail).toMatch(/^\d+ of \d+ fine; /);
    expect(r?.detail).toContain('risk-platform_grafana_1 exited');
    expect(r?.detail).toContain('risk-platform_redis_1 unhealthy');
    // An engine that is not there: a failed check that says why.
    const none = await check({ ...cfg, docker: { ...cfg.docker, socket: '/nonexistent/docker.sock' } });
    expect(none?.ok).toBe(false);
    expect(none?.detail).toMatch(/docker/i);
  });

  it('a database that cannot be reached is a failed check with the reason, not a crash', async () => {
    const cfg = readConfigFile(readLab().config).hosts.find((h) => h.name === 'lab-2')!;
    const facts = hostLiveFacts(hosts.get('lab-2')!, { ...cfg, postgres: { ...cfg.postgres!, port: 1 } });
    const r = await evaluateLive(liveCheckFor('Database restored successfully')!, facts);
    expect(r?.ok).toBe(false);
    expect(r?.detail).toMatch(/refused|connect/i);
  });
});
