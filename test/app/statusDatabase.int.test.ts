// `riskctl status --json`'s "database" per host: the documented shape
// (docs/json.md), the server's figures, the password nowhere in what riskctl prints or writes.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { readLab } from '../lab/lab';
import { filesUnder, labBackups, labPassword, labDbHostYaml, pgLab, superuser } from '../services/database/pgLab';
import { cleanEnv, riskctl, tempDir } from './cliHelpers';

/** lab-1 (with the lab's postgres and backups) and a made-up second host without a database, in one config. */
function config(dir: string, user: 'app' | 'limited' = 'app', extra = ''): string {
  const lab = readLab();
  const file = join(dir, 'riskctl.yaml');
  writeFileSync(
    file,
    `hosts:
${labDbHostYaml({ name: 'lab-1', index: 0, tags: ['lab', 'production'], role: user, backups: true })}
    health: []
  - name: lab-2
    ssh: { host: ${lab.hosts[1]!.address}, port: ${lab.hosts[1]!.port}, user: ${lab.user}, identityFile: ${lab.identityFile}, knownHosts: ${lab.knownHosts} }
    health: []
${extra}`,
  );
  return file;
}

describe('riskctl status --json: the database', () => {
  let su: pg.Client;
  beforeAll(async () => {
    su = await superuser();
  });
  afterAll(async () => {
    await su?.end();
  });

  it('reports the figures of the server in the issue’s shape, and null for a host without a database', async () => {
    const env = { ...cleanEnv(), [pgLab().passwordEnv]: labPassword() };
    const r = await riskctl(['status', '--json', '--config', config(tempDir('st-db'))], env);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    const db = report.hosts[0].database;
    expect(Object.keys(db).sort()).toEqual(
      [
        'available',
        'error',
        'connections',
        'longRunning',
        'blocked',
        'cacheHitRatio',
        'sizeBytes',
        'replicationLagSeconds',
        'topStatements',
        'migrations',
        'lastBackup',
        'degraded',
      ].sort(),
    );
    expect(db.available).toBe(true);
    expect(db.error).toBeNull();
    expect(Object.keys(db.connections).sort()).toEqual(['active', 'idle', 'idleInTransaction', 'max', 'total']);
    const max = Number((await su.query(`SHOW max_connections`)).rows[0].max_connections);
    expect(db.connections.max).toBe(max);
    expect(db.connections.total).toBeGreaterThanOrEqual(2);
    const size = Number((await su.query(`SELECT pg_database_size('risk_platform') AS b`)).rows[0].b);
    expect(Math.abs(db.sizeBytes - size)).toBeLessThan(512 * 1024);
    const migrations = (await su.query(`SELECT version, applied_at FROM risk_platform.schema_migrations ORDER BY version DESC LIMIT 5`)).rows;
    expect(db.migrations).toEqual(migrations.map((m) => ({ version: m.version, appliedAt: m.applied_at.toISOString() })));
    expect(db.cacheHitRatio).toBeGreaterThan(50);
    expect(db.cacheHitRatio).toBeLessThanOrEqual(100);
    expect(db.replicationLagSeconds).toBeNull();
    expect(db.topStatements.length).toBeGreaterThan(0);
    expect(Object.keys(db.topStatements[0]).sort()).toEqual(['calls', 'meanMs', 'query', 'rows', 'totalMs', 'user']);
    expect(db.lastBackup.path).toBe(labBackups().newest);
    const age = Date.now() / 1000 - statSync(labBackups().newest).mtimeMs / 1000;
    expect(Math.abs(db.lastBackup.ageSeconds - age)).toBeLessThan(30);
    expect(db.degraded).toEqual({});
    expect(report.hosts[1].database).toBeNull();
    expect(r.code).toBe(0);
  });

  it('without the password: unavailable with the reason, exit 1; the password never printed nor written', async () => {
    const env = cleanEnv();
    const dir = tempDir('st-db-nopw');
    const r = await riskctl(['status', '--json', '--config', config(dir)], { ...env, [pgLab().passwordEnv]: '' });
    const db = JSON.parse(r.stdout).hosts[0].database;
    expect(db.available).toBe(false);
    expect(db.error).toMatch(/^database unavailable: no password for risk_platform_app: \$RISKCTL_LAB_PG_PASSWORD is not set/);
    expect(db.lastBackup).not.toBeNull();
    expect(r.code).toBe(1);

    // A wrong password is refused by the server, and shown nowhere either.
    const wrong = `wrong-${Date.now()}`;
    const w = await riskctl(['status', '--json', '--config', config(dir)], { ...env, [pgLab().passwordEnv]: wrong });
    expect(JSON.parse(w.stdout).hosts[0].database.error).toMatch(/password authentication failed for user "risk_platform_app"/);
    const ok = await riskctl(['status', '--config', config(dir)], { ...env, [pgLab().passwordEnv]: labPassword() });
    for (const out of [r, w, ok]) {
      expect(out.stdout + out.stderr).not.toContain(labPassword());
      expect(out.stdout + out.stderr).not.toContain(wrong);
    }
    for (const f of filesUnder(env.HOME!)) expect(readFileSync(f, 'utf8'), f).not.toContain(labPassword());
  });

  it('a role without pg_monitor gets the degraded figures with the reasons, and the check passes', async () => {
    const env = { ...cleanEnv(), [pgLab().passwordEnv]: labPassword() };
    const r = await riskctl(['status', '--json', '--host', 'lab-1', '--config', config(tempDir('st-db-lim'), 'limited')], env);
    const db = JSON.parse(r.stdout).hosts[0].database;
    expect(db.available).toBe(true);
    expect(db.degraded.sessions).toMatch(/needs pg_monitor/);
    expect(db.degraded.wal).toBe('needs pg_monitor');
    expect(db.sizeBytes).toBeGreaterThan(0);
    expect(r.code).toBe(0);
  });
});
