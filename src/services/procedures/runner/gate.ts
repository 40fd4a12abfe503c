/**
 * Whether a step may run, decided from its risk alone (pure): the same rules
 * as every other action (actionGuard.ts), plus what headless runs may do.
 *
 * - read-only steps run.
 * - --read-only refuses mutating and destructive steps; the step is recorded
 *   as refused and the run goes on, because --read-only is for looking and the
 *   later read-only checks still tell the operator something. It judges a step
 *   by the higher of its risk and the classifier's own verdict: a library's
 *   risk-override may lower the confirmation a step asks for, never what
 *   --read-only lets through.
 * - Headless: destructive never runs (nobody is there to type the host's
 *   name); mutating runs only with --yes, else the run stops at that step;
 *   on a production host --yes alone is not enough: `--confirm-host NAME`
 *   names the host, as the cockpit has it typed.
 * - Interactive: confirmationFor — a yes, or the host's name typed for
 *   destructive steps and on production hosts.
 */
import { confirmationFor, maxRisk, refusal, type Confirmation, type Risk } from '../../actionGuard';
import type { Block, Command, Step } from '../model';

export interface GateMode {
  headless: boolean;
  readOnly: boolean;
  yes: boolean;
  /** Headless on a production host: `--confirm-host NAME`, the host's name typed on the command line. */
  confirmHost?: string;
  /** Headless: the `--branch STEP:LABEL` arguments as given (journalled with the mode). */
  branches?: string[];
}

export type Gate =
  | { kind: 'run'; confirmedBy?: string }
  | { kind: 'confirm'; confirmation: Confirmation }
  | { kind: 'refuse'; reason: string }
  | { kind: 'stop'; reason: string };

/** What --read-only judges a command by: never below the classifier's own verdict, whatever the library states. */
export function readOnlyRisk(c: Command): Risk {
  return maxRisk(c.risk, c.classified.risk);
}

/**
 * The classifier's own highest verdict over a step's commands — interactive
 * blocks included: handing a command to the operator's terminal still runs it.
 */
export function stepClassifiedRisk(step: Step): Risk {
  return classifiedRisk(step.blocks);
}

/** The same over some blocks (a branch, the blocks an operator picked). */
export function classifiedRisk(blocks: readonly Block[]): Risk {
  let r: Risk = 'read-only';
  for (const b of blocks) {
    if (b.kind === 'manual') continue;
    for (const c of b.commands) r = maxRisk(r, readOnlyRisk(c));
  }
  return r;
}

/**
 * @param risk the step's risk as the runner applies it (a risk-override included)
 * @param classifiedRisk the classifier's own verdict on the step (stepClassifiedRisk); --read-only refuses on it too
 */
export function gate(risk: Risk, step: string, host: { name: string; production: boolean }, mode: GateMode, classifiedRisk: Risk = risk): Gate {
  const judged = maxRisk(risk, classifiedRisk);
  const refused = refusal(judged, mode.readOnly, `run step "${step}"`);
  if (refused) {
    const lowered = judged !== risk ? `; the library's risk-override states ${risk}, which --read-only does not accept` : '';
    return { kind: 'refuse', reason: `${refused}${lowered}` };
  }
  if (risk === 'read-only') return { kind: 'run' };
  if (mode.headless) {
    if (risk === 'destructive') return { kind: 'stop', reason: `step "${step}" is destructive: destructive steps never run headless (run it in the cockpit)` };
    if (!mode.yes) return { kind: 'stop', reason: `step "${step}" is mutating: pass --yes to run it headless` };
    if (host.production && mode.confirmHost !== host.name) return { kind: 'stop', reason: productionRefusal(host.name) };
    return { kind: 'run', confirmedBy: host.production ? `--yes --confirm-host ${host.name}` : '--yes' };
  }
  return { kind: 'confirm', confirmation: confirmationFor(risk, host) };
}

/** Why --yes alone does not run risky steps on a production host. */
export function productionRefusal(host: string): string {
  return `${host} is a production host: --yes alone does not run its risky steps headless; add --confirm-host ${host}`;
}
