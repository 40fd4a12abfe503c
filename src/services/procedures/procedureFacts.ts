/** Facts derived from a procedure's steps: its parameters and its highest risk. */
import { maxRisk, type Risk } from '../actionGuard';
import { LibraryError } from './LibraryError';
import type { CodeBlock, ParamType, Parameter, Step } from './model';
import { inferType } from './paramTypes';
import { envNameFor } from './placeholders';

export function codeBlocks(steps: Step[]): CodeBlock[] {
  return steps.flatMap((s) => s.blocks.filter((b): b is CodeBlock => b.kind !== 'manual'));
}

export function procedureRisk(steps: Step[]): Risk {
  let risk: Risk = 'read-only';
  for (const b of codeBlocks(steps)) for (const c of b.commands) risk = maxRisk(risk, c.risk);
  return risk;
}

/**
 * One parameter per placeholder name across the procedure (`[service_name]`
 * in three steps is asked for once). Its type comes from a fence annotation,
 * else from its name, else free text; two annotations that disagree are an error.
 */
export function procedureParameters(id: string, steps: Step[], file: string): Parameter[] {
  const byName = new Map<string, Parameter>();
  const annotated = new Map<string, { type: ParamType; line: number }>();
  for (const block of codeBlocks(steps)) {
    for (const [name, type] of Object.entries(block.attributes.params)) {
      const prev = annotated.get(name);
      if (prev && prev.type !== type) {
        throw new LibraryError(file, block.source.line, `${id}: param.${name}=${type} contradicts param.${name}=${prev.type} at line ${prev.line}`);
      }
      annotated.set(name, { type, line: block.source.line });
    }
    for (const c of block.commands) {
      for (const use of c.placeholders) {
        let p = byName.get(use.name);
        if (!p) {
          p = { name: use.name, type: 'text', typeSource: 'default', env: envNameFor(use.name), uses: [] };
          byName.set(use.name, p);
        }
        p.uses.push(use);
      }
    }
  }
  for (const p of byName.values()) {
    const a = annotated.get(p.name);
    if (a) {
      p.type = a.type;
      p.typeSource = 'annotation';
    } else {
      const t = inferType(
        p.name,
        p.uses.map((u) => u.context),
      );
      p.type = t.type;
      p.typeSource = t.source;
    }
  }
  return [...byName.values()];
}
