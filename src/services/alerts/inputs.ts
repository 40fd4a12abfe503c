/**
 * What the rules read about one host: plain data, so every rule is a pure
 * function tested on fixtures. `fromHostEntry.ts` fills it from the live
 * store; the headless commands fill it from one fresh reading. A missing part
 * (no Docker on the host, no database configured) is undefined, and the rules
 * over it stay quiet; a part that could not be read carries its error.
 */
import type { HostState } from '../../hosts/Host';
import type { HealthResult } from '../health/types';
import type { BackupsInput, CertificateInput } from '../hostFacts/types';

export type { BackupsInput, CertificateInput };
import type { DiskIo, DiskUsage, InterfaceIo, ResourcesSnapshot } from '../types';

/** A compose container (the services snapshot's, reduced to what rules need). */
export interface ServiceInput {
  /** compose service name, else the container name. */
  name: string;
  /** Docker's state: running, exited, restarting, paused, dead, created. */
  state: string;
  /** Docker's health: healthy, unhealthy, starting, or null without a healthcheck. */
  health: string | null;
  /** Compose project, when the container belongs to one. */
  project?: string | null;
}

/** One health endpoint check (config `health:`), as the health service reports it. */
export type HealthInput = Omit<HealthResult, 'checkedAt'>;

/** One long-running query (pg_stat_activity). */
export interface LongQueryInput {
  pid: number;
  seconds: number;
  query: string;
  user?: string | null;
}

export interface DatabaseInput {
  /** false: could not connect or query (CRITICAL database unavailable). */
  available: boolean;
  error: string | null;
  connections: number | null;
  maxConnections?: number | null;
  longQueries: LongQueryInput[];
  /** Percent (0–100) of heap blocks served from cache; null when unknown (no reads yet). */
  cacheHitRatio: number | null;
}

/** DO-002's anomaly query: audit actions per user over the last 7 days. */
export interface AuditActivityInput {
  user: string;
  action?: string;
  count: number;
}

/** The resource figures the rules read: the cockpit's snapshot and status's JSON both have them. */
export type AlertResources = Pick<ResourcesSnapshot, 'cpuPercent' | 'memoryPercent' | 'load1' | 'cores'> & {
  disks: Array<Pick<DiskUsage, 'mount' | 'usedPercent'>>;
  diskIo?: Array<Pick<DiskIo, 'device' | 'busyPercent'>>;
  network?: Array<Pick<InterfaceIo, 'interface' | 'newErrors'>>;
};

/**
 * The host's Docker engine and its compose containers. `items` are the last
 * list read: while the engine does not answer they are what was last seen.
 */
export interface ServicesInputs {
  items: ServiceInput[];
  /** Why the engine cannot be read now; null while it answers. */
  error: string | null;
  /** The engine does not answer at all (no socket, refused, no answer in time), as opposed to answering with an error. */
  engineDown?: boolean;
  /** An engine belongs here: the host's `docker:` is in the config, or an engine answered since start. */
  engineExpected?: boolean;
}

export interface HostAlertInput {
  name: string;
  state: HostState;
  error: string | null;
  /** Whether the cockpit is trying to reach it at all (an operator's disconnect is not an outage). */
  wanted: boolean;
  resources: AlertResources | null;
  services?: ServicesInputs;
  health?: HealthInput[];
  database?: DatabaseInput;
  backups?: BackupsInput;
  certificates?: CertificateInput[];
  auditActivity?: AuditActivityInput[];
}
