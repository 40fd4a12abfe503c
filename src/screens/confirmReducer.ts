import { confirmationAccepts, type Confirmation, type Risk } from '../services/actionGuard';
import type { KeyFlags } from './keymap';

export interface ConfirmRequest {
  /** "Restart container risk-platform-api-1". */
  title: string;
  detail?: string;
  risk: Risk;
  host: string;
  production: boolean;
  /** Ask only on a production host (a shell): elsewhere the action goes ahead unasked, still refused under --read-only. */
  askOnProductionOnly?: boolean;
}

export interface ConfirmState {
  req: ConfirmRequest;
  confirmation: Confirmation;
  typed: string;
  /** Shown after a wrong typed name, so the operator sees why nothing happened. */
  error: string | null;
}

export type ConfirmOutcome = 'pending' | 'accepted' | 'cancelled';

/**
 * The confirmation modal as a pure function of one key. A plain yes/no takes
 * y or n; a typed-host confirmation takes text and Enter, and a wrong name is
 * refused with a message rather than silently cancelling.
 */
export function confirmKey(s: ConfirmState, input: string, key: KeyFlags): { state: ConfirmState; outcome: ConfirmOutcome } {
  if (key.escape) return { state: s, outcome: 'cancelled' };
  const c = s.confirmation;
  if (c.kind !== 'typeHost') {
    if (input === 'y' || input === 'Y') return { state: s, outcome: 'accepted' };
    if (input === 'n' || input === 'N') return { state: s, outcome: 'cancelled' };
    return { state: s, outcome: 'pending' };
  }
  if (key.return) {
    if (confirmationAccepts(c, s.typed)) return { state: s, outcome: 'accepted' };
    return { state: { ...s, typed: '', error: `"${s.typed}" is not ${c.expected}; type the host name exactly, or Esc` }, outcome: 'pending' };
  }
  if (key.backspace || key.delete) return { state: { ...s, typed: s.typed.slice(0, -1), error: null }, outcome: 'pending' };
  if (key.ctrl && input === 'u') return { state: { ...s, typed: '', error: null }, outcome: 'pending' };
  // Printable text only: control sequences never end up in the typed name.
  if (input && !key.ctrl && /^[\x20-\x7e]+$/.test(input) && s.typed.length < 128) {
    return { state: { ...s, typed: s.typed + input, error: null }, outcome: 'pending' };
  }
  return { state: s, outcome: 'pending' };
}
