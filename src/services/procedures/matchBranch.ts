/**
 * Naming a branch or an alternative by its label, as `--branch STEP:LABEL`
 * does headless: case-insensitive, on the label's start ("if standard"
 * names "If Standard Recovery Fails"), runs of spaces counting as one.
 * A text equal to a whole label names that label even when it also starts
 * a longer one. Pure: the caller words the error from the labels returned.
 */
import type { Block, Step } from './model';

export type BranchMatch =
  /** The label matched, and every block under it (a label may hold several blocks). */
  | { ok: true; label: string; blocks: Block[] }
  /** `none`: no label starts with the text; `ambiguous`: several do. `labels` lists the candidates to name. */
  | { ok: false; reason: 'none' | 'ambiguous'; labels: string[] };

function norm(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The labels of a step's branch and alternative blocks, in order, each once. */
export function branchLabels(step: Step): string[] {
  const out: string[] = [];
  for (const b of step.blocks) {
    if (b.flow !== 'plain' && b.label !== null && !out.includes(b.label)) out.push(b.label);
  }
  return out;
}

export function matchBranchLabel(step: Step, text: string): BranchMatch {
  const labels = branchLabels(step);
  const want = norm(text);
  if (want === '') return { ok: false, reason: 'none', labels };
  const exact = labels.filter((l) => norm(l) === want);
  const hits = exact.length > 0 ? exact : labels.filter((l) => norm(l).startsWith(want));
  if (hits.length === 0) return { ok: false, reason: 'none', labels };
  if (hits.length > 1) return { ok: false, reason: 'ambiguous', labels: hits };
  const label = hits[0]!;
  return { ok: true, label, blocks: step.blocks.filter((b) => b.flow !== 'plain' && b.label === label) };
}
