/**
 * Alert storms grouped: the same cause — source, rule, target, severity —
 * raised on many hosts is one group ("health-failing api · 100 hosts").
 * Pure, over any alert-shaped list: the alerts screen's Alerts and the
 * headless `alerts --json` entries alike (its "groups", a contract: extend,
 * never rename).
 */
import type { AlertSource, Severity } from './types';

export interface Groupable {
  source: AlertSource;
  rule: string;
  target: string;
  severity: Severity;
  host: string;
}

export interface AlertGroup<A extends Groupable> {
  /** "group:" + the cause (and the class, when grouped by one): a selection key no alert key can equal. */
  key: string;
  source: AlertSource;
  rule: string;
  target: string;
  severity: Severity;
  /** In the order given (the most urgent first). */
  members: A[];
  /** Each host once, in member order. */
  hosts: string[];
}

export const GROUP_PREFIX = 'group:';

export const isGroupKey = (key: string | null): key is string => key !== null && key.startsWith(GROUP_PREFIX);

/** One cause: the same rule on the same target from the same source, at one severity. */
export const causeOf = (a: Groupable): string => `${a.source}|${a.rule}|${a.target}|${a.severity}`;

/**
 * Groups in the order of their first member. `classOf` splits a cause further
 * (the screen keeps open, pending and resolved alerts of a cause apart).
 */
export function groupAlerts<A extends Groupable>(alerts: readonly A[], classOf?: (a: A) => string): AlertGroup<A>[] {
  const groups = new Map<string, AlertGroup<A> & { seen: Set<string> }>();
  for (const a of alerts) {
    const key = GROUP_PREFIX + causeOf(a) + (classOf ? `|${classOf(a)}` : '');
    let g = groups.get(key);
    if (!g) {
      g = { key, source: a.source, rule: a.rule, target: a.target, severity: a.severity, members: [], hosts: [], seen: new Set() };
      groups.set(key, g);
    }
    g.members.push(a);
    if (!g.seen.has(a.host)) {
      g.seen.add(a.host);
      g.hosts.push(a.host);
    }
  }
  return [...groups.values()].map(({ seen: _seen, ...g }) => g);
}

/** `alerts --json`'s "groups": every cause, with its hosts. */
export interface AlertGroupJson {
  rule: string;
  target: string;
  source: AlertSource;
  severity: Severity;
  count: number;
  hosts: string[];
}

export function groupsJson(alerts: readonly Groupable[]): AlertGroupJson[] {
  return groupAlerts(alerts).map((g) => ({ rule: g.rule, target: g.target, source: g.source, severity: g.severity, count: g.hosts.length, hosts: g.hosts }));
}
