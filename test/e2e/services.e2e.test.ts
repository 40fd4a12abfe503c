// The services and logs screens in a real pseudo-terminal against the lab:
// pick a container, stop/start/restart it with confirmation and see its state
// change (and Docker's start time), a production host asks for its name, the
// read-only cockpit refuses; then follow a container's logs and filter them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/services/AuditLog';
import { cleanEnv } from '../app/cliHelpers';
import { readLab } from '../lab/lab';
import { containerSay, startedAt } from '../services/docker/dockerLab';
import { PtySession } from './pty';
import { row, selectService } from './servicesRows';

function audit(env: Record<string, string>): AuditEntry[] {
  const f = join(env.XDG_STATE_HOME!, 'riskctl', 'audit.jsonl');
  return existsSync(f)
    ? readFileSync(f, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as AuditEntry)
    : [];
}

describe('services and logs in the cockpit, in a pseudo-terminal', () => {
  let s: PtySession | null = null;
  afterEach(() => s?.kill());

  it('stops, starts and restarts a container with confirmation and shows the state change', async () => {
    const env = cleanEnv();
    s = new PtySession(['--config', readLab().config, '--host', 'lab-2'], { env, cols: 140, rows: 34 });
    await s.waitFor((t) => /lab-2.*connected/.test(t), 'the overview');
    s.press('u');
    // The containers and the health endpoints are read apart: wait for both.
    await s.waitFor(
      (t) =>
        /Services\s+lab-2/.test(t) &&
        /risk-platform\s+5\/6 up/.test(t) &&
        row(t, 'redis').includes('unhealthy') &&
        /grafana\s+down\s.*connection refused/.test(t),
      'the services screen and its health endpoints',
    );
    const t0 = s.text();
    for (const svc of ['nginx', 'api', 'postgres', 'redis', 'prometheus']) expect(row(t0, svc)).toMatch(/running/);
    expect(row(t0, 'grafana')).toMatch(/exited \(1\)/);
    expect(t0).toMatch(/grafana\s+down\s.*connection refused/);

    await selectService(s, 'nginx');
    s.press('S');
    await s.waitFor((t) => /MUTATING.*Stop container risk-platform_nginx_1 on\s+lab-2/.test(t) && /y\s+confirm/.test(t), 'the confirmation');
    s.press('y');
    await s.waitFor((t) => /exited/.test(row(t, 'nginx')) && /stopped risk-platform_nginx_1 on lab-2/.test(t), 'nginx exited');

    s.press('U');
    await s.waitFor((t) => /Start container risk-platform_nginx_1/.test(t), 'the confirmation');
    s.press('y');
    await s.waitFor((t) => /running/.test(row(t, 'nginx')) && /started risk-platform_nginx_1 on lab-2/.test(t), 'nginx running again');

    const before = await startedAt('nginx');
    s.press('R');
    await s.waitFor((t) => /Restart container risk-platform_nginx_1/.test(t), 'the confirmation');
    s.press('y');
    const after = await s.waitFor((t) => /restarted risk-platform_nginx_1 on lab-2 \(\d+\.\d s\)/.test(t), 'the restart message');
    // A fresh start: its uptime starts again from seconds.
    expect(row(after, 'nginx')).toMatch(/running\s+—\s+\d+s\s/);
    expect(Date.parse(await startedAt('nginx'))).toBeGreaterThan(Date.parse(before));
    expect(audit(env).map((e) => [e.host, e.target, e.action, e.result])).toEqual([
      ['lab-2', 'container risk-platform_nginx_1', 'stop container', 'ok'],
      ['lab-2', 'container risk-platform_nginx_1', 'start container', 'ok'],
      ['lab-2', 'container risk-platform_nginx_1', 'restart container', 'ok'],
    ]);

    // On the production host the name must be typed; Esc cancels, and that is recorded too.
    s.press('1');
    s.press('u');
    await s.waitFor((t) => /Services\s+lab-1\s+PROD/.test(t) && /risk-platform/.test(t), "lab-1's services");
    await selectService(s, 'nginx');
    const unchanged = await startedAt('nginx');
    s.press('R');
    await s.waitFor((t) => /Type the host name lab-1/.test(t), 'the typed confirmation');
    for (const ch of 'lab-') s.press(ch);
    s.press('\x1b');
    await s.waitFor((t) => /not done: restart risk-platform_nginx_1/.test(t), 'the cancellation');
    expect(audit(env).at(-1)).toMatchObject({ host: 'lab-1', action: 'restart container', result: 'cancelled' });
    expect(await startedAt('nginx')).toBe(unchanged);

    s.press('q');
    expect(await s.waitExit()).toBe(0);
  });

  it('refuses container actions under --read-only', async () => {
    const env = cleanEnv();
    // Wide enough for the refusal beside the alert counts of a lab of any size.
    s = new PtySession(['--config', readLab().config, '--host', 'lab-3', '--read-only'], { env, cols: 200, rows: 34 });
    await s.waitFor((t) => /lab-3.*connected/.test(t), 'the overview');
    s.press('u');
    await s.waitFor((t) => /Services\s+lab-3/.test(t) && /nginx/.test(t), 'the services screen');
    await selectService(s, 'nginx');
    const before = await startedAt('nginx');
    s.press('R');
    await s.waitFor((t) => /--read-only: refused to restart risk-platform_nginx_1/.test(t), 'the refusal');
    expect(s.text()).not.toMatch(/Type the host name|y\s+confirm/);
    expect(await startedAt('nginx')).toBe(before);
    expect(audit(env).at(-1)).toMatchObject({ host: 'lab-3', action: 'restart container', result: 'refused' });
  });

  it("follows a container's logs, shows a new line within a second, and filters", async () => {
    s = new PtySession(['--config', readLab().config, '--host', 'lab-2'], { env: cleanEnv(), cols: 140, rows: 34 });
    await s.waitFor((t) => /lab-2.*connected/.test(t), 'the overview');
    s.press('u');
    await s.waitFor((t) => /Services\s+lab-2/.test(t) && /api/.test(t), 'the services screen');
    await selectService(s, 'api');
    s.press('\r');
    await s.waitFor((t) => /Logs\s+lab-2\s+risk-platform_api_1\s+FOLLOWING/.test(t), 'the api logs');

    const tag = `e2e-${Date.now()}`;
    containerSay('api', `echo ${tag}-alpha; echo ${tag}-beta ERROR; echo ${tag}-gamma`);
    const start = Date.now();
    await s.waitFor((t) => t.includes(`${tag}-gamma`), 'the new lines', 5000);
    // docker exec returned before the clock started: the line was on screen within a second of it.
    expect(Date.now() - start).toBeLessThan(1000);

    s.press('/');
    for (const ch of `${tag}-(alpha|gamma)`) s.press(ch);
    s.press('\r');
    const filtered = await s.waitFor((t) => t.includes(`/${tag}-(alpha|gamma)/`) && !t.includes(`${tag}-beta`), 'the filtered view');
    expect(filtered).toContain(`${tag}-alpha`);
    expect(filtered).toContain(`${tag}-gamma`);
    expect(filtered).toMatch(/2 of \d+ lines/);

    // Inverted: everything but those two.
    s.press('!');
    await s.waitFor((t) => /inverted/.test(t) && !t.includes(`${tag}-alpha`) && t.includes(`${tag}-beta`), 'the inverted filter');
    s.press('!');

    // The errors view: only warning|error|critical lines.
    s.press('\x1b');
    await s.waitFor((t) => !t.includes(`/${tag}`), 'the filter cleared');
    s.press('e');
    const errors = await s.waitFor((t) => /errors only/.test(t) && t.includes(`${tag}-beta ERROR`), 'the errors view');
    expect(errors).not.toContain(`${tag}-alpha`);

    s.press('q');
    expect(await s.waitExit()).toBe(0);
  });
});
