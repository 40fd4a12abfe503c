/**
 * The database screen's tables as column data: sessions, top statements,
 * largest tables, migrations. Pure cell renderers, like hostCells.
 */
import type { DbMigration, DbSession, DbStatement, DbTable } from '../services/database/types';
import { formatBytes, formatDuration, MISSING, oneLine } from './format';
import { durationText, queryText, stateLabel, type DbLimits } from './databaseRows';
import type { Column } from './widgets/tableLayout';

function stateTone(s: DbSession): 'good' | 'warning' | 'muted' | undefined {
  if (s.state === null) return 'muted';
  if (s.state === 'active') return 'good';
  if (s.state.startsWith('idle in transaction')) return 'warning';
  return 'muted';
}

/** `blockers`: pids that hold up someone — the first ones an operator looks at. */
export function sessionColumns(limits: DbLimits, blockers: ReadonlySet<number>): Column<DbSession>[] {
  const long = (s: DbSession) => (s.state === 'active' || s.state?.startsWith('idle in transaction')) && (s.durationSeconds ?? 0) >= limits.longQuerySeconds;
  return [
    {
      title: 'PID',
      width: 8,
      align: 'right',
      cell: (s) => (blockers.has(s.pid) ? { text: `!${s.pid}`, tone: 'critical', bold: true } : { text: String(s.pid) }),
    },
    { title: 'USER', width: 17, cell: (s) => ({ text: s.user ?? MISSING, tone: s.user ? undefined : 'muted' }) },
    { title: 'APPLICATION', width: 14, cell: (s) => ({ text: s.application || MISSING, tone: 'muted' }) },
    { title: 'CLIENT', width: 15, cell: (s) => ({ text: s.client ?? MISSING, tone: 'muted' }) },
    { title: 'STATE', width: 10, cell: (s) => ({ text: stateLabel(s), tone: stateTone(s) }) },
    {
      title: 'WAIT',
      width: 14,
      cell: (s) =>
        s.blockedBy.length > 0
          ? { text: `← ${s.blockedBy.join(',')}`, tone: 'warning', bold: true }
          : // An idle session always "waits" for its client: only a busy one's wait says something.
            { text: s.waitEventType && s.state !== 'idle' ? `${s.waitEventType}:${s.waitEvent ?? ''}` : '', tone: 'muted' },
    },
    {
      title: 'TIME',
      width: 8,
      align: 'right',
      cell: (s) => (long(s) ? { text: durationText(s), tone: 'warning', bold: true } : { text: durationText(s), tone: 'muted' }),
    },
    { title: 'QUERY', width: 'flex', minWidth: 10, cell: (s) => ({ text: queryText(s) }) },
  ];
}

const ms = (v: number) => (v >= 10_000 ? formatDuration(v / 1000) : `${v >= 100 ? Math.round(v) : v.toFixed(1)} ms`);

export const STATEMENT_COLUMNS: Column<DbStatement>[] = [
  { title: 'TOTAL', width: 9, align: 'right', cell: (s) => ({ text: ms(s.totalMs), bold: true }) },
  { title: 'CALLS', width: 8, align: 'right', cell: (s) => ({ text: String(s.calls) }) },
  { title: 'MEAN', width: 9, align: 'right', cell: (s) => ({ text: ms(s.meanMs) }) },
  { title: 'ROWS', width: 8, align: 'right', cell: (s) => ({ text: String(s.rows), tone: 'muted' }) },
  { title: 'USER', width: 17, cell: (s) => ({ text: s.user ?? MISSING, tone: 'muted' }) },
  { title: 'QUERY', width: 'flex', minWidth: 10, cell: (s) => ({ text: oneLine(s.query) }) },
];

export const TABLE_COLUMNS: Column<DbTable>[] = [
  { title: 'TABLE', width: 'flex', minWidth: 12, maxWidth: 48, cell: (t) => ({ text: `${t.schema}.${t.name}`, bold: true }) },
  { title: 'SIZE', width: 10, align: 'right', cell: (t) => ({ text: formatBytes(t.totalBytes) }) },
  {
    title: 'ROWS (EST.)',
    width: 12,
    align: 'right',
    cell: (t) => ({ text: t.rowsEstimate === null ? MISSING : String(Math.round(t.rowsEstimate)), tone: 'muted' }),
  },
];

export function migrationColumns(now: number): Column<DbMigration>[] {
  return [
    { title: 'VERSION', width: 'flex', minWidth: 14, maxWidth: 40, cell: (m) => ({ text: m.version, bold: true }) },
    { title: 'APPLIED', width: 20, cell: (m) => ({ text: m.appliedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z') }) },
    { title: 'AGO', width: 8, align: 'right', cell: (m) => ({ text: formatDuration((now - Date.parse(m.appliedAt)) / 1000), tone: 'muted' }) },
  ];
}
