/**
 * One host's PostgreSQL, pg_activity-style: connections against the library's
 * limit, cache hit ratio, size / WAL / replication / last migration / last
 * backup, blocking chains, and a sortable, filterable sessions table (or top
 * statements, largest tables, migrations). A database that cannot be read
 * says so with the reason and keeps the last figures, marked stale; a role
 * without pg_monitor gets what it may see and a line saying what is missing.
 */
import React, { useMemo } from 'react';
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { HostEntry, LiveStore } from '../services/liveStore';
import type { DatabaseSnapshot, DbSession } from '../services/database/types';
import { formatPercent, formatUpdated, isStale, oneLine, truncate, type Level } from './format';
import type { FigureContext } from './hostCells';
import { backupText, blockerPids, blockingPaths, durationText, factsText, queryText, stateLabel, visibleSessions, type DbLimits } from './databaseRows';
import { migrationColumns, sessionColumns, STATEMENT_COLUMNS, TABLE_COLUMNS } from './databaseColumns';
import type { DbUi } from './databaseUi';
import { selectHost } from './selectors';
import { Gauge } from './widgets/Gauge';
import { PROD_LABEL } from './widgets/ProductionBadge';
import { Segments, type Segment } from './widgets/Segments';
import { Table, useListWindow } from './widgets/Table';

export interface DatabaseScreenProps {
  store: LiveStore;
  host: string | null;
  db: DbUi;
  /** The live session filter (being typed, else applied). */
  filter: string;
  ctx: FigureContext;
  limits: DbLimits;
  height: number;
  width: number;
  color: boolean;
}

const NO_SESSIONS: DbSession[] = [];

/** The sessions the table lists, for the screen and for the intents (selection by pid). */
export function listedSessions(entry: HostEntry | null, db: DbUi, filter: string): DbSession[] {
  return visibleSessions(entry?.database.data?.sessions ?? NO_SESSIONS, db.sort, filter);
}

function titleSegments(h: HostEntry, d: DatabaseSnapshot | null, ctx: FigureContext): Segment[] {
  const segs: Segment[] = [
    { text: ' Database ', bold: true },
    { text: ` ${h.name} `, bold: true, inverse: true },
  ];
  if (h.production) segs.push({ text: PROD_LABEL, tone: 'critical', bold: true, inverse: true });
  segs.push({ text: ` ${h.databaseTarget ?? ''}`, tone: 'accent' });
  const stale = isStale(h.database.updatedAt, ctx.now, ctx.refreshMs) || h.database.error !== null;
  segs.push({ text: ` · updated ${formatUpdated(h.database.updatedAt, ctx.now, ctx.refreshMs)}`, tone: stale ? 'warning' : 'muted', bold: stale });
  if (d) segs.push({ text: ` · PostgreSQL ${d.serverVersion.split(' ')[0]}${d.inRecovery ? ' · standby' : ''}` });
  return segs;
}

function connLevel(d: DatabaseSnapshot, limits: DbLimits): Level {
  const c = d.connections;
  if (c.total >= c.max * 0.9) return 'critical';
  return c.total >= limits.connections ? 'warning' : 'ok';
}

function Line({ text, width, tone, color, bold }: { text: string; width: number; tone?: 'red' | 'yellow'; color: boolean; bold?: boolean }) {
  return (
    <Text color={color ? tone : undefined} bold={bold} wrap="truncate">
      {truncate(text, width)}
    </Text>
  );
}

/** The full query of one session, wrapped to the width, and who it is. */
function QueryView({ s, width, height }: { s: DbSession; width: number; height: number }) {
  const head = `pid ${s.pid} · ${s.user ?? '?'} · ${s.application || '—'} · ${s.client ?? '—'} · ${stateLabel(s)} ${durationText(s)}${s.blockedBy.length ? ` · waiting for ${s.blockedBy.join(', ')}` : ''}`;
  const text = s.query ?? queryText(s);
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const l = raw.replace(/\t/g, '  ');
    for (let i = 0; i === 0 || i < l.length; i += Math.max(1, width)) lines.push(l.slice(i, i + Math.max(1, width)));
  }
  const room = Math.max(0, height - 2);
  const shown = lines.slice(0, room);
  if (lines.length > room && room > 0) shown[room - 1] = truncate(`… ${lines.length - room + 1} more lines`, width);
  return (
    <>
      <Text bold wrap="truncate">
        {truncate(head, width)}
      </Text>
      <Text dimColor wrap="truncate">
        {truncate('Esc: back to the sessions · c cancel · K terminate', width)}
      </Text>
      {shown.map((l, i) => (
        <Text key={i} wrap="truncate">
          {l}
        </Text>
      ))}
    </>
  );
}

export function DatabaseScreen({ store, host, db, filter, ctx, limits, height, width, color }: DatabaseScreenProps): React.JSX.Element {
  const entry = useStore(store, selectHost(host));
  const backups = entry?.backups.data ?? null;
  const d = entry?.database.data ?? null;
  const sessions = useMemo(() => listedSessions(entry, db, filter), [entry, db, filter]);
  const blockers = useMemo(() => blockerPids(d?.sessions ?? NO_SESSIONS), [d]);
  const sColumns = useMemo(() => sessionColumns(limits, blockers), [limits, blockers]);
  const mColumns = useMemo(() => migrationColumns(ctx.now), [ctx.now]);
  const sel = sessions.findIndex((s) => s.pid === db.pid);

  // Lines above the table, most important first; the table gets what is left.
  const top: React.JSX.Element[] = [];
  if (entry && d === null && entry.database.error === null && entry.databaseTarget !== null) {
    top.push(
      <Line
        key="wait"
        text={entry.state === 'connected' ? 'Waiting for the first reading…' : `No figures yet: the host is ${entry.state}.`}
        width={width}
        color={color}
      />,
    );
  }
  if (entry?.database.error) {
    const why = `✗ ${oneLine(entry.database.error)}${d ? ' — showing the last figures (stale)' : ''}`;
    top.push(<Line key="err" text={why} tone="red" bold width={width} color={color} />);
  }
  if (d && Object.keys(d.degraded).length > 0) {
    const parts = Object.entries(d.degraded).map(([f, why]) => `${f}: ${why}`);
    top.push(<Line key="deg" text={`⚠ ${parts.join('; ')}`} tone="yellow" width={width} color={color} />);
  }
  const gw = Math.min(width, 56);
  if (d) {
    const c = d.connections;
    const rest = `  ${c.active} active · ${c.idle} idle · ${c.idleInTransaction} idle in tx${c.hidden ? ` · ${c.hidden} hidden` : ''} · ${d.longRunning.length} long · ${d.blocked.length} waiting`;
    top.push(
      <Box key="conn" height={1} width={width}>
        <Gauge
          label="CONN"
          percent={Math.min(100, (c.total / limits.connections) * 100)}
          value={`${c.total}/${limits.connections} (max ${c.max})`}
          level={connLevel(d, limits)}
          width={gw}
          color={color}
        />
        <Text wrap="truncate">{truncate(rest, Math.max(0, width - gw))}</Text>
      </Box>,
    );
    const ratio = d.cacheHitRatio;
    const cacheLevel: Level = ratio !== null && ratio < limits.cacheHitRatio ? 'warning' : 'ok';
    const b = backupText(backups, limits);
    top.push(
      <Box key="cache" height={1} width={width}>
        <Gauge
          label="CACHE"
          percent={ratio}
          value={ratio === null ? 'no reads yet' : `${ratio.toFixed(1)}% (≥ ${formatPercent(limits.cacheHitRatio)})`}
          level={cacheLevel}
          width={gw}
          color={color}
        />
        <Text color={color && b.late ? 'yellow' : undefined} bold={b.late} wrap="truncate">
          {truncate(`  ${b.text}`, Math.max(0, width - gw))}
        </Text>
      </Box>,
    );
    top.push(<Line key="facts" text={factsText(d, ctx.now)} width={width} color={color} />);
    for (const p of blockingPaths(d.sessions).slice(0, 3)) {
      top.push(<Line key={`blk${p.join('-')}`} text={`⛔ blocking: ${p.join(' ← ')}`} tone="yellow" bold width={width} color={color} />);
    }
  } else if (entry && entry.databaseTarget !== null && backups) {
    const b = backupText(backups, limits);
    top.push(<Line key="backup" text={b.text} tone={b.late ? 'yellow' : undefined} width={width} color={color} />);
  }

  const headH = 1;
  const topH = Math.min(top.length, Math.max(0, height - headH - 3));
  const tableH = Math.max(0, height - headH - topH - 1);
  const win = useListWindow(db.panel === 'sessions' ? sel : -1, sessions.length, tableH);
  if (height <= 0) return <></>;
  if (!entry) {
    const msg = host === null ? 'No host selected: pick one on the overview (o), with 1–9, or :host NAME.' : `Unknown host "${host}".`;
    return <Line text={msg} width={width} color={color} />;
  }
  if (entry.databaseTarget === null) {
    return (
      <Box flexDirection="column" height={height} overflowY="hidden">
        <Segments segments={titleSegments(entry, null, ctx)} width={width} color={color} />
        <Line text={`${entry.name} has no database configured (add postgres: to its entry in the config).`} width={width} color={color} />
      </Box>
    );
  }

  let panelTitle: string;
  let table: React.JSX.Element | null = null;
  const selected = sel >= 0 ? sessions[sel] : undefined;
  if (db.query && selected) {
    panelTitle = '';
  } else if (db.panel === 'statements') {
    panelTitle = d?.topStatements
      ? `top statements by total time (pg_stat_statements) · v: next`
      : `top statements: ${d?.degraded.statements ?? 'not read yet'} · v: next`;
    table = (
      <Table
        columns={STATEMENT_COLUMNS}
        rows={d?.topStatements ?? []}
        rowKey={(s) => `${s.user}:${s.query}`}
        selected={-1}
        start={0}
        height={tableH}
        width={width}
        color={color}
        empty="no statements recorded"
      />
    );
  } else if (db.panel === 'tables') {
    panelTitle = `largest tables (with indexes and TOAST) · v: next`;
    table = (
      <Table
        columns={TABLE_COLUMNS}
        rows={d?.largestTables ?? []}
        rowKey={(t) => `${t.schema}.${t.name}`}
        selected={-1}
        start={0}
        height={tableH}
        width={width}
        color={color}
        empty={d?.degraded.tables ?? 'no tables'}
      />
    );
  } else if (db.panel === 'migrations') {
    panelTitle = `latest schema migrations (DP-001) · v: next`;
    table = (
      <Table
        columns={mColumns}
        rows={d?.migrations ?? []}
        rowKey={(m) => m.version}
        selected={-1}
        start={0}
        height={tableH}
        width={width}
        color={color}
        epoch={ctx.now}
        empty={d?.degraded.migrations ?? 'no migrations recorded'}
      />
    );
  } else {
    const parts = [`sessions ${sessions.length}${filter.trim() ? ` of ${d?.sessions.length ?? 0} (filter "${filter.trim()}")` : ''}`, `sort ${db.sort} (s)`];
    if (win.label) parts.push(win.label);
    parts.push('Enter query · c cancel · K terminate · v: next');
    panelTitle = parts.join(' · ');
    table = (
      <Table
        columns={sColumns}
        rows={sessions}
        rowKey={(s) => String(s.pid)}
        selected={sel}
        start={win.start}
        height={tableH}
        width={width}
        color={color}
        epoch={d}
        marker
        empty={filter.trim() ? `no session matches "${filter.trim()}" (Esc clears the filter)` : 'no other sessions'}
      />
    );
  }
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      <Segments segments={titleSegments(entry, d, ctx)} width={width} color={color} />
      {top.slice(0, topH)}
      {db.query && selected ? (
        <QueryView s={selected} width={width} height={height - headH - topH} />
      ) : (
        <>
          <Text dimColor wrap="truncate">
            {truncate(panelTitle, width)}
          </Text>
          {table}
        </>
      )}
    </Box>
  );
}
