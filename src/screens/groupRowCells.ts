/**
 * How a tag group's line reads in the overview's columns: the tag under
 * NAME, "9/10 up" under STATE, and under CPU, MEM and DISK the group's
 * highest figure of each (DISK names the host it is on), the worst of them
 * against its threshold in bold.
 */
import { formatPercent, levelFor, type Thresholds } from './format';
import type { GroupSummary } from './groupHosts';
import type { OverviewRow } from './overviewRows';
import { isGroupRow } from './overviewRows';
import type { HostRow } from './hostRows';
import type { Cell, Column } from './widgets/tableLayout';

function figureCell(g: GroupSummary, figure: 'cpu' | 'memory' | 'disk', t: Thresholds, withHost: boolean): Cell {
  const r = g.max[figure];
  if (!r) return { text: '' };
  const level = levelFor(figure, r.value, 1, t);
  const worst = g.worst !== null && g.worst.figure === figure && g.worst.host === r.host;
  return { text: withHost ? `${formatPercent(r.value)} ${r.host}` : formatPercent(r.value), tone: level === 'ok' ? undefined : level, bold: worst };
}

export function groupCell(title: string, g: GroupSummary, t: Thresholds): Cell {
  switch (title) {
    case 'NAME':
      return { text: `▾ ${g.tag}`, tone: 'accent', bold: true };
    case 'STATE':
      return { text: `${g.up}/${g.total} up`, tone: g.up === g.total ? 'good' : g.up === 0 ? 'critical' : 'warning', bold: true };
    case 'CPU':
      return figureCell(g, 'cpu', t, false);
    case 'MEM':
      return figureCell(g, 'memory', t, false);
    case 'DISK':
      return figureCell(g, 'disk', t, true);
    default:
      return { text: '' };
  }
}

/** The host columns, taught to draw a group's line too. */
export function withGroupRows(columns: readonly Column<HostRow>[], t: Thresholds): Column<OverviewRow>[] {
  return columns.map((c) => ({ ...c, cell: (r: OverviewRow) => (isGroupRow(r) ? groupCell(c.title, r.group, t) : c.cell(r)) }));
}
