/**
 * A step's control flow, read from the words the team writes: which blocks
 * the operator takes only when a condition holds (branches), and which are
 * alternatives of one another (one or more chosen).
 *
 * - A label that opens with a condition — "If …", "When …", "Only if …",
 *   "In case …", "Otherwise", "Unless …", "Optional …", "On failure …" — makes
 *   the blocks under it a branch.
 * - A step title (or the phase it is listed under) that is itself such a
 *   condition, or holds one in parentheses — "Critical Space Recovery
 *   (if disk full)", "Rollback Procedure (if needed)" — makes every block of
 *   the step a branch; a block without a label of its own is named by the
 *   title (or the phase).
 * - Inside a code block, a comment line that opens with a condition and ends
 *   with ":" ("# If user account compromise:") starts a branch that runs to
 *   the next such comment or the block's end (buildBlock.ts splits there).
 * - Two or more labels in a row that name what they are for — "For API
 *   Service / For Database Service / For Redis Service", "Option A / Option
 *   B" — are alternatives sharing one choice number (a run shares its first
 *   word); a lone "For …" is a branch.
 */
import type { Block } from './model';

const CONDITION = /^(?:only\s+)?(?:if|when|whenever|unless|in\s+case|otherwise|else|alternatively|optional(?:ly)?|on\s+(?:failure|error)|in\s+the\s+event|fallback)\b/i;
const PARENTHESISED = /\(\s*(?:only\s+)?(?:if|when|unless|in\s+case|optional|as\s+needed)\b[^)]*\)/i;
const ALTERNATIVE = /^(for|option)\s+\S/i;

/** "for" or "option" when a label names what it is for ("For API Service", "Option B"): siblings share the word. */
function alternativeWord(label: string | null): string | null {
  const m = label === null ? null : ALTERNATIVE.exec(label.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** Whether a label (as written, without its colon) states a condition. */
export function isConditionalLabel(label: string): boolean {
  return CONDITION.test(label.trim());
}

/** Whether a step title or phase label makes the whole step conditional. */
export function isConditionalTitle(title: string): boolean {
  return isConditionalLabel(title) || PARENTHESISED.test(title);
}

/** A comment line inside a code block that opens a branch: a condition ending in ":" ("If clean recovery needed:"). */
export function conditionalComment(text: string): string | null {
  const t = text.trim();
  if (!t.endsWith(':')) return null;
  const label = t.slice(0, -1).trim();
  return label && isConditionalLabel(label) ? label : null;
}

/**
 * Sets `flow` and `choice` on a step's blocks (in place), and names the
 * unlabelled blocks of a conditional step after its title or phase. Blocks
 * already marked a branch (a conditional comment split them) stay one.
 */
export function assignFlow(blocks: Block[], title: string, phase: string): void {
  const stepCondition = isConditionalTitle(title) ? title : isConditionalTitle(phase) ? phase : null;
  // Consecutive blocks under one label form a group; alternatives are runs of "For …" groups.
  const groups: Array<{ label: string | null; blocks: Block[] }> = [];
  for (const b of blocks) {
    const last = groups[groups.length - 1];
    if (last && last.label === b.label) last.blocks.push(b);
    else groups.push({ label: b.label, blocks: [b] });
  }
  let choice = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const lead = alternativeWord(g.label);
    if (lead !== null) {
      let j = i;
      while (j + 1 < groups.length && alternativeWord(groups[j + 1]!.label) === lead) j++;
      if (j > i) {
        choice++;
        for (let k = i; k <= j; k++) for (const b of groups[k]!.blocks) Object.assign(b, { flow: 'alternative', choice });
        i = j;
        continue;
      }
      for (const b of g.blocks) Object.assign(b, { flow: 'branch', choice: null });
      continue;
    }
    for (const b of g.blocks) {
      if (b.flow === 'branch') continue;
      if ((b.label !== null && isConditionalLabel(b.label)) || stepCondition !== null) {
        b.flow = 'branch';
        b.choice = null;
        if (b.label === null) b.label = stepCondition;
      }
    }
  }
}
