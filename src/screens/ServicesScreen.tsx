/**
 * One host's Docker services, lazydocker-style: compose projects with their
 * containers (state, health, uptime, restarts, CPU/memory while on screen),
 * the selected container's details, and the host's health endpoints. An
 * engine that cannot be read says so with the reason; the last list stays,
 * marked stale.
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { HostEntry, LiveStore } from '../services/liveStore';
import { formatAge, formatUpdated, isStale, oneLine, truncate } from './format';
import type { FigureContext } from './hostCells';
import { selectHost } from './selectors';
import { containerDetail, HEALTH_COLUMNS, serviceColumns, serviceRows, type ServiceRow } from './serviceRows';
import { PROD_LABEL } from './widgets/ProductionBadge';
import { Segments, type Segment } from './widgets/Segments';
import { Table, useListWindow } from './widgets/Table';

export interface ServicesScreenProps {
  store: LiveStore;
  host: string | null;
  /** Selected container id. */
  selected: string | null;
  ctx: FigureContext;
  height: number;
  width: number;
  color: boolean;
}

/** The slow refresh of the list (events do the rest): stale after three of them. */
const LIST_REFRESH_MS = 10_000;

function titleSegments(h: HostEntry, ctx: FigureContext): Segment[] {
  const s = h.services;
  const segs: Segment[] = [
    { text: ' Services ', bold: true },
    { text: ` ${h.name} `, bold: true, inverse: true },
  ];
  if (h.production) segs.push({ text: PROD_LABEL, tone: 'critical', bold: true, inverse: true });
  if (s.data?.engine) segs.push({ text: ` Docker ${s.data.engine}`, tone: 'accent' });
  if (s.data) segs.push(s.data.events ? { text: ' · live', tone: 'good' } : { text: ' · events reconnecting', tone: 'warning' });
  const stale = isStale(s.updatedAt, ctx.now, LIST_REFRESH_MS) || s.error !== null;
  segs.push({ text: ` · updated ${formatUpdated(s.updatedAt, ctx.now, LIST_REFRESH_MS)}`, tone: stale ? 'warning' : 'muted', bold: stale });
  return segs;
}

function Line({ text, width, tone, color, bold }: { text: string; width: number; tone?: 'red' | 'yellow' | 'gray'; color: boolean; bold?: boolean }) {
  return (
    <Text color={color ? tone : undefined} bold={bold} wrap="truncate">
      {truncate(text, width)}
    </Text>
  );
}

function HealthPart({ h, ctx, height, width, color }: { h: HostEntry; ctx: FigureContext; height: number; width: number; color: boolean }) {
  const list = h.health.data ?? [];
  const bad = list.filter((x) => !x.ok).length;
  const age = h.health.updatedAt === null ? 'not checked yet' : `checked ${formatAge(ctx.now - h.health.updatedAt)} ago`;
  const title = `Health endpoints · ${list.length - bad}/${list.length} up · ${age}${h.health.error ? ` · ${oneLine(h.health.error)}` : ''}`;
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Line text={title} width={width} bold color={color} tone={bad ? 'red' : undefined} />
      <Table
        columns={HEALTH_COLUMNS}
        rows={list}
        rowKey={(r) => r.name}
        selected={-1}
        start={0}
        height={height - 1}
        width={width}
        color={color}
        empty="no answers yet"
      />
    </Box>
  );
}

export function ServicesScreen({ store, host, selected, ctx, height, width, color }: ServicesScreenProps): React.JSX.Element {
  const h = useStore(store, selectHost(host));
  const data = h?.services.data ?? null;
  const rows = useMemo(() => serviceRows(data), [data]);
  // Uptime moves with the clock; rows and their cells are rebuilt once per tick at most.
  const columns = useMemo(() => serviceColumns(ctx.now), [ctx.now]);
  const sel = rows.findIndex((r) => r.kind === 'container' && r.c.id === selected);

  const healthRows = h?.health.data?.length ?? 0;
  const healthConfigured = healthRows > 0 || h?.health.error != null;
  const healthH = healthConfigured ? Math.min(healthRows + 2, Math.max(0, Math.floor(height / 3))) : 0;
  const errorH = h?.services.error && height >= 4 ? 1 : 0;
  const selRow = sel >= 0 ? (rows[sel] as Extract<ServiceRow, { kind: 'container' }>) : null;
  const detailH = selRow && height >= 6 ? 1 : 0;
  const tableH = Math.max(0, height - 1 - errorH - detailH - healthH);
  const win = useListWindow(sel, rows.length, tableH);

  if (height <= 0) return <></>;
  if (!h) return <Line text="no host selected (1–9, or :host NAME)" width={width} color={color} />;
  const s = h.services;
  const empty = s.error
    ? 'no list: Docker could not be read'
    : s.updatedAt === null
      ? `waiting for ${h.name}'s Docker engine…`
      : 'no containers on this engine';
  const errorText = s.error ? `${oneLine(s.error)}${s.data ? ` — showing the list from ${formatAge(ctx.now - (s.updatedAt ?? ctx.now))} ago` : ''}` : '';
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Segments
        segments={[...titleSegments(h, ctx), ...(win.label ? [{ text: ` · ${win.label}`, tone: 'muted' as const }] : [])]}
        width={width}
        color={color}
      />
      {errorH ? <Line text={errorText} width={width} tone="red" bold color={color} /> : null}
      <Table
        columns={columns}
        rows={rows}
        rowKey={(r) => r.key}
        selected={sel}
        start={win.start}
        height={tableH}
        width={width}
        color={color}
        epoch={ctx.now}
        empty={empty}
        marker
      />
      {detailH && selRow ? <Line text={containerDetail(selRow.c)} width={width} tone="gray" color={color} /> : null}
      {healthH ? <HealthPart h={h} ctx={ctx} height={healthH} width={width} color={color} /> : null}
    </Box>
  );
}
