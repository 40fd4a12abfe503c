import { describe, expect, it } from 'vitest';
import { branchQuestion, parseBranchArgs, plainRisk, preselect, runOutcome, stepUnits } from '../../../../src/services/procedures/runner/stepFlow';
import { flowProcedure } from './flowFixture';

const p = flowProcedure();

describe('a step as units of flow', () => {
  it('plain blocks, a branch by its label, alternatives gathered in one choice', () => {
    expect(stepUnits(p.steps[0]!).map((u) => (u.kind === 'choice' ? [u.kind, u.options.map((o) => o.label)] : [u.kind, u.kind === 'branch' ? u.label : u.blocks.length]))).toEqual([
      ['plain', 1],
      ['branch', 'If Standard Recovery Fails'],
    ]);
    expect(stepUnits(p.steps[1]!).map((u) => (u.kind === 'choice' ? u.options.map((o) => o.label) : u.kind))).toEqual([['For API Service', 'For Database Service']]);
    expect(stepUnits(p.steps[2]!).map((u) => u.kind)).toEqual(['plain']);
  });
  it('the gate asks about the plain blocks; a branch is asked in its own words', () => {
    expect(plainRisk(p.steps[0]!)).toBe('mutating');
    expect(plainRisk(p.steps[1]!)).toBe('read-only');
    const b = stepUnits(p.steps[0]!)[1]!;
    expect(b.kind === 'branch' && branchQuestion(b.label, b.blocks)).toBe('If Standard Recovery Fails — run these 2 commands?');
  });
});

describe('--branch STEP:LABEL', () => {
  const cases: Array<[string, string[], Array<{ step: number; label: string }>, RegExp | null]> = [
    ['a label by its start, any case', ['1:if standard'], [{ step: 1, label: 'If Standard Recovery Fails' }], null],
    ['an alternative', ['2:FOR DATA'], [{ step: 2, label: 'For Database Service' }], null],
    ['twice is once', ['1:if', '1:If Standard'], [{ step: 1, label: 'If Standard Recovery Fails' }], null],
    ['no such label: the step\'s labels listed', ['1:when'], [], /step 1 has no branch starting so \(its labels: "If Standard Recovery Fails"\)/],
    ['a step without branches', ['3:x'], [], /step 3 has no branch starting so \(it has no branches\)/],
    ['ambiguous', ['2:for'], [], /names several labels of step 2 \("For API Service", "For Database Service"\)/],
    ['no such step', ['9:if'], [], /TF-001 has no step 9 \(branches: 1:"If Standard Recovery Fails", 2:"For API Service", 2:"For Database Service"\)/],
    ['not STEP:LABEL', ['if standard'], [], /expected STEP:LABEL/],
  ];
  it.each(cases)('%s', (_n, args, branches, problem) => {
    const r = parseBranchArgs(p, args);
    expect(r.branches).toEqual(branches);
    if (problem) expect(r.problems.join('\n')).toMatch(problem);
    else expect(r.problems).toEqual([]);
  });
});

describe('preselecting alternatives', () => {
  const options = stepUnits(p.steps[1]!).flatMap((u) => (u.kind === 'choice' ? u.options : []));
  const cases: Array<[string, { service?: string; alert?: string }, number[]]> = [
    ['the service_name value', { service: 'api' }, [0]],
    ['in another case', { service: 'Database' }, [1]],
    ['a service no label names, no alert', { service: 'redis' }, []],
    ["the alert's words", { alert: 'container-unhealthy lab-1 database: postgres unhealthy' }, [1]],
    ['nothing fits', { alert: 'disk / 97% used' }, []],
    ['no hint', {}, []],
  ];
  it.each(cases)('%s', (_n, hint, want) => expect(preselect(options, hint)).toEqual(want));
});

describe('how a run that reached its end ends', () => {
  const cases: Array<[string, Array<{ number: number; status: 'done' | 'refused' | 'skipped'; branches?: Array<{ label: string; flow: 'branch'; taken: boolean; by: string; at: string; commands: number; reason?: string }> }>, string, string | null]> = [
    ['all done', [{ number: 1, status: 'done' }], 'completed', null],
    ['a refused step', [{ number: 1, status: 'done' }, { number: 2, status: 'refused' }], 'incomplete', 'step 2 refused'],
    ['skipped steps', [{ number: 1, status: 'skipped' }, { number: 3, status: 'skipped' }], 'incomplete', 'steps 1, 3 skipped'],
    ['a branch passed over is not a gap', [{ number: 1, status: 'done', branches: [{ label: 'If x', flow: 'branch', taken: false, by: 'op', at: '', commands: 1 }] }], 'completed', null],
    ['a chosen branch refused is', [{ number: 1, status: 'done', branches: [{ label: 'If x', flow: 'branch', taken: false, by: 'op', at: '', commands: 1, reason: '--read-only' }] }], 'incomplete', 'step 1 refused'],
  ];
  it.each(cases)('%s', (_n, steps, status, left) => expect(runOutcome(steps)).toEqual({ status, left }));
});
