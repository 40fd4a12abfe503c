/**
 * Moving about the procedures screen: the movement keys over what is on
 * screen, Enter and Esc between the library, a procedure, the run, its
 * links and past runs and their reports (read by the runs service), and
 * `x` / `:run ID` to start a run.
 */
import { canGoBack } from '../screens/proceduresNav';
import type { ProceduresEffect } from '../screens/proceduresIntents';
import { go, proceduresUi, say, type ProceduresContext } from './proceduresContext';
import { begin } from './procedureParams';

type Move = Extract<ProceduresEffect['action'], 'down' | 'up' | 'pageDown' | 'pageUp' | 'top' | 'bottom'>;

export function move(c: ProceduresContext, action: Move): void {
  const by = action === 'down' ? 1 : action === 'up' ? -1 : action === 'pageDown' ? c.page : action === 'pageUp' ? -c.page : action;
  go(c, { type: 'move', by, count: c.extent(), page: c.page });
}

/** The procedure of the run shown. */
function runProcedure(c: ProceduresContext) {
  const s = c.runs.current();
  return s ? c.procs.find((x) => x.id === s.store.getState().procedure) : undefined;
}

function openReport(c: ProceduresContext, runId: string): void {
  const problem = c.runs.openReport(c.props!.stateDir, runId);
  if (problem) return say(c, problem, 'error');
  go(c, { type: 'go', mode: 'report' });
}

export function open(c: ProceduresContext): void {
  const n = c.getUi().procedures.nav;
  if (n.mode === 'list') return go(c, { type: 'go', mode: 'detail' });
  if (n.mode === 'runs') {
    const r = c.runs.store.getState().past[n.runSel];
    return r ? openReport(c, r.runId) : undefined;
  }
  if (n.mode === 'links') {
    const l = runProcedure(c)?.links[n.linkSel];
    const target = l?.procedure ? c.procs.find((x) => x.id === l.procedure) : undefined;
    if (!l) return;
    if (!target) return say(c, `${l.text}: #${l.target} is not in the library (unresolved)`, 'error');
    proceduresUi(c, { type: 'linked', id: target.id });
    return go(c, { type: 'go', mode: 'linked' });
  }
  // The run view's Enter shows the library with the way back to the run (Esc).
  if (n.mode === 'run') return go(c, { type: 'go', mode: 'list' });
  go(c, canGoBack(n) ? { type: 'back' } : { type: 'reset', mode: 'list' });
}

export function back(c: ProceduresContext): void {
  const n = c.getUi().procedures.nav;
  if (canGoBack(n)) return go(c, { type: 'back' });
  const ss = c.runs.store.getState().sessions;
  if (n.mode === 'run' && ss.length > 1) {
    const cur = ss.at(-1)!.store.getState();
    if (cur.status === 'running')
      return say(
        c,
        `the run of ${cur.procedure} is in progress: finish it (answer or skip its questions), then Esc returns to ${ss.at(-2)!.store.getState().procedure}`,
        'error',
      );
    return c.runs.pop();
  }
  // Nowhere to return within the screen (the library, or a procedure opened from an alert): the previous screen.
  c.dispatch({ type: 'back' });
}

export function showRuns(c: ProceduresContext): void {
  const n = c.getUi().procedures.nav;
  if (n.mode === 'runs') return go(c, canGoBack(n) ? { type: 'back' } : { type: 'reset', mode: 'list' });
  if (c.props) c.runs.listPast(c.props.stateDir);
  go(c, { type: 'go', mode: 'runs' });
}

export function showReport(c: ProceduresContext): void {
  const n = c.getUi().procedures.nav;
  if (n.mode === 'runs') {
    const r = c.runs.store.getState().past[n.runSel];
    return r ? openReport(c, r.runId) : undefined;
  }
  const id = c.runs.current()?.store.getState().runId;
  if (n.mode !== 'run' || !id) return say(c, 'R: the report of the run shown (none yet)', 'error');
  openReport(c, id);
}

export function showLinks(c: ProceduresContext): void {
  const s = c.runs.current();
  if (c.getUi().procedures.nav.mode !== 'run' || !s) return;
  if (!runProcedure(c)?.links.length) return say(c, `${s.store.getState().procedure} has no links`, 'error');
  go(c, { type: 'go', mode: 'links' });
}

/** x (the selected procedure, or the linked one on the run's host) and `:run ID`. */
export function startRun(c: ProceduresContext, text?: string): void {
  const u = c.getUi();
  const n = u.procedures.nav;
  const s = c.runs.current();
  const linked = u.procedures.linked ? c.procs.find((x) => x.id === u.procedures.linked) : undefined;
  if (n.mode === 'linked' && linked && s) return begin(c, linked, s.store.getState().host);
  const p = text ? c.procs.find((x) => x.id.toLowerCase() === text.toLowerCase()) : c.procs[n.sel];
  if (!p) return say(c, `unknown procedure ${JSON.stringify(text)}`, 'error');
  go(c, { type: 'select', sel: c.procs.indexOf(p) });
  begin(c, p);
}

/** Opens the screen at a procedure (the alerts screen's P); false when the library lacks it. */
export function showProcedure(c: ProceduresContext, id: string, alert?: string): boolean {
  const i = c.procs.findIndex((p) => p.id === id);
  if (i < 0) return false;
  proceduresUi(c, { type: 'openedFrom', alert: alert ? { procedure: id, text: alert } : null });
  go(c, { type: 'select', sel: i });
  go(c, { type: 'reset', mode: 'detail' });
  return true;
}
