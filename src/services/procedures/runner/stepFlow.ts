/**
 * A step's control flow as the runner walks it (pure): its blocks grouped
 * into units — plain blocks that always run, a branch asked before it runs
 * (default: not run), a choice among alternatives (one or more) — and the
 * decisions that need no operator: `--branch STEP:LABEL` headless, the
 * alternative a `service_name` parameter or an alert points at, and how a
 * run ends from its steps' statuses.
 */
import { maxRisk, type Risk } from '../../actionGuard';
import { branchLabels, matchBranchLabel } from '../matchBranch';
import type { Block, CodeBlock, Procedure, Step } from '../model';
import type { StepRecord } from './types';

export interface BranchOption {
  label: string;
  blocks: Block[];
}

export type FlowUnit =
  | { kind: 'plain'; blocks: Block[] }
  | { kind: 'branch'; label: string; blocks: Block[] }
  | { kind: 'choice'; choice: number; options: BranchOption[] };

/**
 * The step's units in the order they are reached: a branch's blocks (those
 * of one label) and a choice's alternatives (those of one choice number) are
 * gathered at the first block that belongs to them.
 */
export function stepUnits(step: Step): FlowUnit[] {
  const units: FlowUnit[] = [];
  const branches = new Map<string, Extract<FlowUnit, { kind: 'branch' }>>();
  const choices = new Map<number, Extract<FlowUnit, { kind: 'choice' }>>();
  for (const b of step.blocks) {
    if (b.flow === 'branch') {
      const label = b.label ?? '(unlabelled branch)';
      const u = branches.get(label);
      if (u) u.blocks.push(b);
      else {
        const nu = { kind: 'branch' as const, label, blocks: [b] };
        branches.set(label, nu);
        units.push(nu);
      }
      continue;
    }
    if (b.flow === 'alternative') {
      const n = b.choice ?? 0;
      let u = choices.get(n);
      if (!u) {
        u = { kind: 'choice', choice: n, options: [] };
        choices.set(n, u);
        units.push(u);
      }
      const label = b.label ?? `option ${u.options.length + 1}`;
      const o = u.options.find((x) => x.label === label);
      if (o) o.blocks.push(b);
      else u.options.push({ label, blocks: [b] });
      continue;
    }
    const last = units.at(-1);
    if (last?.kind === 'plain') last.blocks.push(b);
    else units.push({ kind: 'plain', blocks: [b] });
  }
  return units;
}

/** Blocks the runner runs itself (interactive ones are handed to the operator). */
export function runnableBlocks(blocks: readonly Block[]): CodeBlock[] {
  return blocks.filter((b): b is CodeBlock => b.kind !== 'manual' && !b.attributes.interactive);
}

export function blocksRisk(blocks: readonly Block[]): Risk {
  let r: Risk = 'read-only';
  for (const b of runnableBlocks(blocks)) for (const c of b.commands) r = maxRisk(r, c.risk);
  return r;
}

/** Commands (shell, sql) and interactive commands of some blocks: what a question counts and shows. */
export function blockCommands(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b) => (b.kind === 'manual' ? [] : b.commands.map((c) => c.text)));
}

/** The risk the step's gate decides on before it starts: its plain blocks only (a branch is gated when taken). */
export function plainRisk(step: Step): Risk {
  return blocksRisk(stepUnits(step).flatMap((u) => (u.kind === 'plain' ? u.blocks : [])));
}

/** "If Standard Recovery Fails — run these 4 commands?" — the label's own words. */
export function branchQuestion(label: string, blocks: readonly Block[]): string {
  const n = blockCommands(blocks).length;
  const manual = blocks.filter((b) => b.kind === 'manual').reduce((a, b) => a + (b.kind === 'manual' ? b.instructions.length : 0), 0);
  const what = n ? `run ${n === 1 ? 'this command' : `these ${n} commands`}` : `do ${manual === 1 ? 'this instruction' : `these ${manual} instructions`}`;
  return `${label.replace(/[:\s]+$/, '')} — ${what}?`;
}

/** A `--branch STEP:LABEL` as given, resolved to its step and label. */
export interface NamedBranch {
  step: number;
  label: string;
}

/**
 * `--branch STEP:LABEL` arguments against a procedure: each names a step by
 * its number and one of its branch or alternative labels by the label's
 * start (matchBranchLabel). Problems name the argument and the labels the
 * step has.
 */
export function parseBranchArgs(p: Procedure, args: readonly string[]): { branches: NamedBranch[]; problems: string[] } {
  const branches: NamedBranch[] = [];
  const problems: string[] = [];
  const all = () =>
    p.steps
      .flatMap((s) => branchLabels(s).map((l) => `${s.number}:"${l}"`))
      .join(', ') || 'none';
  for (const arg of args) {
    const m = /^\s*(\d+)\s*:(.*)$/s.exec(arg);
    if (!m) {
      problems.push(`--branch ${JSON.stringify(arg)}: expected STEP:LABEL (${p.id}'s branches: ${all()})`);
      continue;
    }
    const step = p.steps.find((s) => s.number === Number(m[1]));
    if (!step) {
      problems.push(`--branch ${JSON.stringify(arg)}: ${p.id} has no step ${m[1]} (branches: ${all()})`);
      continue;
    }
    const hit = matchBranchLabel(step, m[2]!);
    if (!hit.ok) {
      const labels = hit.labels.map((l) => `"${l}"`).join(', ');
      problems.push(
        hit.reason === 'ambiguous'
          ? `--branch ${JSON.stringify(arg)}: names several labels of step ${step.number} (${labels}): say more of one`
          : `--branch ${JSON.stringify(arg)}: step ${step.number} has no branch starting so (${hit.labels.length ? `its labels: ${labels}` : 'it has no branches'})`,
      );
      continue;
    }
    if (!branches.some((b) => b.step === step.number && b.label === hit.label)) branches.push({ step: step.number, label: hit.label });
  }
  return { branches, problems };
}

const words = (s: string): string[] => s.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/**
 * The alternatives a hint points at: an option whose label holds the
 * `service_name` value as a word ("For API Service" ← api), else one whose
 * label's main word appears in the alert's text (the rule, target and
 * message of the alert that opened the procedure). Indices; empty when
 * nothing fits.
 */
export function preselect(options: readonly BranchOption[], hint: { service?: string; alert?: string }): number[] {
  const service = hint.service?.toLowerCase().trim();
  if (service) {
    const hits = options.flatMap((o, i) => (words(o.label).includes(service) ? [i] : []));
    if (hits.length) return hits;
  }
  if (hint.alert) {
    const said = new Set(words(hint.alert));
    const GENERIC = new Set(['for', 'if', 'the', 'a', 'an', 'of', 'service', 'services', 'when', 'in', 'case', 'only', 'on', 'to']);
    const hits = options.flatMap((o, i) => (words(o.label).some((w) => !GENERIC.has(w) && said.has(w)) ? [i] : []));
    if (hits.length) return hits;
  }
  return [];
}

/**
 * How a run that went through all its steps ends: `completed` only when no
 * step was refused or skipped (nor a branch the operator chose refused);
 * else `incomplete`, naming them.
 */
export function runOutcome(steps: readonly Pick<StepRecord, 'number' | 'status' | 'branches'>[]): { status: 'completed' | 'incomplete'; left: string | null } {
  // A branch chosen but refused (--read-only) leaves its step part-refused.
  const refused = steps.filter((s) => s.status === 'refused' || s.branches?.some((b) => !b.taken && b.reason !== undefined)).map((s) => s.number);
  const skipped = steps.filter((s) => s.status === 'skipped').map((s) => s.number);
  if (!refused.length && !skipped.length) return { status: 'completed', left: null };
  const parts: string[] = [];
  if (refused.length) parts.push(`step${refused.length > 1 ? 's' : ''} ${refused.join(', ')} refused`);
  if (skipped.length) parts.push(`step${skipped.length > 1 ? 's' : ''} ${skipped.join(', ')} skipped`);
  return { status: 'incomplete', left: parts.join('; ') };
}
