/**
 * The host list of `:host` (no name): every configured host in config order
 * with its tags and connection state, the selected one highlighted. Its own
 * keys move it (j/k/↑/↓), Enter or a digit switches to the host, Esc closes
 * it. It replaces the screen body, as the help does.
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { LiveState, LiveStore } from '../services/liveStore';
import { truncate } from './format';
import { SelectList, type SelectItem } from './widgets/SelectList';

export interface HostPickListProps {
  store: LiveStore;
  /** The highlighted host. */
  selected: string | null;
  onHighlight: (host: string) => void;
  onSelect: (host: string) => void;
  height: number;
  width: number;
}

/** One row per host: name, production mark, state, tags (names and tags come from the config, made inert by the list). */
export function hostPickItems(s: Pick<LiveState, 'order' | 'hosts'>, width: number): SelectItem[] {
  const nameW = Math.min(Math.max(4, ...s.order.map((n) => n.length)), Math.max(8, Math.floor(width / 2)));
  return s.order.map((name) => {
    const h = s.hosts[name];
    const tags = h?.tags.length ? h.tags.join(', ') : '';
    const text = `${truncate(name, nameW).padEnd(nameW)}  ${h?.production ? 'PROD' : '    '}  ${(h?.state ?? '').padEnd(12)}  ${tags}`;
    return { key: name, label: truncate(text.trimEnd(), Math.max(1, width - 2)) };
  });
}

const selectListed = (s: LiveState) => s.order;
const selectEntries = (s: LiveState) => s.hosts;

export function HostPickList(p: HostPickListProps): React.JSX.Element {
  const order = useStore(p.store, selectListed);
  const hosts = useStore(p.store, selectEntries);
  const items = useMemo(() => hostPickItems({ order, hosts }, p.width), [order, hosts, p.width]);
  return (
    <Box flexDirection="column" height={p.height} overflow="hidden">
      <Text bold wrap="truncate">
        {truncate(`switch host (${items.length}) · j k ↑ ↓ move · Enter or 1–9 switches · Esc closes`, p.width)}
      </Text>
      {p.height > 1 ? <SelectList items={items} selected={p.selected} limit={p.height - 1} onHighlight={p.onHighlight} onSelect={p.onSelect} /> : null}
    </Box>
  );
}
