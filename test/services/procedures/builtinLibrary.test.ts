/**
 * The built-in library (procedures/ at the repository root) is the team's
 * library, annotated: the same procedures, sections, steps, instructions and
 * commands — a `psql -c "…"` there is a sql block here with the same SQL.
 */
import { describe, expect, it } from 'vitest';
import type { Block, Procedure } from '../../../src/services/procedures/model';
import { splitSql } from '../../../src/services/procedures/sqlText';
import { builtinLibrary, byId, commandsOf, seedLibrary } from './seed';

const PSQL = /^docker compose (?:-f \S+ )?exec postgres psql -U risk_platform_app -d risk_platform -c "([\s\S]*)"(?: > evidence\/(\S+)_\$\(date \+%Y%m%d\)\.csv)?$/;
const tidy = (s: string) => s.split('\n').map((l) => l.trimEnd()).join('\n').trim();

function sqlItems(sql: string): string[] {
  return splitSql(sql).map((i) => (i.type === 'instruction' ? `i:${i.text}` : `q:${tidy(i.text)}`));
}

/** One step's content, independent of how it is split into fences. */
function canonical(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'manual') {
      out.push(...b.instructions.map((i) => `m:${i.text}`));
      continue;
    }
    if (b.attributes.evidence) out.push(`e:${b.attributes.evidence.replace('_{date}.csv', '')}`);
    for (const c of b.commands) {
      out.push(...c.instructions.map((i) => `i:${i}`));
      const m = c.kind === 'shell' ? PSQL.exec(c.text) : null;
      if (m) {
        if (m[2]) out.push(`e:${m[2]}`);
        out.push(...sqlItems(m[1]!));
      } else out.push(c.kind === 'sql' ? `q:${tidy(c.text)}` : `c:${c.text}`);
    }
    out.push(...b.notes.map((n) => `i:${n.text}`));
  }
  // Evidence markers come first in a step's sql block but after the comments in the seed: compare them as a set.
  return [...out.filter((x) => !x.startsWith('e:')), ...out.filter((x) => x.startsWith('e:')).sort()];
}

const shape = (p: Procedure) => ({
  id: p.id,
  title: p.title,
  category: p.category,
  sections: p.sections.map((s) => ({ label: s.label, kind: s.kind, text: s.text, items: s.items.map((i) => [i.text, i.checked]), steps: s.steps })),
  steps: p.steps.map((s) => ({ number: s.number, title: s.title, phase: s.phase, labels: [...new Set(s.blocks.map((b) => b.label))], content: canonical(s.blocks) })),
  links: p.links.map((l) => [l.text, l.target, l.procedure]),
  checklist: p.checklist.map((c) => c.text),
  parameters: p.parameters.map((x) => x.name),
});

describe('the built-in library against the seed', () => {
  const seed = seedLibrary();
  const builtin = builtinLibrary();

  it('has the same 21 procedures, in the same order', () => {
    expect(builtin.procedures).toHaveLength(21);
    expect(builtin.procedures.map((p) => [p.id, p.title])).toEqual(seed.procedures.map((p) => [p.id, p.title]));
    expect(builtin.notes).toEqual([]);
  });

  it.each(seed.procedures.map((p) => [p.id]))('%s: every section, step, instruction and command is accounted for', (id) => {
    expect(shape(byId(builtin, id))).toEqual(shape(byId(seed, id)));
  });

  it('runs every psql -c query as a sql block on risk_platform, with bound parameters', () => {
    const shell = builtin.procedures.flatMap(commandsOf).filter((c) => c.kind === 'shell');
    expect(shell.filter((c) => /\bpsql\b/.test(c.text))).toEqual([]);
    const sqlBlocks = builtin.procedures.flatMap((p) => p.steps.flatMap((s) => s.blocks)).filter((b) => b.kind === 'sql');
    expect(sqlBlocks.length).toBeGreaterThan(20);
    expect(sqlBlocks.every((b) => b.kind === 'sql' && b.attributes.db === 'risk_platform')).toBe(true);
    const email = byId(builtin, 'IR-001').parameters.find((p) => p.name === 'compromised_email')!;
    expect(email.uses.map((u) => u.context)).toEqual(['sql', 'sql']);
  });

  it('states every parameter’s type and the risk of scripts the classifier can only guess at', () => {
    for (const p of builtin.procedures) for (const x of p.parameters) expect(`${p.id} ${x.name} ${x.typeSource}`).toBe(`${p.id} ${x.name} annotation`);
    const scripts = builtin.procedures.flatMap(commandsOf).filter((c) => c.text.startsWith('/opt/risk-platform/scripts/'));
    expect(scripts).toHaveLength(5);
    for (const c of scripts) expect(c.classified.reasons[0], c.text).toMatch(/^raised to|script/);
    expect(scripts.map((c) => c.risk)).toEqual(['mutating', 'destructive', 'mutating', 'mutating', 'destructive']);
  });

  it('saves the compliance queries as CSV evidence instead of redirecting psql', () => {
    const co1 = byId(builtin, 'CO-001').steps.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'sql' && b.attributes.evidence ? [b.attributes.evidence] : []));
    expect(co1).toEqual(['soc2/user_access_{date}.csv', 'soc2/role_assignments_{date}.csv', 'soc2/availability_report_{date}.csv', 'soc2/change_management_{date}.csv', 'soc2/data_processing_{date}.csv']);
    expect(byId(builtin, 'CO-002').maxRisk).toBe('read-only');
  });

  it('never lowers a risk the seed’s text implies', () => {
    const order = { 'read-only': 0, mutating: 1, destructive: 2 } as const;
    for (const p of seed.procedures) {
      const b = byId(builtin, p.id);
      // CO-002 only wrote its query results to files; riskctl saves them itself.
      if (p.id !== 'CO-002') expect(order[b.maxRisk], p.id).toBeGreaterThanOrEqual(order[p.maxRisk]);
    }
  });
});

describe('on-error=continue in the built-in library', () => {
  it('is set only where the team’s text expects failures: the assessments and diagnoses of a service or database that is down', () => {
    const blocks = builtinLibrary().procedures.flatMap((p) =>
      p.steps.flatMap((s) => s.blocks.filter((b) => b.kind !== 'manual' && b.attributes.onError === 'continue').map((b) => `${p.id} step ${s.number}${b.label ? ` (${b.label})` : ''}`)),
    );
    expect(blocks).toEqual(['IR-002 step 1', 'IR-002 step 2 (For API Service)', 'IR-002 step 2 (For Database Service)', 'IR-002 step 2 (For Redis Service)', 'IR-003 step 1']);
  });
});
