/**
 * The overview's rows for a fleet: hosts filtered (name words, `tag:NAME`),
 * in the chosen order, optionally grouped by tag with a line above each
 * group. Pure: the live hosts, the thresholds and each host's open alerts
 * come in as arguments.
 */
import type { HostEntry } from '../services/liveStore';
import type { Thresholds } from './format';
import { groupHosts, summarizeGroup, type GroupSummary } from './groupHosts';
import type { HostRow } from './hostRows';
import { matchesHost, parseHostFilter } from './parseHostFilter';
import { sortHosts, type HostAlertCounts, type HostSort } from './sortHosts';

/** A group's line: hosts up and its worst figures. */
export interface GroupRow {
  group: GroupSummary;
}

export type OverviewRow = HostRow | GroupRow;

export const isGroupRow = (r: OverviewRow): r is GroupRow => 'group' in r;

/** How the overview lists the fleet: the UI state's part of it. */
export interface OverviewOrder {
  sort: HostSort;
  byTag: boolean;
}

function entriesOf(order: readonly string[], hosts: Readonly<Record<string, HostEntry>>): HostEntry[] {
  const out: HostEntry[] = [];
  for (const name of order) {
    const e = hosts[name];
    if (e) out.push(e);
  }
  return out;
}

/**
 * Every host's name in the order the overview lists it, before the filter:
 * what j/k walk (the filter is applied on top, as on every list).
 */
export function listedHosts(
  order: readonly string[],
  hosts: Readonly<Record<string, HostEntry>>,
  how: OverviewOrder,
  t: Thresholds,
  alerts?: HostAlertCounts,
): string[] {
  const sorted = sortHosts(entriesOf(order, hosts), how.sort, t, alerts);
  const listed = how.byTag ? groupHosts(sorted, how.sort).flatMap((g) => g.hosts) : sorted;
  return listed.map((e) => e.name);
}

export function overviewRows(
  order: readonly string[],
  hosts: Readonly<Record<string, HostEntry>>,
  filter: string,
  how: OverviewOrder,
  t: Thresholds,
  alerts?: HostAlertCounts,
): OverviewRow[] {
  const position = new Map(order.map((name, i) => [name, i + 1]));
  const f = parseHostFilter(filter);
  const row = (entry: HostEntry): HostRow => ({ n: position.get(entry.name) ?? 0, entry });
  const keep = (e: HostEntry) => matchesHost(f, e.name, e.tags);
  const sorted = sortHosts(entriesOf(order, hosts), how.sort, t, alerts);
  if (!how.byTag) return sorted.filter(keep).map(row);
  const rows: OverviewRow[] = [];
  // Grouped before filtering, so narrowing the list does not reorder its groups.
  for (const g of groupHosts(sorted, how.sort)) {
    const shown = g.hosts.filter(keep);
    if (shown.length === 0) continue;
    rows.push({ group: summarizeGroup({ tag: g.tag, hosts: shown }, t) });
    for (const e of shown) rows.push(row(e));
  }
  return rows;
}
