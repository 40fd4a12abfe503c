import type { Host } from '../hosts/Host';
import type { AlertJson } from './alerts/types';
import type { DatabaseReport } from './database/report';
import type { HealthJson, ServiceJson } from './docker/readOnce';
import type { DiskIo, InterfaceIo, ResourcesSnapshot } from './types';

/** `riskctl status --json`: a contract for scripts — extend it, never rename. */
export interface StatusHost {
  name: string;
  state: 'connected' | 'disconnected' | 'error';
  error: string | null;
  tags: string[];
  resources: {
    cpuPercent: number | null;
    memoryPercent: number;
    load1: number;
    load5: number;
    load15: number;
    cores: number;
    uptimeSeconds: number;
    disks: Array<{ mount: string; usedPercent: number; sizeBytes: number }>;
  } | null;
  /** The alerts firing on this host, one evaluation; filled by the status command. */
  alerts?: AlertJson[];
  /** The host's PostgreSQL; null when it has no `postgres:`. Filled by the status command. */
  database?: DatabaseReport | null;
  /** Docker containers, as Docker reports them; null when the engine could not be read. */
  services?: ServiceJson[] | null;
  /** Why the Docker engine could not be read ("Docker unavailable: …"), else null. */
  servicesError?: string | null;
  /** The host's health endpoints, requested on the host; null when it is not connected. */
  health?: HealthJson[] | null;
  /**
   * The ten processes using the most CPU now (CPU % over half a second, of one
   * core), highest first; null when the host's processes could not be read.
   * Filled by the status command.
   */
  processes?: ProcessJson[] | null;
  /**
   * Every network interface, loopback included, with its rates over the
   * reading's two samples; null when the host was not read or has no /proc/net/dev.
   */
  network?: InterfaceIo[] | null;
  /** Whole block devices (partitions folded in); null when the host was not read or has no /proc/diskstats. */
  diskIo?: DiskIo[] | null;
}

/** One process in `riskctl status --json`. `command` is the command line as the host reports it. */
export interface ProcessJson {
  pid: number;
  user: string;
  cpuPercent: number;
  memPercent: number;
  rssBytes: number;
  command: string;
}

export interface StatusReport {
  generatedAt: string;
  hosts: StatusHost[];
  /** Prometheus alerts that belong to none of the reported hosts. */
  alerts?: AlertJson[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function resourcesForReport(r: ResourcesSnapshot): NonNullable<StatusHost['resources']> {
  return {
    cpuPercent: r.cpuPercent === null ? null : round1(r.cpuPercent),
    memoryPercent: round1(r.memoryPercent),
    load1: r.load1,
    load5: r.load5,
    load15: r.load15,
    cores: r.cores,
    uptimeSeconds: Math.round(r.uptimeSeconds),
    disks: r.disks.map((d) => ({ mount: d.mount, usedPercent: d.usedPercent, sizeBytes: d.sizeBytes })),
  };
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Connects every host at once and takes one resources reading from each; a
 * host that fails is reported with its error and never delays the others
 * beyond its own timeout.
 */
export async function buildStatusReport(
  hosts: Array<{ host: Host; tags: string[] }>,
  collect: (host: Host) => Promise<ResourcesSnapshot>,
  opts: { timeoutMs: number },
): Promise<StatusReport> {
  const one = async ({ host, tags }: { host: Host; tags: string[] }): Promise<StatusHost> => {
    const base = { name: host.name, tags };
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${host.name}: no answer within ${opts.timeoutMs / 1000} s`)), opts.timeoutMs);
    });
    try {
      await Promise.race([host.connect(), deadline]);
    } catch (e) {
      clearTimeout(timer);
      return { ...base, state: 'error', error: errorText(e), resources: null, network: null, diskIo: null };
    }
    try {
      const r = await Promise.race([collect(host), deadline]);
      return { ...base, state: 'connected', error: null, resources: resourcesForReport(r), network: r.network ?? null, diskIo: r.diskIo ?? null };
    } catch (e) {
      const st = host.status();
      return { ...base, state: st.state === 'connected' ? 'connected' : 'disconnected', error: errorText(e), resources: null, network: null, diskIo: null };
    } finally {
      clearTimeout(timer);
    }
  };
  const results = await Promise.all(hosts.map(one));
  return { generatedAt: new Date().toISOString(), hosts: results };
}
