/**
 * The overview grouped by tag: each host listed once, under its first tag
 * (the one its config names first: `tags: [production, db]` puts it under
 * production; `tag:db` in the filter finds it by its other tags), hosts
 * without tags last under "untagged". Each group carries the line the
 * overview shows above its hosts: how many are up, and the worst figure.
 */
import type { HostEntry } from '../services/liveStore';
import type { Thresholds } from './format';
import { figureReadings, type FigureReading, type HostSort } from './sortHosts';
import { byName } from '../services/byName';

export const UNTAGGED = 'untagged';

export interface HostGroup {
  tag: string;
  /** Members in the order they were given (the current sort). */
  hosts: HostEntry[];
}

export interface GroupSummary {
  tag: string;
  total: number;
  /** Members connected. */
  up: number;
  /** The member figure highest against its threshold, and whose it is. */
  worst: (FigureReading & { host: string }) | null;
  /** Each figure's highest value among the members (null: none measured). */
  max: { cpu: (FigureReading & { host: string }) | null; memory: (FigureReading & { host: string }) | null; disk: (FigureReading & { host: string }) | null };
}

export const groupTag = (h: Pick<HostEntry, 'tags'>): string => h.tags[0] ?? UNTAGGED;

/**
 * Groups of the (already sorted) entries. Groups come in the order of their
 * first member, so worst-first puts the group of the worst host on top; by
 * name they come in tag order. "untagged" is always last.
 */
export function groupHosts(sorted: readonly HostEntry[], sort: HostSort): HostGroup[] {
  const groups = new Map<string, HostGroup>();
  for (const h of sorted) {
    const tag = groupTag(h);
    let g = groups.get(tag);
    if (!g) groups.set(tag, (g = { tag, hosts: [] }));
    g.hosts.push(h);
  }
  const list = [...groups.values()];
  if (sort === 'name') list.sort((a, b) => byName(a.tag, b.tag));
  const untagged = list.findIndex((g) => g.tag === UNTAGGED);
  if (untagged >= 0) list.push(...list.splice(untagged, 1));
  return list;
}

export function summarizeGroup(g: HostGroup, t: Thresholds): GroupSummary {
  const max: GroupSummary['max'] = { cpu: null, memory: null, disk: null };
  let worst: GroupSummary['worst'] = null;
  let up = 0;
  for (const h of g.hosts) {
    if (h.state === 'connected') up++;
    for (const r of figureReadings(h, t)) {
      const cur = max[r.figure];
      if (cur === null || r.value > cur.value) max[r.figure] = { ...r, host: h.name };
      if (worst === null || r.ratio > worst.ratio) worst = { ...r, host: h.name };
    }
  }
  return { tag: g.tag, total: g.hosts.length, up, worst, max };
}
