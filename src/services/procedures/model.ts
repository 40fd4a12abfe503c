/**
 * The typed model of an operations library: what the parser produces and what
 * the runner, the journal and the Procedures screen consume. Everything keeps
 * its source position so any message can name file:line.
 */
import type { Risk } from '../actionGuard';

export type { Risk };

export interface SourcePos {
  file: string;
  line: number;
}

export function at(pos: SourcePos): string {
  return `${pos.file}:${pos.line}`;
}

/** Parameter types; see paramTypes.ts for their validators. A `secret` is masked as typed and `[redacted]` wherever shown. */
export type ParamType = 'email' | 'ip' | 'service' | 'backup-file' | 'text' | 'lines' | 'secret';

/**
 * Where a `[placeholder]` sits, as the shell (or SQL) will read it. It decides
 * how the runner hands the value over (envRewrite.ts, sqlBind.ts).
 */
export type PlaceholderContext =
  | 'bare' // an unquoted word
  | 'double' // inside "…"
  | 'single' // inside '…'
  | 'sql-string' // inside '…' inside the "…" argument of psql -c
  | 'sql-bare' // unquoted inside the "…" argument of psql -c
  | 'nested-single' // inside '…' inside "…" for another consumer (sh -c, ssh …)
  | 'heredoc' // an unquoted here-document body (expansions happen)
  | 'heredoc-quoted' // a quoted here-document body (no expansion)
  | 'sql'; // a sql block: bound as a query parameter

export type ShellQuoting = 'bare' | 'double' | 'single' | 'heredoc' | 'heredoc-quoted' | 'none';

export interface PlaceholderUse {
  /** Normalised name: lower case, runs of non-alphanumerics as `_` ("LIST ANY ISSUES" → "list_any_issues"). */
  name: string;
  /** As written between the brackets. */
  raw: string;
  context: PlaceholderContext;
  /** The shell quoting it sits in ('none' in a sql block): with `context`, what the env rewrite must produce. */
  quoting: ShellQuoting;
  /** The placeholder is a whole shell word: a value starting with `-` would be read as an option. */
  wholeWord: boolean;
  /** Offsets of `[…]` in the command text. */
  start: number;
  end: number;
  line: number;
}

export interface Command {
  kind: 'shell' | 'sql';
  /** Exactly as written (a multi-line command keeps its lines). */
  text: string;
  source: SourcePos;
  /** The risk the runner applies: the classifier's, raised (or, with an override, replaced) by the fence's annotation. */
  risk: Risk;
  classified: { risk: Risk; reasons: string[] };
  /** Comment lines directly above the command: what the operator is told. */
  instructions: string[];
  placeholders: PlaceholderUse[];
  /**
   * Fence `no-match` and the command's last stage is grep: exit 1 with no output
   * means "no match" (grep's own contract), recorded as such and not a failure.
   */
  noMatch?: boolean;
}

export interface Instruction {
  text: string;
  source: SourcePos;
}

/** Fence attributes (fenceInfo.ts documents the grammar). */
export interface BlockAttributes {
  risk?: Risk;
  /** With `risk`, the stated risk replaces the classifier's even when lower; the reason is shown and journalled. */
  riskOverride?: string;
  params: Record<string, ParamType>;
  db?: string;
  timeoutMs?: number;
  interactive: boolean;
  /** A path template (`{date}`, `{time}`) under which the runner saves a SQL result as CSV evidence. */
  evidence?: string;
  /** `no-match`: the block's grep searches may find nothing (Command.noMatch). */
  noMatch?: boolean;
  /** `on-error=continue`: failures are expected here; a failing command does not stop the block. */
  onError?: 'continue';
}

/** How the runner treats a block: run it, ask before it (branch), or offer it among alternatives. */
export type BlockFlow = 'plain' | 'branch' | 'alternative';

export interface CodeBlock {
  kind: 'shell' | 'sql';
  /** The sub-heading inside a step, in its own words ("For API Service", "If Standard Recovery Fails"), if any. */
  label: string | null;
  /** `branch` under a conditional label ("If …", "When …"), `alternative` among sibling "For X / For Y" labels. */
  flow: BlockFlow;
  /** Alternatives offered together share a choice number, unique within their step; null for plain and branch. */
  choice: number | null;
  lang: string;
  source: SourcePos;
  attributes: BlockAttributes;
  commands: Command[];
  /** Comment lines after the last command ("Review key metrics: …"): checks on the output. */
  notes: Instruction[];
}

/** Text to do by hand: a step's bullet list, or a code block holding only comments. */
export interface ManualBlock {
  kind: 'manual';
  label: string | null;
  flow: BlockFlow;
  choice: number | null;
  source: SourcePos;
  instructions: Instruction[];
}

export type Block = CodeBlock | ManualBlock;

export interface Step {
  /** As numbered in the document (numbering continues across phases). */
  number: number;
  title: string;
  /** The section the step is listed under ("Immediate Response (0-15 minutes)"). */
  phase: string;
  source: SourcePos;
  blocks: Block[];
}

export type SectionKind =
  | 'purpose'
  | 'frequency'
  | 'schedule'
  | 'prerequisites'
  | 'trigger'
  | 'success'
  | 'escalation'
  | 'actions'
  | 'documentation'
  | 'reporting'
  | 'checklist'
  | 'phase' // holds numbered steps
  | 'notes';

export interface ListItem {
  text: string;
  /** A task-list item (`- [ ]` / `- [x]`): null when a plain bullet. */
  checked: boolean | null;
  source: SourcePos;
}

export interface Section {
  label: string;
  kind: SectionKind;
  source: SourcePos;
  /** Text after the label on the same paragraph ("Daily (Monday-Friday, 9:00 AM)"). */
  text: string;
  items: ListItem[];
  /** Numbers of the steps listed in this section. */
  steps: number[];
}

export interface Link {
  text: string;
  /** The anchor as written, without `#`. */
  target: string;
  /** The procedure it leads to, or null when the library has none (reported, never fatal). */
  procedure: string | null;
  source: SourcePos;
}

export interface Parameter {
  name: string;
  type: ParamType;
  /** `annotation` when a fence said so, else `name` (inferred from the name) or `context`. */
  typeSource: 'annotation' | 'name' | 'default';
  /** The environment variable the runner sets for shell commands. */
  env: string;
  uses: PlaceholderUse[];
}

export interface ChecklistItem extends ListItem {
  section: string;
}

export interface Procedure {
  id: string;
  title: string;
  category: string;
  anchor: string;
  source: SourcePos;
  sections: Section[];
  steps: Step[];
  parameters: Parameter[];
  /** Items to tick: task lists anywhere, and success / validation / checklist sections. */
  checklist: ChecklistItem[];
  links: Link[];
  maxRisk: Risk;
  /** SHA-256 of the procedure's source text, for journals (a run names the exact text it followed). */
  hash: string;
}

export interface Library {
  files: string[];
  procedures: Procedure[];
  /** Things an operator should know that are not errors (a later file replacing a procedure …). */
  notes: string[];
}
