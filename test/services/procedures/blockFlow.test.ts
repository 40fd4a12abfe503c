import { describe, expect, it } from 'vitest';
import { conditionalComment, isConditionalLabel, isConditionalTitle } from '../../../src/services/procedures/blockFlow';
import { libraryFromTexts } from '../../../src/services/procedures/loadLibrary';
import { matchBranchLabel } from '../../../src/services/procedures/matchBranch';
import type { Step } from '../../../src/services/procedures/model';
import { builtinLibrary, byId, seedLibrary } from './seed';

/** Every block of the seed that is not plain: procedure, step, label, flow, choice, commands. */
const SEED_BRANCHES: Array<[string, number, string, 'branch' | 'alternative', number | null, number]> = [
  ['IR-001', 2, 'If system compromise suspected', 'branch', null, 1],
  ['IR-001', 2, 'If user account compromise', 'branch', null, 2],
  ['IR-001', 6, 'If clean recovery needed', 'branch', null, 1],
  ['IR-002', 2, 'For API Service', 'alternative', 1, 3],
  ['IR-002', 2, 'For Database Service', 'alternative', 1, 3],
  ['IR-002', 2, 'For Redis Service', 'alternative', 1, 3],
  ['IR-002', 3, 'If Standard Recovery Fails', 'branch', null, 4],
  ['IR-002', 3, 'If Container Issues Persist', 'branch', null, 2],
  ['IR-003', 2, 'Critical Space Recovery (if disk full)', 'branch', null, 3],
  ['IR-003', 3, "If Database Won't Start", 'branch', null, 3],
  ['IR-003', 3, 'If Corruption Detected', 'branch', null, 3],
  ['DP-001', 3, 'Database Migration (if required)', 'branch', null, 2],
  ['DP-001', 8, 'Rollback Procedure (if needed)', 'branch', null, 2],
  ['DP-001', 8, 'If database changes need rollback', 'branch', null, 1],
  ['EP-001', 3, 'Network Isolation (if required)', 'branch', null, 5],
];

function flowTable(lib: ReturnType<typeof seedLibrary>): Array<[string, number, string | null, string, number | null, number]> {
  return lib.procedures.flatMap((p) =>
    p.steps.flatMap((s) => s.blocks.filter((b) => b.flow !== 'plain').map((b) => [p.id, s.number, b.label, b.flow, b.choice, b.kind === 'manual' ? 0 : b.commands.length] as [string, number, string | null, string, number | null, number])),
  );
}

describe('the seed’s branches and alternatives', () => {
  const lib = seedLibrary();

  it('lists every branch label of the 21 procedures with its kind, and nothing else', () => {
    expect(flowTable(lib)).toEqual(SEED_BRANCHES);
  });

  it('keeps every other block plain, the labelled "Standard Recovery" among them', () => {
    const ir2 = byId(lib, 'IR-002').steps[2]!.blocks;
    expect(ir2.map((b) => [b.label, b.flow])).toEqual([
      ['Standard Recovery', 'plain'],
      ['If Standard Recovery Fails', 'branch'],
      ['If Container Issues Persist', 'branch'],
    ]);
    const plainLabelled = lib.procedures.flatMap((p) => p.steps.flatMap((s) => s.blocks.filter((b) => b.flow === 'plain' && b.label !== null).map((b) => `${p.id}/${s.number}/${b.label}`)));
    expect(plainLabelled).toEqual(['IR-002/3/Standard Recovery']);
  });

  it('splits a code block at a conditional comment, keeping every command in order and verbatim', () => {
    const step = byId(lib, 'IR-001').steps[1]!;
    expect(step.blocks.map((b) => (b.kind === 'manual' ? [] : b.commands.map((c) => c.text.split('\n')[0])))).toEqual([
      ['sudo ufw deny from [suspicious_ip]'],
      ['docker compose -f /opt/risk-platform/docker-compose.db.yml exec postgres psql -U risk_platform_app -d risk_platform -c "', 'docker compose -f /opt/risk-platform/docker-compose.db.yml exec postgres psql -U risk_platform_app -d risk_platform -c "'],
    ]);
    expect(step.blocks.map((b) => b.source.line)).toEqual([218, 222]);
    const dp1 = byId(lib, 'DP-001').steps[7]!.blocks;
    expect(dp1.map((b) => [b.label, b.kind === 'manual' ? [] : b.commands.map((c) => c.text)])).toEqual([
      ['Rollback Procedure (if needed)', ['risk-platform deploy rollback', 'curl -f https://risk-platform.local/health']],
      ['If database changes need rollback', ['risk-platform backup restore [pre_deployment_backup]']],
    ]);
  });

  it('reads the built-in library’s branches the same way (its sql blocks split by statement kind share their label)', () => {
    const seen = new Set(flowTable(builtinLibrary()).map(([id, step, label, flow, choice]) => JSON.stringify([id, step, label, flow, choice])));
    expect([...seen]).toEqual(SEED_BRANCHES.map(([id, step, label, flow, choice]) => JSON.stringify([id, step, label, flow, choice])));
  });
});

describe('conditional labels', () => {
  it.each([
    ['If Standard Recovery Fails', true],
    ['if disk full', true],
    ['When the queue is stuck', true],
    ['Only if the primary is down', true],
    ['Only when asked', true],
    ['In case of data loss', true],
    ['Otherwise', true],
    ['Else', true],
    ['Unless already drained', true],
    ['Optional: warm the cache', true],
    ['Optionally', true],
    ['On failure', true],
    ['Alternatively', true],
    ['Standard Recovery', false],
    ['For API Service', false],
    ['Verification', false],
    ['Iffy cleanup', false],
    ['Whenever', true],
    ['Notification (if required)', false],
  ])('%j → %s', (label, want) => {
    expect(isConditionalLabel(label)).toBe(want);
  });

  it.each([
    ['Critical Space Recovery (if disk full)', true],
    ['Database Migration (if required)', true],
    ['Rollback Procedure (if needed)', true],
    ['Cache Warmup (optional)', true],
    ['Drain (only if clustered)', true],
    ['Certificate Renewal (Let’s Encrypt)', false],
    ['Initial Assessment (0-5 minutes)', false],
    ['If the API is still down', true],
  ])('title %j → %s', (title, want) => {
    expect(isConditionalTitle(title)).toBe(want);
  });

  it.each([
    ['If user account compromise:', 'If user account compromise'],
    ['If database changes need rollback:', 'If database changes need rollback'],
    ['When replication lags:', 'When replication lags'],
    ['If using Let’s Encrypt (production)', null],
    ['Review key metrics:', null],
    ['If successful, perform actual renewal', null],
  ])('comment %j → %j', (text, want) => {
    expect(conditionalComment(text)).toBe(want);
  });
});

function parse(body: string): Step[] {
  const lib = libraryFromTexts([{ file: 'x.md', text: `## Cat\n\n### XX-001: Test\n\n${body}` }]);
  return lib.procedures[0]!.steps;
}

describe('flows in a library of one’s own', () => {
  it('makes sibling "For …" labels alternatives sharing a choice, a new run a new choice, and a lone "For …" a branch', () => {
    const [step] = parse(
      [
        '**Procedure:**',
        '',
        '1. **Diagnose**',
        '',
        '   **For API:**',
        '   ```bash\n   uptime\n   ```',
        '   **For DB:**',
        '   ```bash\n   uptime\n   ```',
        '   **Then:**',
        '   ```bash\n   uptime\n   ```',
        '   **Option A:**',
        '   ```bash\n   uptime\n   ```',
        '   **Option B:**',
        '   - do it by hand',
        '',
        '   **For the cache only:**',
        '   ```bash\n   uptime\n   ```',
        '   **Otherwise:**',
        '   ```bash\n   uptime\n   ```',
        '   ```bash\n   df -h\n   ```',
        '',
      ].join('\n'),
    );
    expect(step!.blocks.map((b) => [b.kind, b.label, b.flow, b.choice])).toEqual([
      ['shell', 'For API', 'alternative', 1],
      ['shell', 'For DB', 'alternative', 1],
      ['shell', 'Then', 'plain', null],
      ['shell', 'Option A', 'alternative', 2],
      ['manual', 'Option B', 'alternative', 2],
      ['shell', 'For the cache only', 'branch', null],
      ['shell', 'Otherwise', 'branch', null],
      ['shell', 'Otherwise', 'branch', null],
    ]);
  });

  it('makes every block of a conditional step or phase a branch named by it, and splits sql blocks at a conditional comment', () => {
    const steps = parse(
      [
        '**Procedure:**',
        '',
        '1. **Look**',
        '   ```bash\n   uptime\n   ```',
        '',
        '**Cleanup (only if asked):**',
        '',
        '2. **Drop caches**',
        '   ```sql\n   SELECT 1;\n   -- When the table is bloated:\n   VACUUM FULL t;\n   ```',
        '',
      ].join('\n'),
    );
    expect(steps.map((s) => s.blocks.map((b) => [b.label, b.flow]))).toEqual([
      [[null, 'plain']],
      [
        ['Cleanup (only if asked)', 'branch'],
        ['When the table is bloated', 'branch'],
      ],
    ]);
  });
});

describe('matchBranchLabel', () => {
  const step = byId(seedLibrary(), 'IR-002').steps[2]!;
  const alts = byId(seedLibrary(), 'IR-003').steps[2]!;

  it('matches a label’s start case-insensitively, and returns every block under it', () => {
    const m = matchBranchLabel(step, 'if standard');
    expect(m).toMatchObject({ ok: true, label: 'If Standard Recovery Fails' });
    if (m.ok) expect(m.blocks).toEqual([step.blocks[1]]);
    expect(matchBranchLabel(step, '  IF   CONTAINER ')).toMatchObject({ ok: true, label: 'If Container Issues Persist' });
    expect(matchBranchLabel(alts, "If Database Won't Start")).toMatchObject({ ok: true, label: "If Database Won't Start" });
  });

  it('lists the labels when the text names none, or several', () => {
    expect(matchBranchLabel(step, 'standard')).toEqual({ ok: false, reason: 'none', labels: ['If Standard Recovery Fails', 'If Container Issues Persist'] });
    expect(matchBranchLabel(step, 'if')).toEqual({ ok: false, reason: 'ambiguous', labels: ['If Standard Recovery Fails', 'If Container Issues Persist'] });
    expect(matchBranchLabel(step, '')).toMatchObject({ ok: false, reason: 'none' });
  });

  it('never names a plain block', () => {
    expect(matchBranchLabel(step, 'Standard Recovery')).toMatchObject({ ok: false, reason: 'none' });
  });
});
