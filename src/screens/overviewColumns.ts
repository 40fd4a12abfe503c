/** The overview's table columns as data: the screen's and the first frame's (overviewFirstFrame). */
import type { HostRow } from './hostRows';
import { cpuCell, diskCell, loadCell, memCell, stateCell, updatedCell, uptimeCell, type FigureContext } from './hostCells';
import { dbLimits, dbOverviewCell } from './databaseRows';
import { servicesCell } from './serviceRows';
import { PROD_LABEL } from './widgets/prodLabel';
import type { Column } from './widgets/tableLayout';

/**
 * `withDb`: the DB column, shown when any host has a database configured.
 * `withSvc`: the SVC column (Docker containers running/total, unhealthy), once any host's engine answered or failed.
 */
export function overviewColumns(ctx: FigureContext, nameW: number, withDb = false, withSvc = false): Column<HostRow>[] {
  const cols: Column<HostRow>[] = [
    { title: '#', width: 3, align: 'right', cell: (r) => ({ text: String(r.n), tone: 'muted' }) },
    { title: 'NAME', width: nameW, cell: (r) => ({ text: r.entry.name, bold: true }) },
    {
      title: '',
      width: PROD_LABEL.length,
      cell: (r) => (r.entry.production ? { text: PROD_LABEL, tone: 'critical', inverse: true, bold: true } : { text: '' }),
    },
    { title: 'STATE', width: 'flex', minWidth: 12, maxWidth: 48, cell: (r) => stateCell(r.entry) },
    { title: 'CPU', width: 4, align: 'right', cell: (r) => cpuCell(r.entry, ctx) },
    { title: 'MEM', width: 4, align: 'right', cell: (r) => memCell(r.entry, ctx) },
    { title: 'DISK', width: 14, cell: (r) => diskCell(r.entry, ctx) },
    { title: 'LOAD', width: 9, align: 'right', cell: (r) => loadCell(r.entry, ctx) },
    { title: 'UPTIME', width: 7, align: 'right', cell: (r) => uptimeCell(r.entry, ctx) },
    { title: 'UPDATED', width: 10, align: 'right', cell: (r) => updatedCell(r.entry, ctx) },
  ];
  if (withSvc) cols.splice(cols.findIndex((c) => c.title === 'LOAD') + 1, 0, { title: 'SVC', width: 9, cell: (r) => servicesCell(r.entry) });
  if (withDb) {
    // Connections against the library's 50 and long queries; "down" when the database does not answer.
    const limits = dbLimits(ctx.thresholds);
    cols.splice(cols.findIndex((c) => c.title === (withSvc ? 'SVC' : 'LOAD')) + 1, 0, { title: 'DB', width: 11, cell: (r) => dbOverviewCell(r.entry, limits) });
  }
  return cols;
}
