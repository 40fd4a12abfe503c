// The database pane against the lab's PostgreSQL: riskctl's own sessions —
// from this host and from its other hosts on the same server — are not listed
// among the platform's (they still count against max_connections), and the
// newest migration is the highest version, also when two share a transaction.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { DatabaseCollector } from '../../../src/services/database/DatabaseCollector';
import { PgSession } from '../../../src/services/database/PgSession';
import { appSession, labHosts, passwordEnv, pgLab, superuser, target } from './pgLab';

describe("riskctl's own sessions and the newest migration (lab PostgreSQL through lab-2 and lab-3)", () => {
  let hosts: Map<string, Host>;
  let su: pg.Client;
  const closers: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    hosts = await labHosts('lab-2', 'lab-3');
    su = await superuser();
  });
  afterAll(async () => {
    await Promise.allSettled(closers.map((c) => c()));
    await su?.end().catch(() => {});
    await Promise.allSettled([...hosts.values()].map((h) => h.close()));
  });

  it("lists none of riskctl's sessions, from any of its hosts, and still counts them", async () => {
    const mine = new PgSession(hosts.get('lab-2')!, target('app'), { passwordEnv: passwordEnv() });
    const otherHost = new PgSession(hosts.get('lab-3')!, target('app'), { passwordEnv: passwordEnv() });
    closers.push(
      () => mine.close(),
      () => otherHost.close(),
    );
    await otherHost.query('SELECT 1');
    const platform = await appSession('riskctl-test-platform-app');
    closers.push(() => platform.end());
    await platform.query('SELECT 1');

    const snap = await new DatabaseCollector(mine).collect({ longQuerySeconds: 300, slowMaxAgeMs: 60_000 });
    expect(otherHost.ownPid).not.toBeNull();
    expect(snap.sessions.some((s) => s.pid === otherHost.ownPid || s.pid === snap.ownPid)).toBe(false);
    expect(snap.sessions.filter((s) => s.application === 'riskctl')).toEqual([]);
    expect(snap.sessions.some((s) => s.application === 'riskctl-test-platform-app')).toBe(true);
    // Counted all the same: they hold connections.
    const ours = (await su.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'riskctl' AND backend_type = 'client backend'`))
      .rows[0].n as number;
    expect(ours).toBeGreaterThanOrEqual(2);
    expect(snap.connections.total).toBeGreaterThanOrEqual(snap.sessions.length + ours);
  });

  it('shows the higher version as the newest migration when two were applied in one transaction', async () => {
    const p = pgLab();
    const db = `riskctl_migrations_${process.pid}`;
    await su.query(`CREATE DATABASE ${db}`);
    let session: PgSession | null = null;
    try {
      const c = new pg.Client({ host: p.socketDir, port: p.port, user: p.superuser, database: db });
      await c.connect();
      await c.query(`CREATE SCHEMA risk_platform;
        CREATE TABLE risk_platform.schema_migrations (version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
        GRANT USAGE ON SCHEMA risk_platform TO ${p.roles.app};
        GRANT SELECT ON risk_platform.schema_migrations TO ${p.roles.app};
        INSERT INTO risk_platform.schema_migrations (version, name, applied_at) VALUES ('20261101000000', 'older', now() - interval '1 day');`);
      // One transaction: both rows get the same now().
      await c.query(`BEGIN;
        INSERT INTO risk_platform.schema_migrations (version, name) VALUES ('20261201000000', 'add_a');
        INSERT INTO risk_platform.schema_migrations (version, name) VALUES ('20261201000100', 'add_b');
        COMMIT;`);
      await c.end();
      session = new PgSession(hosts.get('lab-2')!, { ...target('app'), database: db }, { passwordEnv: passwordEnv() });
      const snap = await new DatabaseCollector(session).collect({ longQuerySeconds: 300, slowMaxAgeMs: 0 });
      expect(snap.migrations?.map((m) => m.version)).toEqual(['20261201000100', '20261201000000', '20261101000000']);
      expect(snap.migrations?.[0]?.appliedAt).toBe(snap.migrations?.[1]?.appliedAt);
    } finally {
      await session?.close();
      await su.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    }
  });
});
