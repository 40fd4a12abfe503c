/**
 * Pure renderers for the services screen and the overview's services
 * column: compose projects as header rows with their containers under them,
 * container state/health/uptime cells, health endpoint rows. Tested on
 * fixtures, no Ink involved.
 */
import { isDown, groupByProject, summarize, uptimeSeconds } from '../services/docker/containers';
import type { ContainerInfo, ContainerStats, HealthResult, ServicesSnapshot } from '../services/docker/types';
import type { HostEntry } from '../services/liveStore';
import { formatBytes, formatDuration, formatPercent, MISSING, oneLine } from './format';
import type { Cell, Column } from './widgets/tableLayout';

export type ServiceRow =
  | { kind: 'project'; key: string; project: string | null; containers: ContainerInfo[] }
  | { kind: 'container'; key: string; c: ContainerInfo; stats: ContainerStats | undefined };

/** Projects (then the containers outside compose) as header rows, each followed by its containers. */
export function serviceRows(data: ServicesSnapshot | null): ServiceRow[] {
  const rows: ServiceRow[] = [];
  for (const g of groupByProject(data?.containers ?? [])) {
    rows.push({ kind: 'project', key: `p:${g.project ?? ''}`, project: g.project, containers: g.containers });
    for (const c of g.containers) rows.push({ kind: 'container', key: c.id, c, stats: data?.stats[c.id] });
  }
  return rows;
}

/** The selectable containers in screen order (what j/k move through). */
export function containerIds(rows: readonly ServiceRow[]): string[] {
  return rows.flatMap((r) => (r.kind === 'container' ? [r.c.id] : []));
}

export function stateCell(c: ContainerInfo): Cell {
  switch (c.state) {
    case 'running':
      return { text: 'running', tone: 'good' };
    case 'exited':
      return c.exitCode === 0
        ? { text: 'exited (0)', tone: 'muted' }
        : { text: `exited${c.exitCode === null ? '' : ` (${c.exitCode})`}`, tone: 'critical', bold: true };
    case 'restarting':
    case 'dead':
      return { text: c.state, tone: 'critical', bold: true };
    case 'paused':
    case 'removing':
      return { text: c.state, tone: 'warning' };
    default:
      return { text: c.state, tone: 'muted' };
  }
}

export function healthCell(c: ContainerInfo): Cell {
  switch (c.health) {
    case 'healthy':
      return { text: 'healthy', tone: 'good' };
    case 'unhealthy':
      return { text: 'unhealthy', tone: 'critical', bold: true };
    case 'starting':
      return { text: 'starting', tone: 'warning' };
    default:
      return { text: MISSING, tone: 'muted' };
  }
}

type ProjectRow = Extract<ServiceRow, { kind: 'project' }>;

/** A project's header row: its name, then its running/total and unhealthy count under STATE and HEALTH. */
function projectCells(r: ProjectRow): { name: Cell; state: Cell; health: Cell } {
  const s = summarize(r.containers);
  const bad = s.down > 0;
  return {
    name: { text: r.project ?? 'no compose project', bold: true, tone: 'accent' },
    state: { text: `${s.running}/${s.total} up`, bold: true, tone: bad ? 'critical' : 'good' },
    health: s.unhealthy ? { text: `${s.unhealthy} unhealthy`, tone: 'critical', bold: true } : { text: '' },
  };
}

/** "1.2M" for 1.2 MiB: two figures side by side in a narrow column. */
export function shortBytes(n: number): string {
  return formatBytes(n).replace(' ', '').replace('iB', '');
}

/**
 * Two totals since the container started, "1.2M/340K" as docker stats' NET
 * I/O and BLOCK I/O; a dash when the engine gives none (a container on the
 * host's network has no network figures of its own).
 */
function pairCell(a: number | null | undefined, b: number | null | undefined): Cell {
  if (a === null || a === undefined || b === null || b === undefined) return { text: MISSING, tone: 'muted' };
  return { text: `${shortBytes(a)}/${shortBytes(b)}` };
}

export function serviceColumns(now: number): Column<ServiceRow>[] {
  const c =
    (f: (x: Extract<ServiceRow, { kind: 'container' }>) => Cell) =>
    (r: ServiceRow): Cell =>
      r.kind === 'container' ? f(r) : { text: '' };
  return [
    {
      title: 'SERVICE',
      width: 'flex',
      minWidth: 14,
      maxWidth: 46,
      cell: (r) => (r.kind === 'project' ? projectCells(r).name : { text: `  ${r.c.service ?? r.c.name}` }),
    },
    { title: 'STATE', width: 10, cell: (r) => (r.kind === 'project' ? projectCells(r).state : stateCell(r.c)) },
    { title: 'HEALTH', width: 11, cell: (r) => (r.kind === 'project' ? projectCells(r).health : healthCell(r.c)) },
    {
      title: 'UP',
      width: 7,
      align: 'right',
      cell: c((r) => ({ text: r.c.state === 'running' ? formatDuration(uptimeSeconds(r.c, now)) : MISSING, tone: 'muted' })),
    },
    {
      title: 'RST',
      width: 3,
      align: 'right',
      cell: c((r) => (r.c.restarts === null ? { text: MISSING, tone: 'muted' } : { text: String(r.c.restarts), tone: r.c.restarts > 0 ? 'warning' : 'muted' })),
    },
    {
      title: 'CPU',
      width: 4,
      align: 'right',
      cell: c((r) => ({ text: r.stats ? formatPercent(r.stats.cpuPercent) : MISSING, tone: r.stats ? undefined : 'muted' })),
    },
    {
      title: 'MEM',
      width: 9,
      align: 'right',
      cell: c((r) => ({ text: r.stats ? formatBytes(r.stats.memoryBytes) : MISSING, tone: r.stats ? undefined : 'muted' })),
    },
    {
      title: 'NET RX/TX',
      width: 11,
      align: 'right',
      cell: c((r) => pairCell(r.stats?.netRxBytes, r.stats?.netTxBytes)),
    },
    {
      title: 'BLOCK R/W',
      width: 11,
      align: 'right',
      cell: c((r) => pairCell(r.stats?.blockReadBytes, r.stats?.blockWriteBytes)),
    },
    { title: 'CONTAINER', width: 'flex', minWidth: 10, maxWidth: 40, cell: c((r) => ({ text: r.c.name, tone: 'muted' })) },
    { title: 'IMAGE', width: 'flex', minWidth: 8, maxWidth: 40, cell: c((r) => ({ text: r.c.image, tone: 'muted' })) },
  ];
}

/** The selected container in one line: what the table's cut cells could not hold, and why unhealthy. */
export function containerDetail(c: ContainerInfo): string {
  const parts = [c.name, c.image, c.status];
  if (c.startedAt) parts.push(`started ${c.startedAt.replace(/\.\d+Z$/, 'Z')}`);
  if (c.ports.length) parts.push(`ports ${c.ports.join(', ')}`);
  if (c.healthLog) parts.push(`healthcheck: ${oneLine(c.healthLog)}`);
  return parts.join(' · ');
}

export const HEALTH_COLUMNS: Column<HealthResult>[] = [
  { title: 'ENDPOINT', width: 12, cell: (h) => ({ text: h.name, bold: true }) },
  {
    title: 'RESULT',
    width: 8,
    cell: (h) => (h.ok ? { text: `${h.status} OK`, tone: 'good' } : { text: h.status ? `HTTP ${h.status}` : 'down', tone: 'critical', bold: true }),
  },
  { title: 'LATENCY', width: 8, align: 'right', cell: (h) => ({ text: h.latencyMs === null ? MISSING : `${Math.round(h.latencyMs)} ms`, tone: 'muted' }) },
  { title: 'URL', width: 'flex', minWidth: 12, maxWidth: 50, cell: (h) => ({ text: h.url, tone: 'muted' }) },
  { title: 'ERROR', width: 'flex', minWidth: 8, cell: (h) => ({ text: h.error ? oneLine(h.error) : '', tone: 'critical' }) },
];

/** The overview's SVC cell: "5/6", "5/6 1 unh"; "no docker" when the engine cannot be read. */
export function servicesCell(h: Pick<HostEntry, 'services'>): Cell {
  const s = h.services;
  if (!s.data) return s.error ? { text: 'no docker', tone: 'warning' } : { text: MISSING, tone: 'muted' };
  if (s.error) return { text: 'docker ✗', tone: 'warning', bold: true };
  const sum = summarize(s.data.containers);
  const text = `${sum.running}/${sum.total}${sum.unhealthy ? ` ${sum.unhealthy} unh` : ''}`;
  const bad = sum.unhealthy > 0 || s.data.containers.some((c) => isDown(c));
  return { text, tone: bad ? 'critical' : sum.total === 0 ? 'muted' : 'good', bold: bad };
}
