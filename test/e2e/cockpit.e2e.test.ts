import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv } from '../app/cliHelpers';
import { readLab } from '../lab/lab';
import { PtySession } from './pty';

/** Established TCP connections from a process to an address:port, counted from outside with ss. */
function sshConnections(pid: number, address: string, port: number): number {
  const out = execFileSync('ss', ['-Htnp', 'state', 'established', 'dst', `${address}:${port}`], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(`pid=${pid},`)).length;
}

describe('the cockpit in a pseudo-terminal', () => {
  let s: PtySession | null = null;
  afterEach(() => s?.kill());

  it('shows the lab on the overview, switches to host 2, shows help, and quits cleanly', async () => {
    const lab = readLab();
    s = new PtySession(['--config', lab.config], { env: cleanEnv(), cols: 120, rows: 30 });
    // All three hosts with live figures (a percentage in their rows).
    const overview = await s.waitFor(
      (t) => ['lab-1', 'lab-2', 'lab-3'].every((n) => new RegExp(`${n}.*connected.*\\d+(\\.\\d)?%`).test(t)),
      'three connected hosts with figures',
    );
    expect(s.onAltScreen()).toBe(true);
    expect(overview).toMatch(/lab-1.*PROD/);

    // One SSH connection per host carries everything.
    for (const h of lab.hosts) expect(sshConnections(s.pty.pid, h.address, h.port)).toBe(1);

    s.press('2');
    const res = await s.waitFor((t) => /Filesystem|MOUNT|Mount/i.test(t) && t.includes('lab-2'), "lab-2's resources");
    expect(res).toMatch(/CPU/);
    expect(res).toMatch(/\//);

    s.press('?');
    const help = await s.waitFor((t) => /quit/i.test(t) && /help/i.test(t), 'the help overlay');
    expect(help).toMatch(/\bq\b/);
    s.press('\x1b');
    // Closed: the help's own lines are gone ("scroll filesystems" in it would match MOUNT|Filesystem).
    // Waiting for that also keeps Esc and q apart: sent together they read as Alt-q.
    await s.waitFor((t) => !/quit \(from anywhere\)/.test(t) && /MOUNT|Filesystem/i.test(t), 'help closed');

    s.press('q');
    expect(await s.waitExit()).toBe(0);
    // The terminal is handed back: main screen, cursor visible.
    expect(s.onAltScreen()).toBe(false);
    expect(s.raw.endsWith('\x1b[?1049l') || s.raw.includes('\x1b[?25h\x1b[?1049l')).toBe(true);
  });

  it('refuses to start under CI, where Ink would draw nothing, and says which variable to change', async () => {
    const lab = readLab();
    s = new PtySession(['--config', lab.config], { env: { ...cleanEnv(), CI: 'true' } });
    expect(await s.waitExit()).toBe(2);
    expect(s.raw).toContain('the cockpit cannot draw while CI is set');
    expect(s.raw).not.toMatch(/\n\s+at /);
  });

  it('takes keys typed while it loads, after the first frame, without echoing them', async () => {
    const lab = readLab();
    s = new PtySession(['--config', lab.config], { env: cleanEnv() });
    // The first frame is out (the plain one, before Ink reads keys): j moves to host 2, ? opens the help.
    await s.waitFor((t) => t.includes('Overview') && t.includes('lab-1'), 'the first frame');
    const before = s.raw.length;
    s.press('j');
    s.press('?');
    await s.waitFor((t) => /quit \(from anywhere\)/.test(t), 'the help overlay');
    s.press('\x1b');
    await s.waitFor((t) => !/quit \(from anywhere\)/.test(t) && /› +2 lab-2/.test(t), 'host 2 selected on the overview');
    // Raw mode from the first frame on: the terminal echoed neither key.
    expect(s.raw.slice(before).replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')).not.toContain('j?');
    s.press('q');
    expect(await s.waitExit()).toBe(0);
  });

  it('exits cleanly on SIGTERM', async () => {
    const lab = readLab();
    s = new PtySession(['--config', lab.config], { env: cleanEnv() });
    await s.waitFor((t) => t.includes('lab-3'), 'the overview');
    process.kill(s.pty.pid, 'SIGTERM');
    expect(await s.waitExit()).toBe(0);
    expect(s.onAltScreen()).toBe(false);
  });
});
