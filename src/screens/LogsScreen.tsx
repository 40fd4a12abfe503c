/**
 * Live logs of one host: a source picker (its containers, the files its
 * `logs:` globs match), then one source followed — k9s-style filter (regex or
 * text, invertible), the errors view, timestamps and wrap, pause and jump to
 * the end. Only the rows on screen are built: the buffer may hold 10 000
 * lines, a frame costs a screenful.
 */
import React, { useLayoutEffect, useMemo } from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { ContainerInfo } from '../services/docker/types';
import type { LiveStore } from '../services/liveStore';
import { sourceKey, sourceLabel, type LogService, type LogSource, type LogsState } from '../services/logs/LogService';
import { oneLine, truncate } from './format';
import { compileFilter, countMatches, logWindow } from './logView';
import type { LogsUi } from './servicesUi';
import { selectHost } from './selectors';
import { stateCell } from './serviceRows';
import { PROD_LABEL } from './widgets/ProductionBadge';
import { Segments, type Segment } from './widgets/Segments';
import { SelectList, type SelectItem } from './widgets/SelectList';
import { layoutColumns, type Column } from './widgets/tableLayout';

export interface PickerEntry {
  key: string;
  source: LogSource;
  container?: ContainerInfo;
}

const NO_CONTAINERS: ContainerInfo[] = [];

/** The picker's sources: the host's containers (compose order), then its log files. */
export function logSourceList(host: string, containers: readonly ContainerInfo[], files: readonly string[]): PickerEntry[] {
  const out: PickerEntry[] = [];
  for (const c of containers) {
    const source: LogSource = { kind: 'container', host, id: c.id, name: c.name };
    out.push({ key: sourceKey(source), source, container: c });
  }
  for (const path of files) {
    const source: LogSource = { kind: 'file', host, path };
    out.push({ key: sourceKey(source), source });
  }
  return out;
}

const PICKER_COLUMNS: Column<PickerEntry>[] = [
  { title: 'KIND', width: 9, cell: (e) => ({ text: e.source.kind, tone: 'muted' }) },
  { title: 'SOURCE', width: 'flex', minWidth: 16, cell: (e) => ({ text: sourceLabel(e.source), bold: true }) },
  { title: 'SERVICE', width: 14, cell: (e) => ({ text: e.container?.service ?? '', tone: 'muted' }) },
  { title: 'STATE', width: 10, cell: (e) => (e.container ? stateCell(e.container) : { text: '' }) },
];

/** The picker's header and rows: the columns laid out in the width the list leaves after its marker. */
export function pickerRows(entries: readonly PickerEntry[], width: number): { header: string; items: SelectItem[] } {
  const widths = layoutColumns(PICKER_COLUMNS, Math.max(0, width - 2));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => truncate(c, widths[i]!).padEnd(widths[i]!))
      .filter((_, i) => widths[i]! > 0)
      .join(' ')
      .trimEnd();
  return {
    header: `  ${line(PICKER_COLUMNS.map((c) => c.title))}`,
    items: entries.map((e) => ({ key: e.key, label: line(PICKER_COLUMNS.map((c) => c.cell(e).text)) })),
  };
}

export interface LogsScreenProps {
  store: LiveStore;
  logs: LogService;
  host: string | null;
  ui: LogsUi;
  /** The live filter text (being typed, else applied). */
  filter: string;
  height: number;
  width: number;
  color: boolean;
  /** The picker's list reads its keys (j/k/↑/↓/Enter/1–9) while nothing is typed over it. */
  listFocused?: boolean;
  /** The picker's highlight moved, or Enter (or a digit) picked a source. */
  onPick?: (key: string) => void;
  onOpen?: (entry: PickerEntry) => void;
}

const selectFiles = (host: string | null) => (s: LogsState) => (host === null ? undefined : s.files[host]);
const selectActive = (s: LogsState) => s.active;
const selectTick = (s: LogsState) => s.tick;

function Picker({ store, logs, host, ui, height, width, color, listFocused, onPick, onOpen }: Omit<LogsScreenProps, 'filter'>) {
  const h = useStore(store, selectHost(host));
  const files = useStore(logs.store, selectFiles(host));
  const entries = useMemo(
    () => (host ? logSourceList(host, h?.services.data?.containers ?? NO_CONTAINERS, files?.paths ?? []) : []),
    [host, h?.services.data?.containers, files?.paths],
  );
  const rows = useMemo(() => pickerRows(entries, width), [entries, width]);
  const notes: string[] = [];
  if (h?.services.error) notes.push(oneLine(h.services.error));
  if (files?.error) notes.push(oneLine(files.error));
  const notesH = Math.min(notes.length, Math.max(0, height - 3));
  const listH = Math.max(0, height - 2 - notesH);
  const segs: Segment[] = [
    { text: ' Logs ', bold: true },
    { text: ` ${host ?? '—'} `, bold: true, inverse: true },
  ];
  if (h?.production) segs.push({ text: PROD_LABEL, tone: 'critical', bold: true, inverse: true });
  segs.push({ text: ' · pick a source, Enter follows it', tone: 'muted' });
  if (entries.length > listH) segs.push({ text: ` · ${entries.length} sources`, tone: 'muted' });
  const empty = files === undefined ? 'listing the log files…' : 'no containers and no log files (config logs:)';
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Segments segments={segs} width={width} color={color} />
      {notes.slice(0, notesH).map((n, i) => (
        <Text key={i} color={color ? 'yellow' : undefined} wrap="truncate">
          {truncate(n, width)}
        </Text>
      ))}
      {listH > 0 ? (
        <Text bold wrap="truncate">
          {rows.header}
        </Text>
      ) : null}
      {listH > 0 && entries.length === 0 ? <Text dimColor>{truncate(empty, width)}</Text> : null}
      {listH > 0 && entries.length > 0 ? (
        <SelectList
          items={rows.items}
          selected={ui.pick}
          isFocused={listFocused ?? false}
          limit={listH}
          onHighlight={onPick}
          onSelect={(key) => {
            const e = entries.find((x) => x.key === key);
            if (e) onOpen?.(e);
          }}
        />
      ) : null}
    </Box>
  );
}

function Viewer({ store, logs, host, ui, filter, height, width, color }: LogsScreenProps) {
  const h = useStore(store, selectHost(host));
  const active = useStore(logs.store, selectActive);
  // Re-render on new lines (throttled by the service); the rows come from the buffer itself.
  useStore(logs.store, selectTick);
  const source = ui.source!;
  // A key changed the view: its frame goes before the next batch of lines (LogService.yieldToKeys).
  useLayoutEffect(() => logs.yieldToKeys(), [logs, ui.anchor, filter, ui.invert, ui.errors, ui.wrap, ui.timestamps]);
  const buf = logs.buffer(sourceKey(source));
  const f = compileFilter(filter, ui.invert, ui.errors);
  const bodyH = Math.max(0, height - 1);
  const rows = buf ? logWindow({ buf, match: f.match, anchor: ui.anchor, height: bodyH, width, wrap: ui.wrap, timestamps: ui.timestamps }) : [];
  const total = buf?.length ?? 0;
  const shown = f.active && buf ? countMatches(buf, f.match) : total;

  const segs: Segment[] = [
    { text: ' Logs ', bold: true },
    { text: ` ${source.host} `, bold: true, inverse: true },
  ];
  if (h?.production) segs.push({ text: PROD_LABEL, tone: 'critical', bold: true, inverse: true });
  segs.push({ text: ` ${sourceLabel(source)} `, tone: 'accent', bold: true });
  segs.push(ui.anchor === null ? { text: ' FOLLOWING ', tone: 'good', bold: true } : { text: ' PAUSED ', tone: 'warning', bold: true, inverse: true });
  if (filter.trim()) segs.push({ text: ` /${filter.trim()}/${ui.invert ? ' inverted' : ''}${f.mode === 'text' ? ' (text)' : ''}`, tone: 'accent' });
  else if (ui.invert) segs.push({ text: ' (invert: no filter)', tone: 'muted' });
  if (ui.errors) segs.push({ text: ' errors only', tone: 'critical', bold: true });
  // Lines pushed out of the ring are counted, never silently gone.
  segs.push({
    text: ` · ${f.active ? `${shown} of ` : ''}${total} lines${buf && buf.total > total ? ` (${buf.total - total} older dropped)` : ''}`,
    tone: 'muted',
  });
  if (ui.wrap) segs.push({ text: ' · wrap', tone: 'muted' });
  if (active?.error) segs.push({ text: ` · ${oneLine(active.error)}`, tone: active.state === 'error' ? 'critical' : 'warning' });

  const empty = !buf || total === 0 ? (active?.state === 'starting' ? 'connecting…' : 'no lines yet') : 'no line matches the filter (Esc clears it)';
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Segments segments={segs} width={width} color={color} />
      {rows.length === 0 && bodyH > 0 ? <Text dimColor>{truncate(empty, width)}</Text> : null}
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate" color={color && r.stream === 'err' ? 'yellow' : undefined}>
          {truncate(r.text, width)}
        </Text>
      ))}
    </Box>
  );
}

export function LogsScreen(props: LogsScreenProps): React.JSX.Element {
  if (props.height <= 0) return <></>;
  const viewing = props.ui.mode === 'view' && props.ui.source !== null && props.ui.source.host === props.host;
  return viewing ? <Viewer {...props} /> : <Picker {...props} />;
}
