/**
 * The alert rules, as data: one entry per rule with its MA-001 severity, the
 * library procedure that answers it, and a pure check over one host's input.
 * Thresholds come from config `thresholds:` (defaults: the library's figures).
 *
 * Procedures: service or Docker engine down → IR-002, database → IR-003, disk → IR-003 when
 * critical (its "Disk space critical" trigger) else PM-002, resources →
 * PM-002, disk busy and interface errors → PM-001, certificates → SO-002, backups → BR-001, anomalies → DO-002.
 */
import type { Thresholds } from '../../hosts/configSchema';
import { DOCKER_UNAVAILABLE } from '../docker/dockerErrors';
import type { HostAlertInput } from './inputs';
import type { Condition, Severity } from './types';

/** What a check reports; the rule adds its id, severity, procedure, host and source. */
export type Finding = Pick<Condition, 'target' | 'value' | 'threshold' | 'message' | 'stale'>;

export interface Rule {
  id: string;
  severity: Severity;
  procedure: string;
  /** When the rule fires, in one line. */
  title: string;
  check(h: HostAlertInput, th: Thresholds, now: number): Finding[];
}

const one = (f: Finding | null): Finding[] => (f ? [f] : []);
const r1 = (n: number) => Math.round(n * 10) / 10;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** "Docker unavailable: no socket at …" → "no socket at …": the rule names what is down. */
const dockerReason = (e: string | null | undefined) => (e ?? 'no answer').replace(`${DOCKER_UNAVAILABLE}: `, '');

/** Docker states that mean the service is not serving (IR-002's "container restart loops" included). */
const DOWN_STATES = new Set(['exited', 'dead', 'restarting', 'removing']);

export const RULES: readonly Rule[] = [
  {
    id: 'host-unreachable',
    severity: 'CRITICAL',
    procedure: 'IR-002',
    title: 'the host cannot be reached (connection error or lost)',
    // A reconnect cycle passes through "connecting" with the last error kept: still unreachable.
    check: (h) =>
      one(
        h.wanted && (h.state === 'error' || h.state === 'disconnected' || (h.state === 'connecting' && h.error !== null))
          ? { target: '', value: 'unreachable', threshold: 'connected', message: `${h.name} unreachable: ${h.error ?? h.state}` }
          : null,
      ),
  },
  {
    id: 'docker-engine-down',
    severity: 'CRITICAL',
    procedure: 'IR-002',
    title: 'the Docker engine does not answer (where `docker:` is configured, or an engine answered before)',
    check: (h) => {
      const s = h.services;
      return one(
        s?.engineDown && s.engineExpected
          ? { target: 'docker', value: 'down', threshold: 'answering', message: `docker engine down: ${dockerReason(s.error)}` }
          : null,
      );
    },
  },
  {
    id: 'service-down',
    severity: 'CRITICAL',
    procedure: 'IR-002',
    title: 'a compose container exited, restarting or unhealthy (kept, marked stale, while the engine cannot be read)',
    check: (h) => {
      const stale = h.services?.error != null;
      return (h.services?.items ?? [])
        .filter((s) => DOWN_STATES.has(s.state) || s.health === 'unhealthy')
        .map((s) => {
          const what = s.health === 'unhealthy' && !DOWN_STATES.has(s.state) ? 'unhealthy' : s.state;
          const message = `service ${s.name} is ${what}${stale ? ' (last seen before Docker stopped answering: stale)' : ''}`;
          return { target: s.name, value: what, threshold: 'running', message, ...(stale ? { stale: true } : {}) };
        });
    },
  },
  {
    id: 'health-failing',
    severity: 'CRITICAL',
    procedure: 'IR-002',
    title: 'a health endpoint fails (no answer or not HTTP 2xx)',
    check: (h) =>
      (h.health ?? [])
        .filter((e) => !e.ok)
        .map((e) => ({
          target: e.name,
          value: e.status ?? 'no answer',
          threshold: '2xx',
          message: `health ${e.name} (${e.url}) failing: ${e.error ?? `HTTP ${e.status}`}`,
        })),
  },
  {
    id: 'database-unavailable',
    severity: 'CRITICAL',
    procedure: 'IR-003',
    title: 'the database does not answer',
    check: (h) =>
      one(
        h.database && !h.database.available
          ? { target: 'postgres', value: 'unavailable', threshold: 'available', message: `database unavailable: ${h.database.error ?? 'no answer'}` }
          : null,
      ),
  },
  {
    id: 'disk-critical',
    severity: 'CRITICAL',
    procedure: 'IR-003',
    title: 'a filesystem above thresholds.diskCritical (95 %)',
    check: (h, th) =>
      (h.resources?.disks ?? [])
        .filter((d) => d.usedPercent > th.diskCritical)
        .map((d) => ({
          target: d.mount,
          value: d.usedPercent,
          threshold: th.diskCritical,
          message: `disk ${d.mount} ${d.usedPercent}% used (> ${th.diskCritical}%)`,
        })),
  },
  {
    id: 'disk',
    severity: 'WARNING',
    procedure: 'PM-002',
    title: 'a filesystem at or above thresholds.disk (85 %)',
    // Above the critical line the CRITICAL rule speaks for the mount; one alert per problem.
    check: (h, th) =>
      (h.resources?.disks ?? [])
        .filter((d) => d.usedPercent >= th.disk && d.usedPercent <= th.diskCritical)
        .map((d) => ({ target: d.mount, value: d.usedPercent, threshold: th.disk, message: `disk ${d.mount} ${d.usedPercent}% used (≥ ${th.disk}%)` })),
  },
  {
    id: 'cpu',
    severity: 'WARNING',
    procedure: 'PM-002',
    title: 'CPU at or above thresholds.cpu (70 %)',
    check: (h, th) => {
      const v = h.resources?.cpuPercent;
      return one(v != null && v >= th.cpu ? { target: '', value: r1(v), threshold: th.cpu, message: `CPU ${r1(v)}% (≥ ${th.cpu}%)` } : null);
    },
  },
  {
    id: 'memory',
    severity: 'WARNING',
    procedure: 'PM-002',
    title: 'memory at or above thresholds.memory (80 %)',
    check: (h, th) => {
      const v = h.resources?.memoryPercent;
      return one(v != null && v >= th.memory ? { target: '', value: r1(v), threshold: th.memory, message: `memory ${r1(v)}% (≥ ${th.memory}%)` } : null);
    },
  },
  {
    id: 'load',
    severity: 'WARNING',
    procedure: 'PM-002',
    title: 'load average (1 min) above the core count',
    check: (h) => {
      const r = h.resources;
      return one(
        r && r.cores > 0 && r.load1 > r.cores ? { target: '', value: r.load1, threshold: r.cores, message: `load ${r.load1} above ${r.cores} cores` } : null,
      );
    },
  },
  {
    id: 'disk-busy',
    severity: 'WARNING',
    procedure: 'PM-001',
    title: 'a whole disk busy (io_ticks) at or above thresholds.diskBusy (90 %)',
    check: (h, th) =>
      (h.resources?.diskIo ?? [])
        .filter((d) => d.busyPercent !== null && d.busyPercent >= th.diskBusy)
        .map((d) => ({
          target: d.device,
          value: d.busyPercent!,
          threshold: th.diskBusy,
          message: `disk ${d.device} busy ${d.busyPercent}% (≥ ${th.diskBusy}%)`,
        })),
  },
  {
    id: 'interface-errors',
    severity: 'WARNING',
    procedure: 'PM-001',
    title: 'a network interface counting new receive or transmit errors since the previous poll',
    check: (h) =>
      (h.resources?.network ?? [])
        .filter((i) => i.newErrors !== null && i.newErrors > 0)
        .map((i) => ({
          target: i.interface,
          value: i.newErrors!,
          threshold: 0,
          message: `interface ${i.interface}: ${i.newErrors} new error(s) since the previous poll`,
        })),
  },
  {
    id: 'connections',
    severity: 'WARNING',
    procedure: 'IR-003',
    title: 'database connections above thresholds.connections (50)',
    check: (h, th) => {
      const n = h.database?.available ? h.database.connections : null;
      return one(
        n != null && n > th.connections
          ? { target: 'postgres', value: n, threshold: th.connections, message: `${n} database connections (> ${th.connections})` }
          : null,
      );
    },
  },
  {
    id: 'long-query',
    severity: 'WARNING',
    procedure: 'IR-003',
    title: 'a query running longer than thresholds.longQueryMinutes (5)',
    check: (h, th) =>
      (h.database?.available ? h.database.longQueries : [])
        .filter((q) => q.seconds > th.longQueryMinutes * 60)
        .map((q) => {
          const min = r1(q.seconds / 60);
          const text = q.query.replace(/\s+/g, ' ').trim().slice(0, 60);
          return {
            target: `pid ${q.pid}`,
            value: min,
            threshold: th.longQueryMinutes,
            message: `query running ${min} min (> ${th.longQueryMinutes}): ${text}`,
          };
        }),
  },
  {
    id: 'cache-hit-ratio',
    severity: 'WARNING',
    procedure: 'PM-002',
    title: 'database cache hit ratio under thresholds.cacheHitRatio (95 %)',
    check: (h, th) => {
      const v = h.database?.available ? h.database.cacheHitRatio : null;
      return one(
        v != null && v < th.cacheHitRatio
          ? { target: 'postgres', value: r1(v), threshold: th.cacheHitRatio, message: `cache hit ratio ${r1(v)}% (< ${th.cacheHitRatio}%)` }
          : null,
      );
    },
  },
  {
    id: 'certificate-expiry',
    severity: 'WARNING',
    procedure: 'SO-002',
    title: 'a certificate expires within thresholds.certificateDays (30), or cannot be read',
    check: (h, th, now) =>
      (h.certificates ?? []).flatMap((c): Finding[] => {
        if (c.notAfter === null)
          return [{ target: c.path, value: 'unreadable', threshold: th.certificateDays, message: `certificate ${c.path}: ${c.error ?? 'cannot be read'}` }];
        const days = Math.floor((c.notAfter - now) / DAY);
        if (days >= th.certificateDays) return [];
        const when = days < 0 ? `expired ${-days} day(s) ago` : `expires in ${days} day(s)`;
        return [{ target: c.path, value: days, threshold: th.certificateDays, message: `certificate ${c.path} ${when} (< ${th.certificateDays})` }];
      }),
  },
  {
    id: 'backup-missing',
    severity: 'WARNING',
    procedure: 'BR-001',
    title: 'no file newer than thresholds.backupHours (26 h) in the backups folder',
    check: (h, th, now) => {
      const b = h.backups;
      if (!b) return [];
      if (b.error !== null) return [{ target: b.dir, value: 'unreadable', threshold: th.backupHours, message: `backups ${b.dir}: ${b.error}` }];
      if (b.newestAt === null) return [{ target: b.dir, value: 'none', threshold: th.backupHours, message: `no backup in ${b.dir}` }];
      const hours = r1((now - b.newestAt) / HOUR);
      return one(
        hours > th.backupHours
          ? { target: b.dir, value: hours, threshold: th.backupHours, message: `newest backup ${b.newestName ?? ''} is ${hours} h old (> ${th.backupHours} h)` }
          : null,
      );
    },
  },
  {
    id: 'slow-health',
    severity: 'INFO',
    procedure: 'PM-002',
    title: 'a health endpoint slower than thresholds.slowHealthMs (500 ms, DP-001)',
    check: (h, th) =>
      (h.health ?? [])
        .filter((e) => e.ok && e.latencyMs !== null && e.latencyMs > th.slowHealthMs)
        .map((e) => ({
          target: e.name,
          value: Math.round(e.latencyMs!),
          threshold: th.slowHealthMs,
          message: `health ${e.name} answered in ${Math.round(e.latencyMs!)} ms (> ${th.slowHealthMs} ms)`,
        })),
  },
  {
    id: 'user-activity-anomaly',
    severity: 'INFO',
    procedure: 'DO-002',
    title: 'one user with more than thresholds.auditActions (100) audit actions in 7 days',
    check: (h, th) =>
      (h.auditActivity ?? [])
        .filter((a) => a.count > th.auditActions)
        .map((a) => ({
          target: a.action ? `${a.user} ${a.action}` : a.user,
          value: a.count,
          threshold: th.auditActions,
          message: `${a.user}: ${a.count} audit actions${a.action ? ` (${a.action})` : ''} in 7 days (> ${th.auditActions}); escalate per IR-001 if unexplained`,
        })),
  },
];

/**
 * A finding as its rule's condition. Written out, not `{ ...f, rule: … }`:
 * V8 (Node 20) builds an object spread followed by more properties slowly,
 * microseconds each, and this runs for every finding of every host once a
 * refresh. Same fields in the same order as the spread.
 */
function condition(f: Finding, r: Rule, host: string): Condition {
  const { target, value, threshold, message } = f;
  const { id: rule, severity, procedure } = r;
  return f.stale === undefined
    ? { target, value, threshold, message, rule, severity, procedure, host, source: 'riskctl' }
    : { target, value, threshold, message, stale: f.stale, rule, severity, procedure, host, source: 'riskctl' };
}

/**
 * Every condition on one host right now. An unreachable host raises only
 * that: its last figures are stale, and alerts on them would be noise.
 */
export function evaluateHost(h: HostAlertInput, th: Thresholds, now: number, rules: readonly Rule[] = RULES): Condition[] {
  const unreachable = rules.find((r) => r.id === 'host-unreachable');
  const down = unreachable ? unreachable.check(h, th, now) : [];
  // Once a refresh for every host: one array, no intermediate per rule.
  const out: Condition[] = [];
  for (const r of rules) {
    if (down.length > 0 && r.id !== 'host-unreachable') continue;
    const found = r === unreachable ? down : r.check(h, th, now);
    for (const f of found) out.push(condition(f, r, h.name));
  }
  return out;
}
