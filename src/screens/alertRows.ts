/**
 * The pure half of the alerts screen: which alerts a filter keeps, how each
 * reads in a row and in the details pane, and the status-bar counts. No
 * React, so each is a table-driven test.
 */
import type { SeverityCounts } from '../services/alerts/alertStore';
import { formatLeft, type MaintenanceWindow } from '../services/alerts/maintenance';
import type { Alert, Severity } from '../services/alerts/types';
import { formatAge } from './format';
import type { Segment } from './widgets/Segments';
import type { Tone } from './widgets/tone';

export const severityTone = (s: Severity): Tone => (s === 'CRITICAL' ? 'critical' : s === 'WARNING' ? 'warning' : 'accent');

/** Case-insensitive words, all of which must appear in host, rule, severity, target, state, procedure or message. */
export function filterAlerts(alerts: readonly Alert[], filter: string): Alert[] {
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...alerts];
  return alerts.filter((a) => {
    const hay = [a.host, a.rule, a.severity, a.target, a.state, a.procedure, a.message, a.source, a.expected ? 'expected' : '', a.stale ? 'stale' : '']
      .join(' ')
      .toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function stateText(a: Alert): string {
  if (a.silence) return 'silenced';
  if (a.expected && (a.state === 'firing' || a.state === 'acknowledged')) return a.state === 'acknowledged' ? 'ack·expected' : 'expected';
  const state = a.state === 'acknowledged' ? 'ack' : a.state;
  // Judged on the last list read before its source stopped answering.
  return a.stale && a.state !== 'resolved' ? `${state}·stale` : state;
}

export const valueText = (a: Pick<Alert, 'value' | 'threshold'>): string =>
  a.value === null ? '' : a.threshold === null ? String(a.value) : `${a.value} / ${a.threshold}`;

export function ageText(a: Alert, now: number): string {
  return formatAge(now - (a.firedAt ?? a.since));
}

/** The details pane, line by line. */
export function detailLines(a: Alert, now: number): string[] {
  const at = (t: number) =>
    new Date(t)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z');
  const lines = [
    `${a.severity}  ${a.rule}  on ${a.host}${a.target ? `  · ${a.target}` : ''}`,
    a.message,
    `value ${a.value ?? '-'}   threshold ${a.threshold ?? '-'}   source ${a.source}`,
    `state ${stateText(a)}${a.flapping ? ' (flapping)' : ''}   since ${at(a.since)} (${ageText(a, now)})`,
    `procedure ${a.procedure}   (P opens it)`,
  ];
  if (a.expected) lines.push('raised inside a maintenance window: expected, no bell');
  if (a.stale) lines.push('stale: judged on the last figures read before their source stopped answering');
  if (a.ack) lines.push(`acknowledged by ${a.ack.by} at ${at(a.ack.at)}: ${a.ack.comment}`);
  if (a.silence) lines.push(`Alertmanager silence ${a.silence.id.slice(0, 8)} by ${a.silence.createdBy} until ${a.silence.endsAt}: ${a.silence.comment}`);
  if (a.resolution) lines.push(`resolved by ${a.resolution.by} at ${at(a.resolution.at)}: ${a.resolution.comment}`);
  else if (a.resolvedAt) lines.push(`resolved by itself at ${at(a.resolvedAt)}`);
  if (a.labels)
    lines.push(
      `labels ${Object.entries(a.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
  return lines;
}

const onHostsText = (n: number | undefined): string => (n === undefined ? '' : ` on ${n} host${n === 1 ? '' : 's'}`);

/**
 * Status bar: open alerts by severity ("2 CRIT 1 WARN"), and those expected in
 * maintenance. Given causes as counts and the hosts they fire on, a storm
 * reads "4 CRIT on 100 hosts".
 */
export function countSegments(counts: SeverityCounts, expected: number, onHosts: Partial<Record<Severity, number>> = {}): Segment[] {
  const out: Segment[] = [];
  const parts: Array<[Severity, string]> = [
    ['CRITICAL', 'CRIT'],
    ['WARNING', 'WARN'],
    ['INFO', 'INFO'],
  ];
  for (const [sev, label] of parts) {
    if (counts[sev] > 0)
      out.push({ text: ` ${counts[sev]} ${label}${onHostsText(onHosts[sev])} `, tone: severityTone(sev), bold: true, inverse: sev === 'CRITICAL' });
  }
  if (expected > 0) out.push({ text: ` ${expected} expected `, tone: 'muted' });
  if (out.length === 0) out.push({ text: ' no alerts ', tone: 'good' });
  return out;
}

/** One line for the overview: the fleet's alerts at a glance. */
export function fleetSummary(counts: SeverityCounts, expected: number, onHosts: Partial<Record<Severity, number>> = {}): string {
  const parts = (['CRITICAL', 'WARNING', 'INFO'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s.toLowerCase()}${onHostsText(onHosts[s])}`);
  if (expected > 0) parts.push(`${expected} expected (maintenance)`);
  return parts.length === 0 ? 'Alerts: none firing' : `Alerts: ${parts.join(', ')} — a: alerts screen`;
}

/** The maintenance banner: every window and its time left. */
export function maintenanceBanner(windows: readonly MaintenanceWindow[], now: number): string | null {
  if (windows.length === 0) return null;
  return `MAINTENANCE ${windows.map((w) => `${w.host ?? 'fleet'}: ${formatLeft(w.endsAt - now)} left — ${w.reason}`).join(' · ')}`;
}
