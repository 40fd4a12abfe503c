/**
 * The alerts screen's rows with storms grouped (groupAlerts): a cause on
 * several hosts is one row that opens to its hosts, and the status bar
 * counts causes and hosts ("4 CRIT on 100 hosts"). Pure.
 */
import { causeOf, groupAlerts, isGroupKey, type AlertGroup, type Groupable } from '../services/alerts/groupAlerts';
import type { Alert, Severity } from '../services/alerts/types';
import { stateText } from './alertRows';

/** On the screen a cause's open alerts, those expected in maintenance, pending ones and resolved ones are separate rows. */
export function screenClass(a: Pick<Alert, 'state' | 'expected'>): string {
  if (a.state === 'firing' || a.state === 'acknowledged') return a.expected ? 'expected' : 'open';
  return a.state;
}

/** "health-failing api · 100 hosts" */
export function groupTitle(g: Pick<AlertGroup<Groupable>, 'rule' | 'target' | 'hosts'>): string {
  return `${g.rule}${g.target ? ` ${g.target}` : ''} · ${g.hosts.length} host${g.hosts.length === 1 ? '' : 's'}`;
}

/** A group's STATE: its members' state when they share one, else how many are acknowledged. */
export function groupStateText(g: Pick<AlertGroup<Alert>, 'members'>): string {
  const texts = new Set(g.members.map(stateText));
  const [only] = texts;
  if (texts.size === 1 && only !== undefined) return only;
  const acked = g.members.filter((a) => a.state === 'acknowledged').length;
  return `${acked}/${g.members.length} ack`;
}

/** One alert, or a group of several with its hosts listed under it when open. */
export type AlertRow =
  { kind: 'alert'; alert: Alert; /** listed under its open group */ member: boolean } | { kind: 'group'; group: AlertGroup<Alert>; open: boolean };

export const alertRowKey = (r: AlertRow): string => (r.kind === 'group' ? r.group.key : r.alert.key);

/** The alerts screen's rows: a cause on one alert stays a plain row; on several, one group row. */
export function alertRows(alerts: readonly Alert[], openGroups: readonly string[]): AlertRow[] {
  const rows: AlertRow[] = [];
  for (const g of groupAlerts(alerts, screenClass)) {
    const first = g.members[0];
    if (g.members.length === 1 && first) {
      rows.push({ kind: 'alert', alert: first, member: false });
      continue;
    }
    const open = openGroups.includes(g.key);
    rows.push({ kind: 'group', group: g, open });
    if (open) for (const a of g.members) rows.push({ kind: 'alert', alert: a, member: true });
  }
  return rows;
}

/** The alerts a selection key stands for: a group's members, or the one alert. */
export function alertsOfKey(alerts: readonly Alert[], key: string | null): Alert[] {
  if (key === null) return [];
  if (!isGroupKey(key)) return alerts.filter((a) => a.key === key);
  return groupAlerts(alerts, screenClass).find((g) => g.key === key)?.members ?? [];
}

/** Open member alert key → its group's key, for the groups shown open (← closes the group from a member). */
export function openGroupOf(rows: readonly AlertRow[]): Map<string, string> {
  const out = new Map<string, string>();
  let group: string | null = null;
  for (const r of rows) {
    if (r.kind === 'group') group = r.open ? r.group.key : null;
    else if (r.member && group !== null) out.set(r.alert.key, group);
  }
  return out;
}

export interface CauseCounts {
  /** Open causes by severity (a storm on 100 hosts counts once). */
  causes: Record<Severity, number>;
  /** Hosts with an open alert of that severity. */
  hosts: Record<Severity, number>;
  /** Open alerts by severity. */
  alerts: Record<Severity, number>;
}

/** Open alerts (not those expected in maintenance) counted as causes and hosts, for the status bar. */
export function causeCounts(alerts: readonly Pick<Alert, 'source' | 'rule' | 'target' | 'severity' | 'host' | 'state' | 'expected'>[]): CauseCounts {
  const zero = (): Record<Severity, number> => ({ CRITICAL: 0, WARNING: 0, INFO: 0 });
  const out: CauseCounts = { causes: zero(), hosts: zero(), alerts: zero() };
  const causes: Record<Severity, Set<string>> = { CRITICAL: new Set(), WARNING: new Set(), INFO: new Set() };
  const hosts: Record<Severity, Set<string>> = { CRITICAL: new Set(), WARNING: new Set(), INFO: new Set() };
  for (const a of alerts) {
    if ((a.state !== 'firing' && a.state !== 'acknowledged') || a.expected) continue;
    out.alerts[a.severity]++;
    causes[a.severity].add(causeOf(a));
    hosts[a.severity].add(a.host);
  }
  for (const s of ['CRITICAL', 'WARNING', 'INFO'] as const) {
    out.causes[s] = causes[s].size;
    out.hosts[s] = hosts[s].size;
  }
  return out;
}

/**
 * The host counts worth saying: a severity whose causes are each one alert on
 * a host of its own reads as today ("2 CRIT"); any other says its hosts too.
 */
export function hostsWorthSaying(c: CauseCounts): Partial<Record<Severity, number>> {
  const out: Partial<Record<Severity, number>> = {};
  for (const s of ['CRITICAL', 'WARNING', 'INFO'] as const) {
    if (c.causes[s] > 0 && (c.alerts[s] !== c.causes[s] || c.hosts[s] !== c.causes[s])) out[s] = c.hosts[s];
  }
  return out;
}
