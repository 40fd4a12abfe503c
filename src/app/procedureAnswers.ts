/**
 * The operator's answers to the run shown: y / n to its question (a skip or
 * a refusal with a typed reason), A to abort after a failed step, S to stop
 * the command, t for the recovery timer, O to override a live check's tick,
 * and the reasons typed for them.
 */
import type { RunSession } from '../services/procedures/runner/RunSession';
import { parseOverride } from '../screens/overrideInput';
import { proceduresUi, say, type ProceduresContext } from './proceduresContext';

/** The run shown while the run view is: answers go to it only. */
function shownRun(c: ProceduresContext): RunSession | null {
  return c.getUi().procedures.nav.mode === 'run' ? c.runs.current() : null;
}

const liveTicks = (s: RunSession | null) => s?.store.getState().checks.filter((x) => x.by === 'live-check' && x.status === 'ticked') ?? [];

export function answerYes(c: ProceduresContext): void {
  const s = shownRun(c);
  const q = s?.store.getState().question;
  if (!s || !q) return;
  if (q.kind === 'branch' || q.kind === 'rerun') return void s.replyBranch(true);
  if (q.kind === 'failed') return void s.replyFailure({ action: 'retry' });
  if (q.kind === 'manual' || q.kind === 'check') return void s.reply({ done: true });
}

export function answerNo(c: ProceduresContext): void {
  const s = shownRun(c);
  const q = s?.store.getState().question;
  if (!s || !q) return;
  if (q.kind === 'branch' || q.kind === 'rerun') return void s.replyBranch(false);
  if (q.kind === 'choice') return;
  proceduresUi(c, { type: 'reasonFor', what: q.kind === 'failed' ? 'skipFailure' : 'answer' });
  if (q.kind === 'failed') say(c, `skip step ${q.step}: why?`);
  c.dispatch({ type: 'openInput', kind: 'reason' });
}

export function abortRun(c: ProceduresContext): void {
  const s = shownRun(c);
  if (s?.store.getState().question?.kind === 'failed') s.replyFailure({ action: 'abort' });
  else say(c, 'A aborts the run when a step has failed', 'error');
}

export function stopCommand(c: ProceduresContext): void {
  const s = shownRun(c);
  if (s) say(c, s.stopCurrentCommand());
}

export function recoveryTimer(c: ProceduresContext): void {
  const s = shownRun(c);
  if (s) say(c, s.toggleTimer());
}

export function overrideCheck(c: ProceduresContext): void {
  const s = shownRun(c);
  if (!s) return;
  const live = liveTicks(s);
  if (!live.length) return say(c, 'O overrides a checklist item a live check ticked: none so far', 'error');
  proceduresUi(c, { type: 'reasonFor', what: 'override' });
  say(
    c,
    live.length === 1
      ? `override "${live[0]!.text}": why?`
      : `override which live tick? type its number, then why: ${live.map((x) => `${x.index + 1} ${x.text}`).join(' · ')}`,
  );
  c.dispatch({ type: 'openInput', kind: 'reason' });
}

/** A reason typed on the input line: for an override, a failed step's skip, or a question's skip or refusal. */
export function submitReason(c: ProceduresContext, text: string): void {
  const s = c.runs.current();
  const reasonFor = c.getUi().procedures.reasonFor;
  if (reasonFor === 'override') {
    proceduresUi(c, { type: 'reasonFor', what: 'answer' });
    const live = liveTicks(s);
    const o = parseOverride(text, live);
    if (!o.ok) return say(c, o.problem, 'error');
    const done = s!.override(o.index, o.reason);
    return say(c, done ?? `overridden: ${live.find((x) => x.index === o.index)?.text}`, done ? 'error' : 'info');
  }
  if (reasonFor === 'skipFailure') {
    proceduresUi(c, { type: 'reasonFor', what: 'answer' });
    if (!s?.replyFailure({ action: 'skip', reason: text })) say(c, 'skipping a failed step needs a reason: n, then type why', 'error');
    return;
  }
  if (!s?.reply({ done: false, reason: text })) say(c, 'a skip needs a reason: n, then type why', 'error');
}
