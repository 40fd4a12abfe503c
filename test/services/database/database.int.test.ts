// The database pane's service against the lab's PostgreSQL, through the SSH
// tunnel of a lab host: figures match direct queries, long queries, blocking
// chains, cancel/terminate with the audit log, the degraded view of a role
// without pg_monitor, and the password path (env var, ~/.pgpass, wrong one).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { AuditLog } from '../../../src/services/AuditLog';
import { DatabaseCollector } from '../../../src/services/database/DatabaseCollector';
import { DatabaseService, readBackups } from '../../../src/services/database/DatabaseService';
import { NO_PASSWORD_RECHECK_MS, PgSession } from '../../../src/services/database/PgSession';
import { createLiveStore } from '../../../src/services/liveStore';
import { tempDir } from '../../app/cliHelpers';
import { appSession, labBackups, labHosts, labPassword, passwordEnv, pgLab, superuser, target, waitUntil } from './pgLab';

describe('the database service against the lab (through lab-2’s SSH tunnel)', () => {
  let hosts: Map<string, Host>;
  let host: Host;
  let su: pg.Client;
  const sessions: pg.Client[] = [];
  const open = async (name: string, role: 'app' | 'limited' = 'app') => {
    const c = await appSession(name, role);
    sessions.push(c);
    return c;
  };

  beforeAll(async () => {
    hosts = await labHosts('lab-2');
    host = hosts.get('lab-2')!;
    su = await superuser();
  });
  afterAll(async () => {
    await Promise.allSettled(sessions.map((c) => c.end()));
    await su?.end();
    await Promise.allSettled([...hosts.values()].map((h) => h.close()));
  });

  it('reads figures that match direct queries on the server', async () => {
    const session = new PgSession(host, target('app'), { passwordEnv: passwordEnv() });
    const c = new DatabaseCollector(session);
    const idle = await open('riskctl-test-idle');
    await idle.query('SELECT 1');
    const snap = await c.collect({ longQuerySeconds: 300, slowMaxAgeMs: 0 });
    // Each side sees itself active and the other idle: the counts agree.
    const [d] = (
      await su.query(`SELECT count(*)::int AS total, count(*) FILTER (WHERE state = 'active')::int AS active,
        count(*) FILTER (WHERE state = 'idle')::int AS idle, count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS iit,
        current_setting('max_connections')::int AS max FROM pg_stat_activity WHERE backend_type = 'client backend'`)
    ).rows;
    expect(snap.connections).toEqual({ total: d.total, active: d.active, idle: d.idle, idleInTransaction: d.iit, hidden: 0, max: d.max });
    expect(snap.connections.total).toBeGreaterThanOrEqual(3);
    expect(snap.sessions.some((s) => s.application === 'riskctl-test-idle' && s.state === 'idle')).toBe(true);
    // Our own session is counted but never listed.
    expect(snap.sessions.some((s) => s.pid === snap.ownPid)).toBe(false);
    const own = (await su.query(`SELECT application_name FROM pg_stat_activity WHERE pid = $1`, [snap.ownPid])).rows[0];
    expect(own.application_name).toBe('riskctl');

    const size = Number((await su.query(`SELECT pg_database_size('risk_platform') AS b`)).rows[0].b);
    expect(Math.abs(snap.sizeBytes! - size)).toBeLessThan(256 * 1024);
    const [cache] = (await su.query(`SELECT sum(heap_blks_hit)::float8 AS h, sum(heap_blks_read)::float8 AS r FROM pg_statio_user_tables`)).rows;
    expect(snap.cacheHitRatio).toBeCloseTo((cache.h / (cache.h + cache.r)) * 100, 0);
    const migrations = (await su.query(`SELECT version, applied_at FROM risk_platform.schema_migrations ORDER BY version DESC LIMIT 5`)).rows;
    expect(snap.migrations).toEqual(migrations.map((m) => ({ version: m.version, appliedAt: m.applied_at.toISOString() })));
    expect(snap.largestTables?.[0]).toMatchObject({ schema: 'risk_platform', name: 'audit_log' });
    expect(snap.topStatements!.length).toBeGreaterThan(0);
    expect(snap.replication).toEqual({ role: 'primary', lagSeconds: null, standbys: [] });
    expect(snap.walBytes).toBeGreaterThan(0);
    expect(snap.privileged).toBe(true);
    expect(snap.degraded).toEqual({});
    await session.close();
  });

  it('shows a pg_sleep query as long-running once past the threshold', async () => {
    const session = new PgSession(host, target('app'), { passwordEnv: passwordEnv() });
    const c = new DatabaseCollector(session);
    const sleeper = await open('riskctl-test-sleep');
    const pid = (await sleeper.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    const running = sleeper.query('SELECT pg_sleep(30)').catch(() => null);
    const snap = await waitUntil(async () => {
      const s = await c.collect({ longQuerySeconds: 1, slowMaxAgeMs: 60_000 });
      return s.longRunning.some((l) => l.pid === pid) ? s : null;
    }, 'the pg_sleep to be long-running');
    const l = snap.longRunning.find((x) => x.pid === pid)!;
    expect(l).toMatchObject({ user: 'risk_platform_app', state: 'active', query: 'SELECT pg_sleep(30)' });
    expect(l.durationSeconds).toBeGreaterThanOrEqual(1);
    await su.query('SELECT pg_cancel_backend($1)', [pid]);
    await running;
    await session.close();
  });

  it('shows two sessions locking one row as a blocking chain, and cancels and terminates with an audit line each', async () => {
    const dir = tempDir('db-audit');
    const audit = new AuditLog(join(dir, 'audit.jsonl'));
    const store = createLiveStore([{ name: 'lab-2', tags: [], production: false, address: 'lab-2' }]);
    const svc = new DatabaseService(store, { longQuerySeconds: 300, intervalMs: 1000, audit, session: { passwordEnv: passwordEnv() } });
    const [poll] = svc.add(host, { postgres: target('app'), backups: { dir: labBackups().dir } });

    const holder = await open('riskctl-test-holder');
    const waiter = await open('riskctl-test-waiter');
    const third = await open('riskctl-test-third');
    const pidOf = async (c: pg.Client) => (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    const [hp, wp, tp] = [await pidOf(holder), await pidOf(waiter), await pidOf(third)];
    const email = (await su.query(`SELECT email FROM risk_platform.users ORDER BY email LIMIT 1`)).rows[0].email;
    await holder.query('BEGIN');
    await holder.query('SELECT status FROM risk_platform.users WHERE email = $1 FOR UPDATE', [email]);
    const waiting = waiter.query(`UPDATE risk_platform.users SET updated_at = now() WHERE email = $1`, [email]).catch((e: Error) => e);
    // The third must queue behind the second: start it only once the second waits on the lock.
    await waitUntil(
      async () => (await su.query('SELECT $2::int = ANY(pg_blocking_pids($1)) AS w', [wp, hp])).rows[0].w === true,
      'the second session to wait on the holder',
    );
    const waiting3 = third.query(`UPDATE risk_platform.users SET updated_at = now() WHERE email = $1`, [email]).catch((e: Error) => e);

    await waitUntil(async () => {
      await poll!.run(new AbortController().signal);
      const b = store.getState().hosts['lab-2']!.database.data?.blocked ?? [];
      return b.some((x) => x.pid === wp) && b.some((x) => x.pid === tp);
    }, 'both waiters to show as blocked');
    const snap = store.getState().hosts['lab-2']!.database.data!;
    expect(snap.blocked.find((x) => x.pid === wp)!.blockedBy).toEqual([hp]);
    // The third waits for the holder and queues behind the second.
    expect(snap.blocked.find((x) => x.pid === tp)!.blockedBy).toContain(wp);

    // Cancel the second waiter's query: it fails with "canceling statement".
    const cancel = await svc.signalBackend('lab-2', wp, 'cancel', true);
    expect(cancel).toMatchObject({ ok: true });
    expect(String(await waiting)).toMatch(/canceling statement due to user request/);

    // Terminate the holder: its lock goes, so the third's update completes.
    const term = await svc.signalBackend('lab-2', hp, 'terminate', true);
    expect(term).toMatchObject({ ok: true, message: `terminated backend ${hp} on lab-2` });
    expect(await waiting3).not.toBeInstanceOf(Error);
    await waitUntil(async () => (await su.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [hp])).rowCount === 0, 'the holder to be gone');

    // No, --read-only, our own session, a pid that is gone.
    expect((await svc.signalBackend('lab-2', tp, 'terminate', false)).ok).toBe(false);
    const ownPid = store.getState().hosts['lab-2']!.database.data!.ownPid;
    expect((await svc.signalBackend('lab-2', ownPid, 'terminate', true)).message).toMatch(/riskctl's own session/);
    expect((await svc.signalBackend('lab-2', hp, 'cancel', true)).message).toMatch(/no such backend/);
    store.setState({ readOnly: true });
    expect((await svc.signalBackend('lab-2', tp, 'cancel', true)).message).toMatch(/--read-only/);
    expect((await su.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [tp])).rowCount).toBe(1);

    const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.host, l.target, l.action, l.result])).toEqual([
      ['lab-2', `backend ${wp}`, 'cancel backend', 'ok'],
      ['lab-2', `backend ${hp}`, 'terminate backend', 'ok'],
      ['lab-2', `backend ${tp}`, 'terminate backend', 'cancelled'],
      ['lab-2', `backend ${ownPid}`, 'terminate backend', 'refused'],
      ['lab-2', `backend ${hp}`, 'cancel backend', 'failed'],
      ['lab-2', `backend ${tp}`, 'cancel backend', 'refused'],
    ]);
    expect(lines[1].detail).toMatch(/risk_platform_app@risk_platform, app riskctl-test-holder/);
    expect(lines[0].operator).toBeTruthy();
    await svc.close();
  });

  it('gives a role without pg_monitor the degraded view, with the reason, not an error', async () => {
    const other = await open('riskctl-test-other-role');
    await other.query('SELECT 1');
    const session = new PgSession(host, target('limited'), { passwordEnv: passwordEnv() });
    const snap = await new DatabaseCollector(session).collect({ longQuerySeconds: 300, slowMaxAgeMs: 0 });
    expect(snap.privileged).toBe(false);
    expect(snap.degraded.sessions).toMatch(/needs pg_monitor/);
    expect(snap.degraded.wal).toBe('needs pg_monitor');
    expect(snap.walBytes).toBeNull();
    // Still there: counts, size, cache, migrations (it may SELECT them).
    expect(snap.connections.total).toBeGreaterThan(1);
    expect(snap.connections.hidden).toBeGreaterThan(0);
    expect(snap.sizeBytes).toBeGreaterThan(0);
    expect(snap.migrations).toHaveLength(5);
    const hidden = snap.sessions.find((s) => s.application === '' && s.state === null);
    expect(hidden?.query ?? null).toBeNull();
    await session.close();
  });

  it('takes the password from ~/.pgpass when the variable is not set, and reports a wrong one without showing it', async () => {
    const dir = tempDir('pgpass');
    const file = join(dir, 'pgpass');
    const p = pgLab();
    writeFileSync(file, `# lab\n*:${p.port}:${p.database}:${p.roles.app}:${labPassword().replaceAll(':', '\\:')}\n`, { mode: 0o600 });
    const viaFile = new PgSession(host, target('app'), { passwordEnv: { env: {}, pgpassFile: file } });
    expect((await viaFile.query<{ u: string }>('SELECT current_user AS u'))[0]!.u).toBe('risk_platform_app');
    await viaFile.close();

    const wrong = new PgSession(host, target('app'), { passwordEnv: { env: { [p.passwordEnv]: 'not-the-password' } } });
    await expect(wrong.query('SELECT 1')).rejects.toThrow(/password authentication failed for user "risk_platform_app"/);
    await wrong.close();

    const none = new PgSession(host, target('app'), { passwordEnv: { env: {}, pgpassFile: join(dir, 'missing') } });
    await expect(none.query('SELECT 1')).rejects.toThrow(/no password for risk_platform_app: \$RISKCTL_LAB_PG_PASSWORD is not set; no .*missing/);
    await none.close();
  });

  it('retries a server that asked for a password it has not got without a tunnel, until the pgpass file has one', async () => {
    const dir = tempDir('pgpass-later');
    const file = join(dir, 'pgpass');
    const p = pgLab();
    let now = 1_000_000;
    let tunnels = 0;
    const counting: Host = Object.assign(Object.create(host) as Host, {
      openTcp: (...a: Parameters<Host['openTcp']>) => {
        tunnels++;
        return host.openTcp(...a);
      },
    });
    const s = new PgSession(counting, target('app'), { passwordEnv: { env: {}, pgpassFile: file, now: () => now } });
    const why = /no password for risk_platform_app: \$RISKCTL_LAB_PG_PASSWORD is not set; no .*pgpass/;
    await expect(s.query('SELECT 1')).rejects.toThrow(why);
    expect(tunnels).toBe(1);
    // Retries while nothing changed: the same answer, no tunnel.
    now += 2_000;
    await expect(s.query('SELECT 1')).rejects.toThrow(why);
    expect(tunnels).toBe(1);
    // Once a recheck period, the server itself, in case it stopped asking: it still asks.
    now += NO_PASSWORD_RECHECK_MS;
    await expect(s.query('SELECT 1')).rejects.toThrow(why);
    expect(tunnels).toBe(2);
    now += 2_000;
    await expect(s.query('SELECT 1')).rejects.toThrow(why);
    expect(tunnels).toBe(2);
    // The operator writes the file: read by the next round after the current reading's period.
    writeFileSync(file, `*:${p.port}:${p.database}:${p.roles.app}:${labPassword().replaceAll(':', '\\:')}\n`, { mode: 0o600 });
    now += 5_000;
    expect((await s.query<{ u: string }>('SELECT current_user AS u'))[0]!.u).toBe('risk_platform_app');
    expect(tunnels).toBe(3);
    await s.close();
  });

  it('finds the newest backup through the host', async () => {
    const b = labBackups();
    const r = await readBackups(host, b.dir, target('app'));
    expect(r.error).toBeNull();
    expect(r.data!.newest!.path).toBe(b.newest);
    const mtime = Math.floor((await import('node:fs')).statSync(b.newest).mtimeMs / 1000);
    expect(Math.abs(r.data!.newest!.ageSeconds - (Date.now() / 1000 - mtime))).toBeLessThan(5);
  });
});
