/**
 * The cockpit's pick list, on top of ink-select-input: one item highlighted,
 * Enter (or an item's digit, 1–9) picks it. The highlight is the caller's
 * (`selected`, a key kept in the UI store), so a list that changes under it
 * (a container gone, a file listed late) keeps the highlight on the same
 * item, and keys the keymap still owns (g, G, PgUp, PgDn) move it too.
 *
 * Focused, the list reads j/k/↑/↓/Enter/1–9 itself (`selectListKey` says
 * which: the keymap leaves them alone while it is on screen). Unfocused, it
 * only draws: the backup-file list under the input line, where typed
 * characters belong to the line and ↑/↓ come through the keymap.
 */
import React from 'react';
import { Text } from 'ink';
import SelectInput from 'ink-select-input';
import { inertLine } from '../../services/inertText';
import type { KeyFlags } from '../keymap';

export interface SelectItem {
  /** Unique among the items: what `selected`, onSelect and onHighlight carry. */
  key: string;
  /** One row's text, cut to the width by the caller; the list makes it inert (names come from hosts). */
  label: string;
}

export interface SelectListProps {
  items: readonly SelectItem[];
  /** The highlighted item's key; none highlighted when null or gone. */
  selected: string | null;
  onSelect?: (key: string) => void;
  onHighlight?: (key: string) => void;
  /** Default true: the list reads its keys. */
  isFocused?: boolean;
  /** Rows shown at most; the list scrolls past them. */
  limit?: number;
}

/** The keys a focused list reads itself: the keymap must not act on them as well. */
export function selectListKey(input: string, key: KeyFlags): boolean {
  return Boolean(key.upArrow || key.downArrow || key.return) || input === 'j' || input === 'k' || /^[1-9]$/.test(input);
}

/** The highlighted item's index, -1 for none. */
export function selectedIndex(items: readonly SelectItem[], selected: string | null): number {
  return selected === null ? -1 : items.findIndex((x) => x.key === selected);
}

export function SelectList(p: SelectListProps): React.JSX.Element {
  const index = selectedIndex(p.items, p.selected);
  // ink-select-input always highlights one: with none chosen it sits on the first, undrawn.
  const none = index < 0;
  const items = p.items.map((x) => ({ key: x.key, label: inertLine(x.label), value: x.key }));
  return (
    <SelectInput
      // ink-select-input keeps its own highlight from its first render on:
      // a new list or a highlight moved from outside starts it afresh there.
      key={`${items.map((x) => x.key).join('\u0000')}\u0001${none ? '' : items[index]!.key}`}
      items={items}
      initialIndex={Math.max(0, index)}
      isFocused={p.isFocused ?? true}
      {...(p.limit && p.limit > 0 ? { limit: p.limit } : {})}
      indicatorComponent={({ isSelected }) => <Text>{isSelected && !none ? '› ' : '  '}</Text>}
      itemComponent={({ isSelected, label }) => (
        <Text wrap="truncate" inverse={isSelected && !none}>
          {label}
        </Text>
      )}
      onHighlight={(item) => p.onHighlight?.(item.value)}
      onSelect={(item) => p.onSelect?.(item.value)}
    />
  );
}
