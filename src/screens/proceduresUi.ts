/**
 * The Procedures screen's part of the UI state, as a pure reducer that
 * uiStore delegates to: where the screen is (proceduresNav), what the reason
 * being typed on the input line is for, the alert that opened a procedure
 * (its words preselect the alternatives of a run of it), the parameters being
 * asked before a run starts, the backup files offered for one of them, and
 * the procedure opened from a run's links.
 */
import type { RunSummary } from '../services/procedures/runner/journal';
import type { PickList } from './procedureLines';
import { initialNav, navReduce, type NavEvent, type ProceduresNav } from './proceduresNav';

/** What a reason typed on the input line answers: a question's skip or refusal, an override of a live tick, a failed step's skip. */
export type ReasonFor = 'answer' | 'override' | 'skipFailure';

/** A run's parameters asked one by one on the input line before it starts. */
export interface AskingParams {
  procedure: string;
  /** The names still to ask, the one asked first. */
  left: readonly string[];
  values: Readonly<Record<string, string>>;
  /** The run resumed, when it is one. */
  resume?: RunSummary;
  /** Started from a run's links: on that run's host, on top of it. */
  onTopOf?: string;
}

export interface ProceduresUi {
  nav: ProceduresNav;
  reasonFor: ReasonFor;
  /** The alert the procedure was opened from (alerts screen's P): its procedure and its words. */
  alert: { procedure: string; text: string } | null;
  asking: AskingParams | null;
  /** The backup files offered for the parameter asked (null when it takes none). */
  pick: PickList | null;
  /** The procedure opened from the run's links (its id). */
  linked: string | null;
}

export const INITIAL_PROCEDURES_UI: ProceduresUi = { nav: initialNav, reasonFor: 'answer', alert: null, asking: null, pick: null, linked: null };

export type ProceduresUiEvent =
  | { type: 'nav'; event: NavEvent }
  | { type: 'reasonFor'; what: ReasonFor }
  | { type: 'openedFrom'; alert: ProceduresUi['alert'] }
  | { type: 'ask'; asking: AskingParams | null }
  /** The parameter asked got its value: the next one is asked. */
  | { type: 'answered'; value: string }
  | { type: 'pick'; pick: PickList | null }
  /** The backup files listed for a parameter: dropped when that parameter is no longer asked. */
  | { type: 'picked'; procedure: string; param: string; files?: PickList['files']; error?: string }
  | { type: 'linked'; id: string | null };

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
    case 'ask':
      return { ...s, asking: e.asking };
    case 'answered': {
      const a = s.asking;
      const name = a?.left[0];
      if (!a || name === undefined) return s;
      return { ...s, asking: { ...a, left: a.left.slice(1), values: { ...a.values, [name]: e.value } } };
    }
    case 'pick':
      return s.pick === e.pick ? s : { ...s, pick: e.pick };
    case 'picked': {
      const k = s.pick;
      if (!k || k.procedure !== e.procedure || k.param !== e.param) return s;
      return { ...s, pick: { ...k, loading: false, files: e.files ?? [], error: e.error ?? null } };
    }
    case 'linked':
      return s.linked === e.id ? s : { ...s, linked: e.id };
  }
}
