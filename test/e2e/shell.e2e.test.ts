// A shell without leaving the cockpit, in a real pseudo-terminal against the
// lab: s on a host and on a container hands the terminal to a shell on a new
// channel of the host's one SSH connection, and exit brings the cockpit back
// on the same screen with the same selection; the audit log has its start and
// end. A production host asks for its name; --read-only refuses.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/services/AuditLog';
import { cleanEnv, writeConfig } from '../app/cliHelpers';
import { readLab } from '../lab/lab';
import { waitUntil } from '../waitUntil';
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

/** Established TCP connections from this process to address:port, as the kernel lists them. */
function connectionsTo(pid: number, address: string, port: number): string[] {
  const out = execFileSync('ss', ['-Htnp', 'state', 'established', 'dst', `${address}:${port}`], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(`pid=${pid},`));
}

/** The overview's row of a host: "›   2 lab-2 …" when selected. */
const hostRow = (t: string, name: string) => t.split('\n').find((l) => new RegExp(`^[› ] +\\d+ ${name}\\s`).test(l)) ?? '';

/** In the shell (the cockpit has left the alternate screen): 6*7 computed there, then exit. */
async function computeAndExit(s: PtySession, pid: number, address: string, port: number, resize = false): Promise<string[]> {
  await s.waitFor(() => !s.onAltScreen(), 'the shell (the main screen)');
  // Its prompt first (keys typed ahead would be echoed before it, as over ssh).
  await s.waitFor((t) => t.trim() !== '', 'the prompt');
  s.press('echo $((6*7))\r');
  await s.waitFor((t) => /^42\s*$/m.test(t), '42 from the shell');
  const during = connectionsTo(pid, address, port);
  if (resize) {
    // The terminal's new size reaches the shell's pty.
    s.pty.resize(150, 30);
    s.term.resize(150, 30);
    // SIGWINCH and the typed keys reach riskctl apart: a `stty size` read before the signal shows the old size, so ask again.
    const resized = (t: string) => /^30 150\s*$/m.test(t);
    for (let i = 0; i < 9 && !resized(s.text()); i++) {
      s.press('stty size\r');
      await s.waitFor(resized, 'the new size in the shell', 1000).catch(() => undefined);
    }
    s.press('stty size\r');
    await s.waitFor(resized, 'the new size in the shell');
  }
  s.press('exit\r');
  return during;
}

/** Three lab hosts, lab-1 the production one, each with the lab's Docker engine. */
function threeHosts(env: Record<string, string>): string {
  const lab = readLab();
  return writeConfig(
    env.HOME!,
    lab.hosts.slice(0, 3).map((h) => ({ name: h.name, host: h, tags: h.tags, dockerSocket: lab.docker.socket })),
  );
}

describe('a shell from the cockpit, in a pseudo-terminal', () => {
  let s: PtySession | null = null;
  afterEach(() => s?.kill());

  it('s on a host: a shell on the one connection, sized with the terminal, and back on the same screen and host', async () => {
    const env = cleanEnv();
    const lab = readLab();
    const host = lab.hosts.find((h) => h.name === 'lab-2')!;
    s = new PtySession(['--config', threeHosts(env), '--host', 'lab-2'], { env, cols: 160, rows: 32 });
    await s.waitFor((t) => /lab-2.*connected/.test(t) && hostRow(t, 'lab-2').startsWith('›'), 'the overview, lab-2 selected');
    expect(connectionsTo(s.pty.pid, host.address, host.port)).toHaveLength(1);

    s.press('s');
    const during = await computeAndExit(s, s.pty.pid, host.address, host.port, true);
    expect(during).toHaveLength(1);
    const back = await s.waitFor((t) => s!.onAltScreen() && /Overview/.test(t) && /a shell on lab-2: ended after \d+ s, exit 0/.test(t), 'the cockpit back');
    expect(hostRow(back, 'lab-2')).toMatch(/^›/);
    expect(back).not.toMatch(/^42\s*$/m);
    // Keys reach the cockpit again.
    s.press('k');
    await s.waitFor((t) => hostRow(t, 'lab-1').startsWith('›'), 'k moves the selection');

    const entries = audit(env).map((e) => [e.host, e.target, e.action, e.result, e.detail]);
    expect(entries).toEqual([
      ['lab-2', 'shell', 'shell', 'ok', 'started'],
      ['lab-2', 'shell', 'shell', 'ok', 'ended, exit 0'],
    ]);
    expect(audit(env).at(-1)!.durationMs).toBeGreaterThan(0);
    s.press('q');
    expect(await s.waitExit()).toBe(0);
  });

  it('s on a container: a shell in it over the same connection, back on the services screen', async () => {
    const env = cleanEnv();
    const lab = readLab();
    const host = lab.hosts.find((h) => h.name === 'lab-2')!;
    s = new PtySession(['--config', threeHosts(env), '--host', 'lab-2'], { env, cols: 160, rows: 32 });
    await s.waitFor((t) => /lab-2.*connected/.test(t), 'the overview');
    s.press('u');
    await s.waitFor((t) => /Services\s+lab-2/.test(t) && /nginx/.test(t), 'the services screen');
    await selectService(s, 'nginx');

    s.press('s');
    const during = await computeAndExit(s, s.pty.pid, host.address, host.port);
    expect(during).toHaveLength(1);
    const back = await s.waitFor(
      (t) => s!.onAltScreen() && /Services\s+lab-2/.test(t) && /a shell in risk-platform_nginx_1 on lab-2: ended/.test(t.replace(/\n/g, ' ')),
      'the services screen back',
    );
    expect(row(back, 'nginx')).toMatch(/^›/);
    expect(audit(env).map((e) => [e.host, e.target, e.result, e.detail])).toEqual([
      ['lab-2', 'container risk-platform_nginx_1', 'ok', 'started'],
      ['lab-2', 'container risk-platform_nginx_1', 'ok', 'ended, exit 0'],
    ]);
  });

  it('asks for the name on a production host, and refuses under --read-only', async () => {
    const env = cleanEnv();
    const lab = readLab();
    s = new PtySession(['--config', threeHosts(env), '--host', 'lab-1'], { env, cols: 160, rows: 32 });
    await s.waitFor((t) => /lab-1.*connected/.test(t), 'the overview');
    s.press('s');
    await s.waitFor((t) => /Open a shell on\s+lab-1\s+PROD/.test(t) && /Type the host name lab-1/.test(t), 'the typed confirmation');
    s.press('\x1b');
    await s.waitFor((t) => /not opened: a shell on lab-1/.test(t), 'the cancellation');
    const cancelled = await waitUntil(() => audit(env).at(-1), 'the audit line');
    expect(cancelled).toMatchObject({ host: 'lab-1', action: 'shell', result: 'cancelled' });
    s.press('s');
    await s.waitFor((t) => /Type the host name lab-1/.test(t), 'the typed confirmation');
    s.press('lab-1\r');
    const host = lab.hosts.find((h) => h.name === 'lab-1')!;
    await computeAndExit(s, s.pty.pid, host.address, host.port);
    await s.waitFor((t) => s!.onAltScreen() && /a shell on lab-1: ended/.test(t), 'the cockpit back');
    s.kill();

    const ro = cleanEnv();
    s = new PtySession(['--config', threeHosts(ro), '--host', 'lab-3', '--read-only'], { env: ro, cols: 160, rows: 32 });
    await s.waitFor((t) => /lab-3.*connected/.test(t), 'the overview');
    s.press('s');
    await s.waitFor((t) => /--read-only: refused to open a shell/.test(t), 'the refusal');
    expect(s.onAltScreen()).toBe(true);
    // The refusal is on screen before the audit line is written.
    const refused = await waitUntil(() => audit(ro).at(-1), 'the audit line');
    expect(refused).toMatchObject({ host: 'lab-3', action: 'shell', result: 'refused' });
  });
});
