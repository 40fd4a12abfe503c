/**
 * Keys on the Procedures screen → one effect the procedures view (app layer)
 * carries out: its selection, view and run live there, next to the run they
 * drive. Pure: which actions belong to this screen is a table.
 */
import type { Action } from './keymap';
import type { UiState } from './uiStore';

export type ProceduresAction =
  | 'down'
  | 'up'
  | 'pageDown'
  | 'pageUp'
  | 'top'
  | 'bottom'
  | 'open'
  | 'startRun'
  | 'answerYes'
  | 'answerNo'
  | 'showRuns'
  | 'submit'
  | 'resume'
  | 'recoveryTimer'
  | 'showReport'
  | 'showLinks'
  | 'overrideCheck'
  | 'abortRun'
  | 'stopCommand'
  | 'back'
  | 'pick';

export type ProceduresEffect = { kind: 'procedures'; action: ProceduresAction; text?: string; input?: 'param' | 'reason' };

const OWN: ReadonlySet<Action> = new Set<Action>([
  'down',
  'up',
  'pageDown',
  'pageUp',
  'top',
  'bottom',
  'open',
  'startRun',
  'answerYes',
  'answerNo',
  'showRuns',
  'recoveryTimer',
  'showReport',
  'showLinks',
  'overrideCheck',
  'abortRun',
  'stopCommand',
  'back',
]);

/**
 * The effect for an action on the Procedures screen, or null when it is not this screen's.
 * Esc (back) goes to the procedures view first: it returns within the screen (report → runs,
 * linked procedure → the run) and hands the global back on when there is nowhere to return.
 */
export function proceduresIntent(action: Action, ui: UiState): ProceduresEffect | null {
  if (ui.screen !== 'procedures' || ui.overlay === 'help' || ui.input) return null;
  return OWN.has(action) ? { kind: 'procedures', action: action as ProceduresAction } : null;
}
