/**
 * The JSON shapes of `riskctl procedures [ID] --json` — a contract for
 * scripts (docs/json.md): fields are added, never renamed.
 */
import type { Risk } from '../actionGuard';
import { rewriteForEnv } from './envRewrite';
import { unresolvedLinks } from './links';
import type { Block, Command, Library, Procedure } from './model';
import { codeBlocks } from './procedureFacts';
import { bindSql } from './sqlBind';

export const rel = (file: string, line: number, base: string): string => `${file.startsWith(`${base}/`) ? file.slice(base.length + 1) : file}:${line}`;

export function commandCounts(p: Procedure): Record<Risk, number> {
  const counts: Record<Risk, number> = { 'read-only': 0, mutating: 0, destructive: 0 };
  for (const b of codeBlocks(p.steps)) for (const c of b.commands) counts[c.risk]++;
  return counts;
}

export function listJson(lib: Library, base: string) {
  return {
    files: lib.files,
    procedures: lib.procedures.map((p) => {
      const counts = commandCounts(p);
      return {
        id: p.id,
        title: p.title,
        category: p.category,
        steps: p.steps.length,
        source: rel(p.source.file, p.source.line, base),
        maxRisk: p.maxRisk,
        commands: counts['read-only'] + counts.mutating + counts.destructive,
        commandsByRisk: counts,
        parameters: p.parameters.map((x) => x.name),
        unresolvedLinks: unresolvedLinks(p).map((l) => ({ text: l.text, target: l.target, line: l.source.line })),
      };
    }),
    notes: lib.notes,
  };
}

function commandJson(c: Command) {
  const base = {
    text: c.text,
    line: c.source.line,
    risk: c.risk,
    classifiedRisk: c.classified.risk,
    reasons: c.classified.reasons,
    instructions: c.instructions,
    parameters: [...new Set(c.placeholders.map((p) => p.name))],
    ...(c.noMatch ? { noMatch: true } : {}),
  };
  if (c.placeholders.length === 0) return base;
  if (c.kind === 'sql') return { ...base, bound: bindSql(c.text) };
  return { ...base, asRun: rewriteForEnv(c.text).text };
}

/**
 * A block: `kind` is what it holds (shell, sql, manual); `flow` how the
 * runner treats it (plain: runs; branch: asked, not run unless taken;
 * alternative: offered with the others of its `choice`).
 */
function blockJson(b: Block) {
  const flow = { flow: b.flow, choice: b.choice };
  if (b.kind === 'manual') return { kind: b.kind, label: b.label, ...flow, onError: null, line: b.source.line, instructions: b.instructions.map((i) => i.text), commands: [] };
  const a = b.attributes;
  return {
    kind: b.kind,
    label: b.label,
    ...flow,
    onError: a.onError ?? null,
    line: b.source.line,
    lang: b.lang,
    attributes: { risk: a.risk ?? null, riskOverride: a.riskOverride ?? null, params: a.params, db: a.db ?? null, timeoutMs: a.timeoutMs ?? null, interactive: a.interactive, evidence: a.evidence ?? null, noMatch: a.noMatch ?? false, onError: a.onError ?? null },
    commands: b.commands.map(commandJson),
    notes: b.notes.map((n) => n.text),
  };
}

export function procedureJson(p: Procedure, base: string) {
  return {
    id: p.id,
    title: p.title,
    category: p.category,
    anchor: p.anchor,
    source: rel(p.source.file, p.source.line, base),
    hash: p.hash,
    purpose: p.sections.find((s) => s.kind === 'purpose')?.text ?? null,
    maxRisk: p.maxRisk,
    sections: p.sections.map((s) => ({
      label: s.label,
      kind: s.kind,
      line: s.source.line,
      text: s.text,
      items: s.items.map((i) => ({ text: i.text, checked: i.checked, line: i.source.line })),
      steps: s.steps,
    })),
    steps: p.steps.map((s) => ({
      number: s.number,
      title: s.title,
      phase: s.phase,
      line: s.source.line,
      risk: codeBlocks([s]).reduce<Risk>((r, b) => b.commands.reduce<Risk>((rr, c) => (rank(c.risk) > rank(rr) ? c.risk : rr), r), 'read-only'),
      blocks: s.blocks.map(blockJson),
    })),
    parameters: p.parameters.map((x) => ({ name: x.name, type: x.type, typeSource: x.typeSource, env: x.env, uses: x.uses.map((u) => ({ line: u.line, context: u.context })) })),
    checklist: p.checklist.map((c) => ({ text: c.text, section: c.section, checked: c.checked, line: c.source.line })),
    links: p.links.map((l) => ({ text: l.text, target: l.target, resolved: l.procedure !== null, procedure: l.procedure, line: l.source.line })),
  };
}

const rank = (r: Risk): number => ({ 'read-only': 0, mutating: 1, destructive: 2 })[r];
