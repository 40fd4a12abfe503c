/**
 * The cockpit's first frame without React or Ink: the overview with every
 * host "connecting", as the App draws it before any data, alert or key — the
 * fleet's alert line, the title, the table's header and rows, the status bar.
 * The app writes it to the terminal while Ink and the screens are still
 * loading; Ink's first frame then lands on the same cells (the two are
 * compared cell by cell, colours included, in test/screens/overviewFirstFrame.test.tsx).
 *
 * It uses the same pure parts as the screens (the overview's columns and
 * rows, the table's layout, the status bar's segments), with the App's and
 * the overview's heights. What it cannot draw exactly it does not draw: it
 * returns null, and the first frame is Ink's.
 */
import type { LiveState } from '../services/liveStore';
import { countSegments, fleetSummary } from './alertRows';
import { DEFAULT_THRESHOLDS, formatClock, truncate, type Thresholds } from './format';
import { INITIAL_FLEET_UI } from './fleetUi';
import { withGroupRows } from './groupRowCells';
import { nameWidth, type FigureContext } from './hostCells';
import type { HostRow } from './hostRows';
import { overviewColumns } from './overviewColumns';
import { overviewTitle } from './overviewTitle';
import { isGroupRow, overviewRows } from './overviewRows';
import { fitSegments, type Segment } from './widgets/segmentLine';
import { statusSegments } from './widgets/statusSegments';
import { styledRuns, type Run } from './widgets/styledRuns';
import { headerLine, layoutColumns, rowRuns, scrollWindow, windowLabel } from './widgets/tableLayout';
import { toneColor } from './widgets/tone';

export interface FirstFrameOptions {
  columns: number;
  rows: number;
  /** false under NO_COLOR (the App's `color`). */
  color: boolean;
  version: string;
  now: number;
  /** `--host NAME` when it names a configured host; the first host otherwise. */
  initialHost: string | null;
  refreshMs: number;
  thresholds?: Partial<Thresholds>;
}

/** Printable ASCII and the few one-column signs the screens draw: what the frame measures by string length as Ink does by display width. */
const ONE_COLUMN = /^[\x20-\x7e\u2014\u2013\u2026\u203a\u00b7\u2502\u2717]*$/; // — – … › · │ ✗

/**
 * A line cut to `width` as Ink's wrap="truncate" cuts it (cli-truncate): the
 * first width - 1 characters and an ellipsis in the style of the last one kept.
 */
function truncateRuns(runs: Run[], width: number): Run[] {
  if (runs.reduce((n, r) => n + r.text.length, 0) <= width) return runs;
  const out: Run[] = [];
  let left = width - 1;
  for (const r of runs) {
    if (left <= 0) break;
    const text = r.text.slice(0, left);
    if (text) out.push({ ...r, text });
    left -= text.length;
  }
  const last = out[out.length - 1];
  if (last) last.text += '…';
  else out.push({ text: '…' });
  return out;
}

const segmentRun = (s: Segment, color: boolean): Run => ({ text: s.text, color: toneColor(s.tone, color), bold: s.bold, inverse: s.inverse });

/**
 * The first frame's lines, each placed by a cursor position from the top
 * left (so it needs no line ends and never scrolls), or null when the frame
 * is not one this function draws exactly: a terminal too small for a frame,
 * a name or text that is not one column per character, a line wider than the
 * terminal.
 */
export function overviewFirstFrame(live: LiveState, o: FirstFrameOptions): string | null {
  const { columns: width, rows, color } = o;
  // The App's frame budget: rows - 1 lines, the fleet's alert line, the body, the status bar.
  const budget = Math.max(0, rows - 1);
  if (budget < 3 || width < 1) return null;
  const topH = Math.min(1, Math.max(0, budget - 2));
  const bodyH = Math.max(0, budget - 1 - topH);
  const selected = o.initialHost !== null && live.order.includes(o.initialHost) ? o.initialHost : (live.order[0] ?? null);
  const th: Thresholds = { ...DEFAULT_THRESHOLDS, ...o.thresholds };
  const ctx: FigureContext = { now: o.now, refreshMs: o.refreshMs, thresholds: th };
  const noAlerts = { CRITICAL: 0, WARNING: 0, INFO: 0 };

  const lines: Run[][] = [];
  lines.push([{ text: truncate(fleetSummary(noAlerts, 0), width), color: color ? 'green' : undefined }]);

  // The overview, config order, no filter: its title and its table (header, one row per host shown).
  const rowsAll = overviewRows(live.order, live.hosts, '', INITIAL_FLEET_UI, th);
  const hostRows = rowsAll.filter((r): r is HostRow => !isGroupRow(r));
  if (hostRows.length !== rowsAll.length) return null;
  if (!live.order.every((n) => ONE_COLUMN.test(n))) return null;
  const columns = withGroupRows(
    overviewColumns(
      ctx,
      nameWidth(live.order),
      hostRows.some((r) => r.entry.databaseTarget !== null),
      false,
    ),
    th,
  );
  const sel = rowsAll.findIndex((r) => !isGroupRow(r) && r.entry.name === selected);
  const tableH = Math.max(0, bodyH - 1);
  const size = Math.max(0, tableH - 1);
  const start = scrollWindow(0, sel, rowsAll.length, size);
  const label = windowLabel(start, Math.min(size, rowsAll.length - start), rowsAll.length);
  if (live.order.length === 0) return null;
  lines.push([{ text: truncate(overviewTitle(live.order.length, rowsAll, '', INITIAL_FLEET_UI, label), width), bold: true }]);
  const gutter = 2;
  const widths = layoutColumns(columns, width - gutter);
  if (tableH > 0) {
    lines.push(truncateRuns([{ text: headerLine(columns, widths, gutter), bold: true }], width));
    for (const [k, row] of rowsAll.slice(start, start + size).entries()) {
      const runs = rowRuns(row, columns, widths, start + k === sel, color, true);
      lines.push(truncateRuns(runs, width));
    }
  }

  // The status bar, on the frame's last line.
  const entry = selected === null ? undefined : live.hosts[selected];
  const status = statusSegments({
    width,
    host: entry ? { name: entry.name, production: entry.production, state: entry.state } : null,
    screen: 'overview',
    message: null,
    readOnly: live.readOnly,
    clock: formatClock(o.now),
    version: o.version,
    alerts: countSegments(noAlerts, 0, {}),
  });
  const statusLine = fitSegments(status, width).map((s) => segmentRun(s, color));

  let out = '';
  const place = (y: number, runs: Run[]) => {
    out += `\x1b[${y + 1};1H${styledRuns(runs)}\x1b[0m`;
  };
  for (const [y, runs] of lines.entries()) {
    if (y >= topH + bodyH) break;
    place(y, runs);
  }
  place(budget - 1, statusLine);
  const all = [...lines, statusLine];
  if (all.some((runs) => runs.reduce((n, r) => n + r.text.length, 0) > width || !runs.every((r) => ONE_COLUMN.test(r.text)))) return null;
  return out;
}
