import type { HealthResult } from '../health/types';

export type { HealthResult };

/** One container as the services pane and `status --json` show it. */
export interface ContainerInfo {
  id: string;
  /** Container name without Docker's leading "/": "risk-platform_api_1". */
  name: string;
  /** com.docker.compose.project, null for a container outside any compose project. */
  project: string | null;
  /** com.docker.compose.service, null outside compose. */
  service: string | null;
  image: string;
  /** Docker's state: created, running, paused, restarting, removing, exited, dead. */
  state: string;
  /** Docker's own one-liner: "Up 5 minutes (healthy)", "Exited (1) 2 hours ago". */
  status: string;
  /** healthy, unhealthy, starting; null without a healthcheck. */
  health: string | null;
  /** From inspect; null until the container has been inspected. */
  restarts: number | null;
  /** ISO time the container last started (inspect), null if never or not inspected yet. */
  startedAt: string | null;
  /** Exit code of the last run, for a container that is not running. */
  exitCode: number | null;
  /** The last healthcheck's output when unhealthy: why. */
  healthLog: string | null;
  /** "127.0.0.1:8080→80/tcp" … (published ports; host-network containers have none). */
  ports: string[];
  /** Seconds since epoch the container was created. */
  created: number;
}

/** CPU and memory of one running container (one-shot stats; screens on demand). */
export interface ContainerStats {
  /** Percent of one CPU × cores (docker stats' figure); null on the first sample. */
  cpuPercent: number | null;
  memoryBytes: number;
  memoryLimitBytes: number;
  /** Bytes received and sent on its networks since it started, as `docker stats` NET I/O; null with the host's network (no figures of its own). */
  netRxBytes?: number | null;
  netTxBytes?: number | null;
  /** Bytes read from and written to block devices since it started, as `docker stats` BLOCK I/O; null when the engine gives none. */
  blockReadBytes?: number | null;
  blockWriteBytes?: number | null;
}

export interface ServicesSnapshot {
  /** "20.10.24" — the engine answering on the socket. */
  engine: string | null;
  containers: ContainerInfo[];
  /** Whether the event stream is live (otherwise only the periodic refresh keeps this current). */
  events: boolean;
  /** Per-container stats by id, only while the services screen shows this host. */
  stats: Record<string, ContainerStats>;
}

/** The overview's services column: running/total and how many are unhealthy. */
export interface ServicesSummary {
  running: number;
  total: number;
  unhealthy: number;
  /** Exited with a non-zero code, dead or restarting: down when they should not be. */
  down: number;
}
