// --read-only across the whole built-in library: no step the runner would run
// with a mutating or destructive command gets past the gate, headless or not.
import { describe, expect, it } from 'vitest';
import { builtinLibraryFiles, loadLibrary } from '../../../../src/services/procedures/loadLibrary';
import { gate } from '../../../../src/services/procedures/runner/gate';
import { stepRisk } from '../../../../src/services/procedures/runner/Runner';

const lib = loadLibrary(builtinLibraryFiles());

describe('--read-only over all 21 built-in procedures', () => {
  it('refuses every step holding a mutating or destructive command; lets only read-only ones run', () => {
    expect(lib.procedures).toHaveLength(21);
    const tally = { run: 0, refused: 0 };
    for (const p of lib.procedures) {
      for (const s of p.steps) {
        const risky = s.blocks.some((b) => b.kind !== 'manual' && !b.attributes.interactive && b.commands.some((c) => c.risk !== 'read-only'));
        for (const headless of [true, false]) {
          const g = gate(stepRisk(s), `${s.number}. ${s.title}`, { name: 'lab-1', production: true }, { headless, readOnly: true, yes: true });
          expect(g.kind, `${p.id} step ${s.number}`).toBe(risky ? 'refuse' : 'run');
        }
        if (risky) tally.refused++;
        else tally.run++;
      }
    }
    // The library has both kinds: the check above is not vacuous.
    expect(tally.refused).toBeGreaterThan(20);
    expect(tally.run).toBeGreaterThan(20);
  });
});
