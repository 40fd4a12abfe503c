/**
 * The Procedures screen's part of the UI state, as a pure reducer that
 * uiStore delegates to: where the screen is (proceduresNav), what the reason
 * being typed on the input line is for, and the alert that opened a
 * procedure (its words preselect the alternatives of a run of it).
 */
import { initialNav, navReduce, type NavEvent, type ProceduresNav } from './proceduresNav';

/** What a reason typed on the input line answers: a question's skip or refusal, an override of a live tick, a failed step's skip. */
export type ReasonFor = 'answer' | 'override' | 'skipFailure';

export interface ProceduresUi {
  nav: ProceduresNav;
  reasonFor: ReasonFor;
  /** The alert the procedure was opened from (alerts screen's P): its procedure and its words. */
  alert: { procedure: string; text: string } | null;
}

export const INITIAL_PROCEDURES_UI: ProceduresUi = { nav: initialNav, reasonFor: 'answer', alert: null };

export type ProceduresUiEvent =
  { type: 'nav'; event: NavEvent } | { type: 'reasonFor'; what: ReasonFor } | { type: 'openedFrom'; alert: ProceduresUi['alert'] };

export function proceduresUiReducer(s: ProceduresUi, e: ProceduresUiEvent): ProceduresUi {
  switch (e.type) {
    case 'nav': {
      const nav = navReduce(s.nav, e.event);
      return nav === s.nav ? s : { ...s, nav };
    }
    case 'reasonFor':
      return s.reasonFor === e.what ? s : { ...s, reasonFor: e.what };
    case 'openedFrom':
      return { ...s, alert: e.alert };
  }
}
