// The database screen in a real terminal: the figures, a long query, a
// blocking chain, terminating the blocker with the host name typed (lab-1 is
// production), the audit line, PostgreSQL stopped and started under a running
// cockpit, and the password on no screen and in no file riskctl wrote.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, tempDir } from '../app/cliHelpers';
import { pgStart, pgStop } from '../lab/lab';
import { appSession, filesUnder, labDbHostYaml, labPassword, pgLab, superuser, waitUntil } from '../services/database/pgLab';
import { PtySession } from './pty';

function config(dir: string): string {
  const file = join(dir, 'riskctl.yaml');
  writeFileSync(
    file,
    `hosts:
${labDbHostYaml({ name: 'lab-1', index: 0, tags: ['lab', 'production'], backups: true })}
refresh: 1
thresholds: { longQueryMinutes: 0.05 }
`,
  );
  return file;
}

describe('the database screen in a pseudo-terminal', () => {
  let s: PtySession | null = null;
  let su: pg.Client;
  const sessions: pg.Client[] = [];
  const env = cleanEnv();
  beforeAll(async () => {
    su = await superuser();
  });
  afterEach(() => s?.kill());
  afterAll(async () => {
    pgStart();
    await Promise.allSettled(sessions.map((c) => c.end()));
    await su?.end().catch(() => {});
  });

  it('shows the figures, a long query and a blocking chain, and terminates the blocker with confirmation', async () => {
    const holder = await appSession('e2e-holder');
    const waiter = await appSession('e2e-waiter');
    const sleeper = await appSession('e2e-sleeper');
    sessions.push(holder, waiter, sleeper);
    const pidOf = async (c: pg.Client) => (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    const [hp, wp, sp] = [await pidOf(holder), await pidOf(waiter), await pidOf(sleeper)];

    s = new PtySession(['--config', config(tempDir('e2e-db'))], { env: { ...env, [pgLab().passwordEnv]: labPassword() }, cols: 160, rows: 40 });
    // The overview's DB column: connections against the library's 50.
    await s.waitFor((t) => /lab-1.*connected.*\d+\/50/.test(t), 'the DB column on the overview');
    s.press('b');
    const screen = await s.waitFor((t) => t.includes('CONN') && /size \d/.test(t) && /backup \d/.test(t), 'the database figures');
    expect(screen).toContain('risk_platform_app@127.0.0.1');
    const latest = (await su.query(`SELECT version FROM risk_platform.schema_migrations ORDER BY version DESC LIMIT 1`)).rows[0].version;
    expect(screen).toContain(`migration ${latest}`);
    const max = (await su.query('SHOW max_connections')).rows[0].max_connections;
    expect(screen).toContain(`(max ${max})`);

    // A query past the (lowered, 3 s) threshold, then a lock held and waited for.
    const sleeping = sleeper.query('SELECT pg_sleep(60)').catch(() => null);
    const email = (await su.query(`SELECT email FROM risk_platform.users ORDER BY email OFFSET 1 LIMIT 1`)).rows[0].email as string;
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM risk_platform.users WHERE email = $1 FOR UPDATE`, [email]);
    const waiting = waiter.query(`UPDATE risk_platform.users SET updated_at = now() WHERE email = $1`, [email]).catch((e: Error) => e);
    await s.waitFor((t) => t.includes(`⛔ blocking: ${hp} ← ${wp}`) && /[1-9]\d* long/.test(t), 'the blocking chain and the long query');
    expect(s.text()).toContain(`← ${hp}`);

    // Filter down to the holder, terminate it: production → type the host name.
    s.press('/');
    for (const ch of 'e2e-holder') s.press(ch);
    s.press('\r');
    await s.waitFor((t) => t.includes('(filter "e2e-holder")') && t.includes(String(hp)), 'the filtered list');
    s.press('K');
    await s.waitFor((t) => t.includes(`Terminate backend ${hp}`) && t.includes('Type the host name'), 'the confirmation');
    for (const ch of 'lab-1') s.press(ch);
    s.press('\r');
    await s.waitFor((t) => t.includes(`terminated backend ${hp} on lab-1`), 'the result');
    // The waiter gets its lock and finishes.
    expect(await waiting).not.toBeInstanceOf(Error);
    await waitUntil(async () => (await su.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [hp])).rowCount === 0, 'the holder gone');
    await su.query('SELECT pg_cancel_backend($1)', [sp]);
    await sleeping;

    const audit = readFileSync(join(env.XDG_STATE_HOME!, 'riskctl', 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(audit.at(-1)).toMatchObject({ host: 'lab-1', target: `backend ${hp}`, action: 'terminate backend', result: 'ok' });

    s.press('q');
    expect(await s.waitExit()).toBe(0);
    expect(s.raw).not.toContain(labPassword());
  });

  it('says "database unavailable" with the reason while the cockpit runs on, and recovers by itself', async () => {
    s = new PtySession(['--config', config(tempDir('e2e-db-down'))], { env: { ...env, [pgLab().passwordEnv]: labPassword() }, cols: 160, rows: 40 });
    await s.waitFor((t) => /lab-1.*connected.*\d+\/50/.test(t), 'the DB column');
    s.press('b');
    await s.waitFor((t) => t.includes('CONN'), 'the database screen');
    pgStop();
    const down = await s.waitFor((t) => t.includes('✗ database unavailable: '), 'unavailable');
    expect(down).toMatch(/showing the last figures \(stale\)/);
    s.press('o');
    await s.waitFor((t) => /lab-1.*connected.*down/.test(t), 'the overview says down, the host stays connected');
    pgStart();
    s.press('b');
    await s.waitFor((t) => t.includes('CONN') && !t.includes('database unavailable'), 'the figures back', 40_000);
    s.press('q');
    expect(await s.waitExit()).toBe(0);
    expect(s.raw).not.toContain(labPassword());
    // Nothing riskctl wrote (state, audit, alert log, known_hosts) holds the password.
    const files = filesUnder(env.HOME!);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toContain(labPassword());
  }, 90_000);
});
