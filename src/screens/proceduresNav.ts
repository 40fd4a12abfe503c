/**
 * Where the Procedures screen is: which view, each view's selection or
 * scroll, and the way back. Pure (a reducer): the procedures view (app layer)
 * keeps it next to the runs it drives, and tests walk it as a table.
 *
 * Views: the library (list), a procedure (detail), the run in progress (run),
 * past runs (runs), a run's report (report), the run's escalation links
 * (links) and a linked procedure opened from them (linked). `go` remembers
 * where it came from, `back` returns there — so a link opened during a run
 * comes back to that run, exactly where it was.
 */
import type { Move } from './moveBy';

export type ProceduresMode = 'list' | 'detail' | 'run' | 'runs' | 'report' | 'links' | 'linked';

export interface ProceduresNav {
  mode: ProceduresMode;
  /** Library selection (list, detail). */
  sel: number;
  /** Past runs selection. */
  runSel: number;
  /** Links selection. */
  linkSel: number;
  /** First line shown of a long text (report, linked procedure). */
  scroll: number;
  /** The views to go back to, innermost last. */
  from: ProceduresMode[];
}

export const initialNav: ProceduresNav = { mode: 'list', sel: 0, runSel: 0, linkSel: 0, scroll: 0, from: [] };

export type NavEvent =
  /** Move the current view's selection or scroll; `count` rows in all, `page` rows per page. */
  | { type: 'move'; by: Move; count: number; page: number }
  /** Open a view on top of this one (back returns here). */
  | { type: 'go'; mode: ProceduresMode }
  /** Show a view with nothing to go back to (the library, a run just started). */
  | { type: 'reset'; mode: ProceduresMode }
  | { type: 'back' }
  | { type: 'select'; sel: number };

const clamp = (n: number, max: number) => Math.max(0, Math.min(max, n));

function moved(cur: number, by: Move, count: number): number {
  const max = Math.max(0, count - 1);
  if (by === 'top') return 0;
  if (by === 'bottom') return max;
  return clamp(cur + by, max);
}

/** Which field a view's movement keys move. */
function field(mode: ProceduresMode): 'sel' | 'runSel' | 'linkSel' | 'scroll' {
  if (mode === 'runs') return 'runSel';
  if (mode === 'links') return 'linkSel';
  if (mode === 'report' || mode === 'linked' || mode === 'detail') return 'scroll';
  return 'sel';
}

/** Whether `back` has somewhere to go within the screen. */
export const canGoBack = (n: ProceduresNav): boolean => n.from.length > 0;

export function navReduce(n: ProceduresNav, e: NavEvent): ProceduresNav {
  switch (e.type) {
    case 'move': {
      if (n.mode === 'run') return n;
      const f = field(n.mode);
      // A text scrolls by its first line: count is the number of lines past the window.
      const count = f === 'scroll' ? e.count + 1 : e.count;
      return { ...n, [f]: moved(n[f], e.by, count) };
    }
    case 'go':
      if (n.mode === e.mode) return n;
      return { ...n, mode: e.mode, scroll: 0, ...(e.mode === 'links' ? { linkSel: 0 } : {}), from: [...n.from, n.mode] };
    case 'reset':
      return { ...n, mode: e.mode, scroll: 0, from: [] };
    case 'back': {
      const to = n.from.at(-1);
      if (to === undefined) return n;
      return { ...n, mode: to, scroll: 0, from: n.from.slice(0, -1) };
    }
    case 'select':
      return { ...n, sel: Math.max(0, e.sel) };
  }
}
