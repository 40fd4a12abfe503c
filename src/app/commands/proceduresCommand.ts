import { resolve } from 'node:path';
import type { Args } from '../args';
import { UsageError } from '../args';
import { resolveConfig } from '../resolveConfig';
import { renderTable } from './renderTable';
import { builtinLibraryFiles, configLibraryFiles, loadLibrary } from '../../services/procedures/loadLibrary';
import type { Block, Library, Procedure, Step } from '../../services/procedures/model';
import { commandCounts, listJson, procedureJson, rel } from '../../services/procedures/procedureJson';
import { unresolvedLinks } from '../../services/procedures/links';
import { closeIds } from '../../services/procedures/suggest';
import { printJson, printText, type CommandOutput } from './printOut';

/** --library files only; otherwise the built-in library, then the config's `procedures:` files. */
export async function libraryFiles(args: Args): Promise<string[]> {
  if (args.library.length) return args.library.map((f) => resolve(f));
  const { config } = await resolveConfig({ config: args.config });
  return [...builtinLibraryFiles(), ...configLibraryFiles(config.procedures, config.source === '(embedded default)' ? null : config.source)];
}

export function find(lib: Library, id: string): Procedure {
  const p = lib.procedures.find((x) => x.id.toLowerCase() === id.toLowerCase());
  if (p) return p;
  const close = closeIds(
    id,
    lib.procedures.map((x) => x.id),
  );
  throw new UsageError(`unknown procedure ${JSON.stringify(id)}${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}; 'riskctl procedures' lists them`);
}

/**
 * The line above a block: its label, and how the runner treats it — a branch
 * is asked and not run unless taken; alternatives share a choice. Printed
 * when the label or the flow changes, so blocks under one label read as one.
 */
export function blockHeading(step: Step, b: Block, prev: Block | null): string | null {
  const onError = b.kind !== 'manual' && b.attributes.onError === 'continue' ? ' (on-error=continue: a failure does not stop the block)' : '';
  if (prev && prev.label === b.label && prev.flow === b.flow && prev.choice === b.choice) return onError ? `${onError.trim()}` : null;
  if (b.flow === 'branch') return `[branch] ${b.label ?? step.title}: asked before it runs, not run unless taken${onError}`;
  if (b.flow === 'alternative') {
    const labels = [...new Set(step.blocks.filter((x) => x.flow === 'alternative' && x.choice === b.choice).map((x) => x.label))];
    return `[choice ${b.choice}] ${b.label ?? ''}: alternative ${labels.indexOf(b.label) + 1} of ${labels.length}, run only when picked${onError}`;
  }
  return b.label ? `${b.label}:${onError}` : onError ? onError.trim() : null;
}

function describe(p: Procedure, base: string): string {
  const out: string[] = [`${p.id}: ${p.title}`, `  category ${p.category} · ${rel(p.source.file, p.source.line, base)} · highest risk ${p.maxRisk}`];
  // Sections in document order; a phase lists its steps.
  for (const s of p.sections) {
    out.push('', `${s.label || '(notes)'}${s.text ? `: ${s.text}` : ''}`);
    for (const i of s.items) out.push(`  ${i.checked === null ? '-' : i.checked ? '[x]' : '[ ]'} ${i.text}`);
    for (const st of p.steps.filter((x) => s.steps.includes(x.number))) {
      out.push(`  ${st.number}. ${st.title}`);
      let prev: Block | null = null;
      for (const b of st.blocks) {
        const heading = blockHeading(st, b, prev);
        if (heading) out.push(`     ${heading}`);
        prev = b;
        if (b.kind === 'manual') {
          for (const i of b.instructions) out.push(`     · ${i.text.replace(/\n/g, '\n       ')}`);
          continue;
        }
        for (const c of b.commands) {
          for (const i of c.instructions) out.push(`     # ${i}`);
          out.push(`     ${`[${c.risk}]`.padEnd(14)}${b.kind === 'sql' ? 'sql: ' : ''}${c.text.replace(/\n/g, `\n${' '.repeat(19)}`)}`);
        }
        for (const n of b.notes) out.push(`     # ${n.text}`);
      }
    }
  }
  if (p.parameters.length) {
    out.push('', 'Parameters:');
    for (const x of p.parameters)
      out.push(`  [${x.name}]  ${x.type}${x.typeSource === 'annotation' ? '' : ` (${x.typeSource === 'name' ? 'from its name' : 'default'})`}  → $${x.env}`);
  }
  if (p.links.length) {
    out.push('', 'Links:');
    for (const l of p.links) out.push(`  ${l.text} → ${l.procedure ?? `#${l.target} (unresolved: no such procedure in the library)`}`);
  }
  return `${out.join('\n')}\n`;
}

/** `riskctl procedures [ID] [--library FILE]... [--json]`: the library, or one procedure in full. */
export async function proceduresCommand(args: Args, out: CommandOutput): Promise<number> {
  const lib = loadLibrary(await libraryFiles(args));
  const base = process.cwd();
  if (args.id !== undefined) {
    const p = find(lib, args.id);
    if (args.json) printJson(out, procedureJson(p, base));
    else printText(out, describe(p, base));
    return 0;
  }
  if (args.json) {
    printJson(out, listJson(lib, base));
    return 0;
  }
  const rows = lib.procedures.map((p) => {
    const c = commandCounts(p);
    const bad = unresolvedLinks(p).map((l) => `#${l.target}`);
    return [
      p.id,
      p.title,
      p.category,
      String(p.steps.length),
      p.maxRisk,
      `${c['read-only']}/${c.mutating}/${c.destructive}`,
      bad.length ? `unresolved: ${bad.join(', ')}` : '',
    ];
  });
  printText(out, renderTable(['ID', 'TITLE', 'CATEGORY', 'STEPS', 'MAX RISK', 'RO/MUT/DESTR', 'LINKS'], rows));
  for (const n of lib.notes) out.stderr.write(`note: ${n}\n`);
  return 0;
}
