// --read-only across the whole built-in library: no step the runner would run
// with a mutating or destructive command gets past the gate, headless or not.
import { describe, expect, it } from 'vitest';
import { builtinLibraryFiles, loadLibrary } from '../../../../src/services/procedures/loadLibrary';
import { libraryFromTexts } from '../../../../src/services/procedures/loadLibrary';
import { gate, readOnlyRisk, stepClassifiedRisk } from '../../../../src/services/procedures/runner/gate';
import { stepRisk } from '../../../../src/services/procedures/runner/Runner';

const lib = loadLibrary(builtinLibraryFiles());

describe('--read-only over all 21 built-in procedures', () => {
  it('refuses every step holding a mutating or destructive command; lets only read-only ones run', () => {
    expect(lib.procedures).toHaveLength(21);
    const tally = { run: 0, refused: 0 };
    for (const p of lib.procedures) {
      for (const s of p.steps) {
        // Interactive blocks count: handing a command to the operator's terminal still runs it.
        const risky = s.blocks.some((b) => b.kind !== 'manual' && b.commands.some((c) => c.risk !== 'read-only' || c.classified.risk !== 'read-only'));
        for (const headless of [true, false]) {
          const g = gate(stepRisk(s), `${s.number}. ${s.title}`, { name: 'lab-1', production: true }, { headless, readOnly: true, yes: true }, stepClassifiedRisk(s));
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

/** A library whose author states lower risks than the classifier finds. */
const OVERRIDE = `## Test

### OV-001: Overrides

**Procedure:**

1. **Touch**
   \`\`\`bash {risk=read-only risk-override="only a marker file"}
   touch /tmp/marker
   \`\`\`

2. **Remove**
   \`\`\`bash {risk=mutating risk-override="a scratch folder"}
   rm -rf /tmp/scratch
   \`\`\`

3. **Look**
   \`\`\`bash {risk=read-only}
   uptime
   \`\`\`

4. **By hand**
   \`\`\`bash {interactive}
   docker compose down
   \`\`\`
`;

describe('risk-override under --read-only', () => {
  const steps = libraryFromTexts([{ file: 'ov.md', text: OVERRIDE }]).procedures[0]!.steps;
  const host = { name: 'lab-1', production: false };
  const modes = [
    { headless: true, readOnly: true, yes: true },
    { headless: false, readOnly: true, yes: false },
  ];

  it('keeps the classifier’s verdict beside the stated risk', () => {
    const cmds = steps.map((s) => (s.blocks[0]!.kind === 'manual' ? null : s.blocks[0]!.commands[0]!));
    expect(cmds.map((c) => [c!.risk, c!.classified.risk, readOnlyRisk(c!)])).toEqual([
      ['read-only', 'mutating', 'mutating'],
      ['mutating', 'destructive', 'destructive'],
      ['read-only', 'read-only', 'read-only'],
      ['destructive', 'destructive', 'destructive'],
    ]);
  });

  it.each(modes)('never lowers a command below what --read-only refuses (%o)', (mode) => {
    const kinds = steps.map((s) => gate(stepRisk(s), `${s.number}. ${s.title}`, host, mode, stepClassifiedRisk(s)));
    expect(kinds.map((g) => g.kind)).toEqual(['refuse', 'refuse', 'run', 'refuse']);
    expect(kinds[0]).toEqual({ kind: 'refuse', reason: '--read-only: refused to run step "1. Touch" (mutating); the library\'s risk-override states read-only, which --read-only does not accept' });
  });

  it('still lets the override lower the confirmation when not --read-only', () => {
    const tui = { headless: false, readOnly: false, yes: false };
    expect(gate(stepRisk(steps[0]!), '1. Touch', host, tui, stepClassifiedRisk(steps[0]!))).toEqual({ kind: 'run' });
    expect(gate(stepRisk(steps[1]!), '2. Remove', host, tui, stepClassifiedRisk(steps[1]!))).toEqual({ kind: 'confirm', confirmation: { kind: 'yes' } });
    expect(gate(stepRisk(steps[1]!), '2. Remove', host, { headless: true, readOnly: false, yes: true }, stepClassifiedRisk(steps[1]!))).toEqual({ kind: 'run', confirmedBy: '--yes' });
  });
});
