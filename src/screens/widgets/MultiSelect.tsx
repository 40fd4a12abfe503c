/**
 * A choice of one or more, on top of ink-select-input: each option is an
 * item whose Enter (or its digit) ticks or unticks it, and a last item runs
 * what is ticked (none is an answer too). The ticks start from `preselected`.
 */
import React, { useMemo, useState } from 'react';
import { Text } from 'ink';
import SelectInput from 'ink-select-input';

export interface MultiSelectProps {
  options: readonly string[];
  preselected: readonly number[];
  /** The label of the item that submits, given how many are ticked. */
  submitLabel: (ticked: number) => string;
  onSubmit: (picked: number[]) => void;
  isFocused?: boolean;
  limit?: number;
}

const SUBMIT = -1;

export function multiSelectItems(
  options: readonly string[],
  ticked: ReadonlySet<number>,
  submit: string,
): Array<{ key: string; label: string; value: number }> {
  return [
    ...options.map((o, i) => ({ key: String(i), label: `[${ticked.has(i) ? 'x' : ' '}] ${o}`, value: i })),
    { key: 'submit', label: submit, value: SUBMIT },
  ];
}

export function MultiSelect(p: MultiSelectProps): React.JSX.Element {
  const [ticked, setTicked] = useState<ReadonlySet<number>>(() => new Set(p.preselected));
  const items = useMemo(() => multiSelectItems(p.options, ticked, p.submitLabel(ticked.size)), [p.options, ticked, p.submitLabel]);
  return (
    <SelectInput
      items={items}
      isFocused={p.isFocused ?? true}
      {...(p.limit ? { limit: p.limit } : {})}
      indicatorComponent={({ isSelected }) => <Text>{isSelected ? '> ' : '  '}</Text>}
      itemComponent={({ isSelected, label }) => <Text inverse={isSelected}>{label}</Text>}
      onSelect={(item) => {
        if (item.value === SUBMIT) return p.onSubmit([...ticked].sort((a, b) => a - b));
        const next = new Set(ticked);
        if (next.has(item.value)) next.delete(item.value);
        else next.add(item.value);
        setTicked(next);
      }}
    />
  );
}
