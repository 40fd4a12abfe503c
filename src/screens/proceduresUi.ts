/**
 * The Procedures screen's part of the UI state, as a pure reducer that
 * uiStore delegates to: where the screen is (proceduresNav), what the reason
 * being typed on the input line is for, and the alert that opened a
 * procedure (its words preselect the alternatives of a run of it).
 */
import { initialNav, navReduce, type NavEvent, type ProceduresNav } from './proceduresNav';

/** What a reason typed on the input line answers: a question's skip or refusal, an override of a live tick, a failed step's skip. */
export type ReasonFor = 'answer' | 'override' | 'skipFailure';

export interface ProcUi {
  nav: ProceduresNav;
  reasonFor: ReasonFor;
  /** The alert the procedure was opened from (alerts screen's P): its procedure and its words. */
  alert: { procedure: string; text: string } | null;
}

export const INITIAL_PROC_UI: ProcUi = { nav: initialNav, reasonFor: 'answer', alert: null };

export type ProcUiEvent = { type: 'nav'; event: NavEvent } | { type: 'reasonFor'; what: ReasonFor } | { type: 'openedFrom'; alert: ProcUi['alert'] };

export function procUiReducer(s: ProcUi, e: ProcUiEvent): ProcUi {
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
