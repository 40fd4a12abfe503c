/** The host rows the list screens (overview, hosts) share: config order, filtered (name words, `tag:NAME`). */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { HostEntry, LiveStore } from '../services/liveStore';
import type { FigureContext } from './hostCells';
import { filterHosts } from './hostFilter';
import { selectHosts, selectOrder } from './selectors';
import type { ClockStore } from './clock';

/** What every host-list screen (overview, hosts) is given. */
export interface HostListProps {
  store: LiveStore;
  selected: string | null;
  filter: string;
  ctx: FigureContext;
  /** The cockpit's clock: ages move with it (ctx.now otherwise). */
  clock?: ClockStore;
  height: number;
  width: number;
  color: boolean;
}

export interface HostRow {
  /** 1-based position in config order: the number key that selects it. */
  n: number;
  entry: HostEntry;
}

export { nameWidth } from './hostCells';

export function hostRows(order: readonly string[], hosts: Record<string, HostEntry>, filter: string): HostRow[] {
  const visible = new Set(filterHosts(order, filter, hosts));
  const rows: HostRow[] = [];
  order.forEach((name, i) => {
    const entry = hosts[name];
    if (entry && visible.has(name)) rows.push({ n: i + 1, entry });
  });
  return rows;
}

/** Rebuilt only when the host map changes (a poll), not on every clock tick. */
export function useHostRows(store: LiveStore, filter: string): HostRow[] {
  const order = useStore(store, selectOrder);
  const hosts = useStore(store, selectHosts);
  return useMemo(() => hostRows(order, hosts, filter), [order, hosts, filter]);
}
