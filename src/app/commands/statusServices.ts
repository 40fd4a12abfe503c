/**
 * `riskctl status`: each host's "services" (its Docker containers, as Docker
 * reports them), "servicesError" (why the engine could not be read) and
 * "health" (its endpoints, requested on the host). A host without a reachable
 * engine still reports everything else; whether that fails the check is the
 * alert rules' call (a service down, a health endpoint failing: CRITICAL).
 */
import type { Host } from '../../hosts/Host';
import type { RiskctlConfig } from '../../hosts/loadConfig';
import { readServicesOnce } from '../../services/docker/readOnce';
import type { StatusReport } from '../../services/statusReport';

const SERVICES_TIMEOUT_MS = 12_000;

/** Fills services, servicesError and health on every host of the report (in place). */
export async function withServices(report: StatusReport, config: RiskctlConfig, hosts: Map<string, Host>): Promise<void> {
  await Promise.all(
    report.hosts.map(async (h) => {
      const cfg = config.hosts.find((c) => c.name === h.name);
      const host = hosts.get(h.name);
      if (!cfg || !host || h.state !== 'connected') {
        Object.assign(h, { services: null, servicesError: `Docker unavailable: ${h.name} is not connected`, health: null });
        return;
      }
      Object.assign(h, await readServicesOnce(host, cfg, SERVICES_TIMEOUT_MS));
    }),
  );
}
