/**
 * A choice of one or more, on the cockpit's pick list (SelectList): each
 * option is an item whose Enter (or its digit) ticks or unticks it, and a
 * last item runs what is ticked (none is an answer too). The ticks start
 * from `preselected`.
 */
import React, { useState } from 'react';
import { SelectList, type SelectItem } from './SelectList';

export interface MultiSelectProps {
  options: readonly string[];
  preselected: readonly number[];
  /** The label of the item that submits, given how many are ticked. */
  submitLabel: (ticked: number) => string;
  onSubmit: (picked: number[]) => void;
  isFocused?: boolean;
  limit?: number;
}

const SUBMIT = 'submit';

export function multiSelectItems(options: readonly string[], ticked: ReadonlySet<number>, submit: string): SelectItem[] {
  return [...options.map((o, i) => ({ key: String(i), label: `[${ticked.has(i) ? 'x' : ' '}] ${o}` })), { key: SUBMIT, label: submit }];
}

export function MultiSelect(p: MultiSelectProps): React.JSX.Element {
  const [ticked, setTicked] = useState<ReadonlySet<number>>(() => new Set(p.preselected));
  const [highlight, setHighlight] = useState<string>(() => (p.options.length ? '0' : SUBMIT));
  return (
    <SelectList
      items={multiSelectItems(p.options, ticked, p.submitLabel(ticked.size))}
      selected={highlight}
      isFocused={p.isFocused ?? true}
      {...(p.limit ? { limit: p.limit } : {})}
      onHighlight={setHighlight}
      onSelect={(key) => {
        if (key === SUBMIT) return p.onSubmit([...ticked].sort((a, b) => a - b));
        const i = Number(key);
        const next = new Set(ticked);
        if (next.has(i)) next.delete(i);
        else next.add(i);
        setTicked(next);
      }}
    />
  );
}
