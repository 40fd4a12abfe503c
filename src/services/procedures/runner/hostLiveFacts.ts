/**
 * What the live checks read on one host (liveChecks.ts judges it): the
 * host's health endpoints probed now on the host (the health service's
 * probe), one query over its database connection (the database service's
 * PgSession through the host's tunnel), and its containers as the services
 * watcher last read them — or, headless (`riskctl run`, no watcher), read
 * once when the check asks. Read-only, every one.
 */
import type { Host } from '../../../hosts/Host';
import type { HostConfig } from '../../../hosts/HostConfig';
import { PgSession } from '../../database/PgSession';
import { readContainersOnce } from '../../docker/readOnce';
import { probeHealth } from '../../health/probeHealth';
import type { LiveFacts } from './liveChecks';

const DB_FACT = `SELECT current_database() AS database, pg_is_in_recovery() AS in_recovery,
  (SELECT count(*)::int FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')) AS tables`;

export function hostLiveFacts(host: Host, cfg: Pick<HostConfig, 'health' | 'postgres'>, containers?: LiveFacts['containers']): LiveFacts {
  const facts: LiveFacts = {};
  if (cfg.health.length) facts.health = () => Promise.all(cfg.health.map((e) => probeHealth(host, e, { timeoutMs: 5000 })));
  const pg = cfg.postgres;
  if (pg) {
    facts.database = async () => {
      const s = new PgSession(host, pg, { statementTimeoutMs: 5000 });
      try {
        const [r] = await s.query<{ database: string; in_recovery: boolean; tables: number }>(DB_FACT, []);
        return { database: r?.database ?? pg.database, tables: Number(r?.tables ?? 0), inRecovery: r?.in_recovery === true };
      } finally {
        await s.close();
      }
    };
  }
  if (containers) facts.containers = containers;
  return facts;
}

/** Headless runs have no services watcher: the containers are listed (and inspected) on the host when the check asks. */
export function headlessLiveFacts(host: Host, cfg: Pick<HostConfig, 'health' | 'postgres' | 'docker' | 'ssh'>): LiveFacts {
  return hostLiveFacts(host, cfg, async () => {
    const r = await readContainersOnce(host, cfg, AbortSignal.timeout(15_000));
    if (!r.containers) throw new Error(r.error ?? 'the containers could not be read');
    return r.containers.map((c) => ({ name: c.name, state: c.state, health: c.health }));
  });
}
