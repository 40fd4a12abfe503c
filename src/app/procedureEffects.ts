/** The procedures screen's key effects (proceduresIntents), each to the function that carries it out. */
import type { ProceduresEffect } from '../screens/proceduresIntents';
import { abortRun, answerNo, answerYes, overrideCheck, recoveryTimer, stopCommand, submitReason } from './procedureAnswers';
import { back, move, open, showLinks, showReport, showRuns, startRun } from './procedureNavigation';
import { movePick, resume, submitParam } from './procedureParams';
import type { ProceduresContext } from './proceduresContext';

export function runProceduresEffect(c: ProceduresContext, e: ProceduresEffect): void {
  switch (e.action) {
    case 'down':
    case 'up':
    case 'pageDown':
    case 'pageUp':
    case 'top':
    case 'bottom':
      return move(c, e.action);
    case 'open':
      return open(c);
    case 'back':
      return back(c);
    case 'showRuns':
      return showRuns(c);
    case 'showReport':
      return showReport(c);
    case 'showLinks':
      return showLinks(c);
    case 'startRun':
      return startRun(c, e.text);
    case 'resume':
      return resume(c, e.text ?? '');
    case 'recoveryTimer':
      return recoveryTimer(c);
    case 'answerYes':
      return answerYes(c);
    case 'answerNo':
      return answerNo(c);
    case 'abortRun':
      return abortRun(c);
    case 'stopCommand':
      return stopCommand(c);
    case 'overrideCheck':
      return overrideCheck(c);
    case 'pick':
      return movePick(c, Number(e.text ?? 1));
    case 'submit':
      return e.input === 'reason' ? submitReason(c, e.text ?? '') : submitParam(c, e.text ?? '');
  }
}
