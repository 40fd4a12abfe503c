// The flow fixture library with its blocks' flow set by label: "If …" a branch,
// "For …" alternatives of one choice — what the parser's classification gives
// these labels, set here so the runner's tests do not depend on it.
import { loadLibrary } from '../../../../src/services/procedures/loadLibrary';
import type { Procedure } from '../../../../src/services/procedures/model';

export function flowProcedure(): Procedure {
  const p = loadLibrary(['test/fixtures/procedures/runner-flow.md']).procedures.find((x) => x.id === 'TF-001')!;
  for (const s of p.steps) {
    for (const b of s.blocks) {
      const label = (b.label ?? '').replace(/:$/, '');
      b.label = b.label === null ? null : label;
      if (/^if\b/i.test(label)) {
        b.flow = 'branch';
        b.choice = null;
      } else if (/^for\b/i.test(label)) {
        b.flow = 'alternative';
        b.choice = 1;
      }
    }
  }
  return p;
}
