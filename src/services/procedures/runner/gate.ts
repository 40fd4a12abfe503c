/**
 * Whether a step may run, decided from its risk alone (pure): the same rules
 * as every other action (actionGuard.ts), plus what headless runs may do.
 *
 * - read-only steps run.
 * - --read-only refuses mutating and destructive steps; the step is recorded
 *   as refused and the run goes on, because --read-only is for looking and the
 *   later read-only checks still tell the operator something.
 * - Headless: destructive never runs (nobody is there to type the host's
 *   name); mutating runs only with --yes, else the run stops at that step.
 * - Interactive: confirmationFor — a yes, or the host's name typed for
 *   destructive steps and on production hosts.
 */
import { confirmationFor, refusal, type Confirmation, type Risk } from '../../actionGuard';

export interface GateMode {
  headless: boolean;
  readOnly: boolean;
  yes: boolean;
}

export type Gate =
  | { kind: 'run'; confirmedBy?: string }
  | { kind: 'confirm'; confirmation: Confirmation }
  | { kind: 'refuse'; reason: string }
  | { kind: 'stop'; reason: string };

export function gate(risk: Risk, step: string, host: { name: string; production: boolean }, mode: GateMode): Gate {
  const refused = refusal(risk, mode.readOnly, `run step "${step}"`);
  if (refused) return { kind: 'refuse', reason: refused };
  if (risk === 'read-only') return { kind: 'run' };
  if (mode.headless) {
    if (risk === 'destructive') return { kind: 'stop', reason: `step "${step}" is destructive: destructive steps never run headless (run it in the cockpit)` };
    if (!mode.yes) return { kind: 'stop', reason: `step "${step}" is mutating: pass --yes to run it headless` };
    return { kind: 'run', confirmedBy: '--yes' };
  }
  return { kind: 'confirm', confirmation: confirmationFor(risk, host) };
}
