/**
 * `riskctl status`: each connected host with a `postgres:` entry gets its
 * "database" member (one reading, within the host's time budget); others get
 * null. A configured database that does not answer fails the check (exit 1).
 */
import type { Host } from '../../hosts/Host';
import type { RiskctlConfig } from '../../hosts/loadConfig';
import { collectDatabaseReport, databaseReport } from '../../services/database/report';
import type { StatusReport } from '../../services/statusReport';

const DB_TIMEOUT_MS = 12_000;

/** Fills `database` on every host of the report (in place); false when a configured database was unavailable. */
export async function withDatabase(report: StatusReport, config: RiskctlConfig, hosts: Map<string, Host>): Promise<boolean> {
  let ok = true;
  await Promise.all(
    report.hosts.map(async (h) => {
      const cfg = config.hosts.find((c) => c.name === h.name);
      const host = hosts.get(h.name);
      if (!cfg?.postgres || !host) {
        h.database = null;
        return;
      }
      if (h.state !== 'connected') {
        h.database = databaseReport(null, `database unavailable: ${h.name} is not connected`, null);
        ok = false;
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), DB_TIMEOUT_MS)));
      const r = await Promise.race([collectDatabaseReport(host, cfg, { longQuerySeconds: config.thresholds.longQueryMinutes * 60 }), deadline]).finally(() =>
        clearTimeout(timer),
      );
      h.database = r ?? databaseReport(null, `database unavailable: no answer within ${DB_TIMEOUT_MS / 1000} s`, null);
      if (!h.database.available) ok = false;
    }),
  );
  return ok;
}
