/**
 * Docker's answers → what the services pane shows, as pure functions: the
 * list call's entries (cheap, every refresh) merged with inspect details
 * (restart count, start time; fetched only when a container changed), and
 * the compose grouping by the com.docker.compose.* labels.
 */
import type { ContainerInfo, ServicesSummary } from './types';

export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';

/** The part of GET /containers/json we read. */
export interface ListEntry {
  Id: string;
  Names?: string[];
  Image?: string;
  State?: string;
  Status?: string;
  Created?: number;
  Labels?: Record<string, string> | null;
  Ports?: Array<{ IP?: string; PrivatePort?: number; PublicPort?: number; Type?: string }> | null;
}

/** The part of GET /containers/{id}/json we read. */
export interface InspectEntry {
  RestartCount?: number;
  State?: {
    StartedAt?: string;
    ExitCode?: number;
    Health?: { Status?: string; Log?: Array<{ ExitCode?: number; Output?: string }> } | null;
  };
}

/** What inspect adds, kept per container id between refreshes. */
export interface InspectDetails {
  restarts: number;
  startedAt: string | null;
  exitCode: number | null;
  healthLog: string | null;
}

// Docker's zero time for "never started".
const ZERO_TIME = '0001-01-01T00:00:00Z';

export function detailsFromInspect(i: InspectEntry): InspectDetails {
  const started = i.State?.StartedAt;
  const log = i.State?.Health?.Log ?? [];
  const last = log[log.length - 1];
  const failing = i.State?.Health?.Status === 'unhealthy' && last ? (last.Output ?? '').trim() : '';
  return {
    restarts: i.RestartCount ?? 0,
    startedAt: started && !started.startsWith('0001-01-01') && started !== ZERO_TIME ? started : null,
    exitCode: typeof i.State?.ExitCode === 'number' ? i.State.ExitCode : null,
    healthLog: failing ? failing.split('\n').slice(-3).join(' ').slice(0, 300) : null,
  };
}

/** "Up 3 minutes (unhealthy)" → unhealthy; "(health: starting)" → starting. */
export function healthFromStatus(status: string): string | null {
  const m = /\((healthy|unhealthy|health: starting)\)/.exec(status);
  if (!m) return null;
  return m[1] === 'health: starting' ? 'starting' : (m[1] ?? null);
}

export function formatPorts(ports: ListEntry['Ports']): string[] {
  const out = new Set<string>();
  for (const p of ports ?? []) {
    if (p.PrivatePort === undefined) continue;
    const inner = `${p.PrivatePort}/${p.Type ?? 'tcp'}`;
    out.add(p.PublicPort ? `${p.IP ?? '0.0.0.0'}:${p.PublicPort}→${inner}` : inner);
  }
  return [...out];
}

export function containerFrom(e: ListEntry, d: InspectDetails | undefined): ContainerInfo {
  const labels = e.Labels ?? {};
  const status = e.Status ?? '';
  const state = e.State ?? 'unknown';
  return {
    id: e.Id,
    name: (e.Names?.[0] ?? e.Id.slice(0, 12)).replace(/^\//, ''),
    project: labels[PROJECT_LABEL] ?? null,
    service: labels[SERVICE_LABEL] ?? null,
    image: e.Image ?? '',
    state,
    status,
    health: healthFromStatus(status),
    restarts: d ? d.restarts : null,
    startedAt: d ? d.startedAt : null,
    exitCode: d && state !== 'running' ? d.exitCode : null,
    healthLog: d ? d.healthLog : null,
    ports: formatPorts(e.Ports),
    created: e.Created ?? 0,
  };
}

/** Compose projects first (by name), their services by name, then containers outside compose. */
export function sortContainers(list: readonly ContainerInfo[]): ContainerInfo[] {
  return [...list].sort((a, b) => {
    if ((a.project === null) !== (b.project === null)) return a.project === null ? 1 : -1;
    return (a.project ?? '').localeCompare(b.project ?? '') || (a.service ?? '').localeCompare(b.service ?? '') || a.name.localeCompare(b.name);
  });
}

export interface ProjectGroup {
  /** null: the containers without compose labels, listed apart. */
  project: string | null;
  containers: ContainerInfo[];
}

export function groupByProject(list: readonly ContainerInfo[]): ProjectGroup[] {
  const groups: ProjectGroup[] = [];
  for (const c of sortContainers(list)) {
    const last = groups[groups.length - 1];
    if (last && last.project === c.project) last.containers.push(c);
    else groups.push({ project: c.project, containers: [c] });
  }
  return groups;
}

/** Not serving when it should: restarting, dead, or exited with an error. */
export function isDown(c: Pick<ContainerInfo, 'state' | 'exitCode'>): boolean {
  return c.state === 'restarting' || c.state === 'dead' || (c.state === 'exited' && c.exitCode !== 0);
}

export function summarize(list: readonly ContainerInfo[]): ServicesSummary {
  let running = 0;
  let unhealthy = 0;
  let down = 0;
  for (const c of list) {
    if (c.state === 'running') running++;
    if (c.health === 'unhealthy') unhealthy++;
    if (isDown(c)) down++;
  }
  return { running, total: list.length, unhealthy, down };
}

/** "5/6", "5/6 1 unhealthy". */
export function summaryText(s: ServicesSummary): string {
  return `${s.running}/${s.total}${s.unhealthy > 0 ? ` ${s.unhealthy} unhealthy` : ''}`;
}

/** Uptime of a running container from its start time: "3m", "2h", "4d". */
export function uptimeSeconds(c: Pick<ContainerInfo, 'state' | 'startedAt'>, now: number): number | null {
  if (c.state !== 'running' || !c.startedAt) return null;
  const t = Date.parse(c.startedAt);
  return Number.isFinite(t) ? Math.max(0, (now - t) / 1000) : null;
}
