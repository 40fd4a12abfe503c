/**
 * One reading of a host's Docker engine and health endpoints, for
 * `riskctl status`: the same list + inspect and the same probes the cockpit
 * uses, without the event stream. Shapes of the status JSON live here too.
 */
import { setMaxListeners } from 'node:events';
import type { Host } from '../../hosts/Host';
import type { HostConfig } from '../../hosts/HostConfig';
import { probeAll } from '../health/probeHealth';
import { containerFrom, detailsFromInspect, sortContainers, type ListEntry } from './containers';
import { dockerFor } from './dockerClient';
import { describeDockerError } from './dockerErrors';
import type { ContainerInfo, HealthResult } from './types';

/** `status --json` hosts[].services[] — a contract for scripts: extend, never rename. */
export interface ServiceJson {
  name: string;
  project: string | null;
  service: string | null;
  /** As Docker reports it: running, exited, restarting … */
  state: string;
  health: string | null;
  restarts: number | null;
  startedAt: string | null;
  image: string;
}

/** `status --json` hosts[].health[]. */
export interface HealthJson {
  name: string;
  url: string;
  ok: boolean;
  status: number | null;
  latencyMs: number | null;
  error: string | null;
}

export function serviceJson(c: ContainerInfo): ServiceJson {
  return {
    name: c.name,
    project: c.project,
    service: c.service,
    state: c.state,
    health: c.health,
    restarts: c.restarts,
    startedAt: c.startedAt,
    image: c.image,
  };
}

export function healthJson(h: HealthResult): HealthJson {
  return { name: h.name, url: h.url, ok: h.ok, status: h.status, latencyMs: h.latencyMs, error: h.error };
}

export async function readContainersOnce(
  host: Host,
  cfg: Pick<HostConfig, 'docker' | 'ssh'>,
  signal: AbortSignal,
): Promise<{ containers: ContainerInfo[] | null; error: string | null }> {
  try {
    const d = await dockerFor(host, cfg.docker.socket);
    const list = (await d.listContainers({ all: true, abortSignal: signal })) as ListEntry[];
    const details = await Promise.all(
      list.map((e) =>
        d
          .getContainer(e.Id)
          .inspect({ abortSignal: signal })
          .then(detailsFromInspect, () => undefined),
      ),
    );
    return { containers: sortContainers(list.map((e, i) => containerFrom(e, details[i]))), error: null };
  } catch (e) {
    return { containers: null, error: await describeDockerError(e, host, cfg.docker.socket, cfg.ssh?.user ?? null, signal) };
  }
}

export interface ServicesReading {
  services: ServiceJson[] | null;
  servicesError: string | null;
  health: HealthJson[];
}

/** Both at once, within timeoutMs: what does not answer in time is reported as such. */
export async function readServicesOnce(host: Host, cfg: Pick<HostConfig, 'docker' | 'ssh' | 'health'>, timeoutMs: number): Promise<ServicesReading> {
  const signal = AbortSignal.timeout(timeoutMs);
  // Every request of this reading listens on the one signal (an inspect per container).
  setMaxListeners(200, signal);
  const [docker, health] = await Promise.all([
    Promise.race([
      readContainersOnce(host, cfg, signal),
      new Promise<{ containers: null; error: string }>((resolve) =>
        signal.addEventListener('abort', () => resolve({ containers: null, error: `Docker unavailable: no answer within ${timeoutMs / 1000} s` }), {
          once: true,
        }),
      ),
    ]),
    probeAll(host, cfg.health, { timeoutMs: Math.min(5000, timeoutMs), signal }),
  ]);
  return { services: docker.containers?.map(serviceJson) ?? null, servicesError: docker.error, health: health.map(healthJson) };
}
