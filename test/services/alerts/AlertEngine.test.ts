import { describe, expect, it } from 'vitest';
import { AlertEngine } from '../../../src/services/alerts/AlertEngine';
import type { Condition } from '../../../src/services/alerts/types';

const POLL = 2000;
const cond = (patch: Partial<Condition> = {}): Condition => ({
  severity: 'WARNING',
  rule: 'cpu',
  host: 'h1',
  target: '',
  value: 90,
  threshold: 70,
  message: 'CPU 90%',
  procedure: 'PM-002',
  source: 'riskctl',
  ...patch,
});

/** Feeds a scope poll by poll: true = condition present. Returns the transitions of each poll. */
function run(engine: AlertEngine, polls: boolean[], start = 0, c = cond()) {
  return polls.map((on, i) => engine.observe('host:h1', on ? [c] : [], start + i * POLL).map((t) => t.type));
}

describe('AlertEngine', () => {
  it('fires after the hold time (two polls by default) and resolves after it clears', () => {
    const e = new AlertEngine({ holdPolls: 2 });
    expect(run(e, [true])).toEqual([[]]);
    expect(e.alerts()[0]!.state).toBe('pending');
    expect(run(e, [true], POLL)).toEqual([['fired']]);
    expect(e.alerts()[0]).toMatchObject({ state: 'firing', firedAt: POLL, since: 0 });
    expect(run(e, [false, false], 2 * POLL)).toEqual([[], ['resolved']]);
    expect(e.alerts()[0]).toMatchObject({ state: 'resolved', resolvedAt: 3 * POLL });
  });

  it('a one-poll blip never fires', () => {
    const e = new AlertEngine({ holdPolls: 2 });
    expect(run(e, [true, false, true, false])).toEqual([[], [], [], []]);
    expect(e.alerts()).toEqual([]);
  });

  it('holdPolls 1 fires at once (headless, Prometheus)', () => {
    const e = new AlertEngine({ holdPolls: 1 });
    expect(run(e, [true])).toEqual([['fired']]);
  });

  it('keeps the latest value while firing', () => {
    const e = new AlertEngine({ holdPolls: 1 });
    e.observe('host:h1', [cond()], 0);
    e.observe('host:h1', [cond({ value: 95, message: 'CPU 95%' })], POLL);
    expect(e.alerts()[0]).toMatchObject({ value: 95, message: 'CPU 95%', state: 'firing', firedAt: 0 });
  });

  it('damps flapping: after three fires in the window it needs three times longer to clear', () => {
    const e = new AlertEngine({ holdPolls: 1, flapFires: 3, flapWindowMs: 60_000 });
    const seq = run(e, [true, false, true, false, true, false, false, false, true]);
    expect(seq).toEqual([['fired'], ['resolved'], ['fired'], ['resolved'], ['fired'], [], [], ['resolved'], ['fired']]);
    expect(e.alerts()[0]!.flapping).toBe(true);
  });

  it('a flap window that passed forgets old fires', () => {
    const e = new AlertEngine({ holdPolls: 1, flapFires: 3, flapWindowMs: 5 * POLL });
    run(e, [true, false, true, false, false, false, false, true, false]);
    expect(e.alerts()[0]!.flapping).toBe(false);
  });

  it('scopes are judged apart: another host evaluating does not clear this one', () => {
    const e = new AlertEngine({ holdPolls: 1 });
    e.observe('host:h1', [cond()], 0);
    expect(e.observe('host:h2', [], POLL)).toEqual([]);
    expect(e.alerts()[0]!.state).toBe('firing');
  });

  it('a fleet of scopes: each evaluation resolves, drops and re-raises only its own alerts, in the order they came', () => {
    const e = new AlertEngine({ holdPolls: 1, keepResolvedMs: 10 * POLL });
    const hosts = Array.from({ length: 50 }, (_, i) => `h${i + 1}`);
    const both = (host: string) => [cond({ host }), cond({ host, rule: 'load', message: 'load 9' })];
    for (const host of hosts) e.observe(`host:${host}`, both(host), 0);
    expect(e.alerts()).toHaveLength(100);
    // h7 clears its CPU: only h7's CPU alert resolves; the other 49 hosts' evaluations leave it alone.
    expect(e.observe('host:h7', [cond({ host: 'h7', rule: 'load', message: 'load 9' })], POLL)).toEqual([
      expect.objectContaining({ type: 'resolved', alert: expect.objectContaining({ host: 'h7', rule: 'cpu' }) }),
    ]);
    for (const host of hosts.filter((h) => h !== 'h7')) expect(e.observe(`host:${host}`, both(host), POLL)).toEqual([]);
    expect(
      e
        .alerts()
        .filter((a) => a.state === 'resolved')
        .map((a) => `${a.host} ${a.rule}`),
    ).toEqual(['h7 cpu']);
    // h3 clears both: resolved in the order raised.
    expect(e.observe('host:h3', [], 2 * POLL).map((t) => `${t.type} ${t.alert.rule}`)).toEqual(['resolved cpu', 'resolved load']);
    // Raised again on h7, it fires afresh; h7's resolved CPU alert goes only after keepResolvedMs, at h7's evaluation.
    expect(e.observe('host:h7', both('h7'), 3 * POLL).map((t) => `${t.type} ${t.alert.rule}`)).toEqual(['fired cpu']);
    e.observe('host:h3', [], 20 * POLL);
    expect(e.alerts()).toHaveLength(98);
    expect(e.alerts().some((a) => a.host === 'h3')).toBe(false);
    expect(
      e
        .alerts()
        .filter((a) => a.host === 'h7')
        .map((a) => `${a.rule} ${a.state}`),
    ).toEqual(['cpu firing', 'load firing']);
  });

  it('acknowledge keeps it open with the note; it still resolves by itself', () => {
    const e = new AlertEngine({ holdPolls: 1 });
    e.observe('host:h1', [cond()], 0);
    const key = e.alerts()[0]!.key;
    expect(e.acknowledge(key, { by: 'op', at: 1, comment: 'looking' })?.type).toBe('acknowledged');
    expect(e.get(key)).toMatchObject({ state: 'acknowledged', ack: { by: 'op', comment: 'looking' } });
    e.observe('host:h1', [cond()], POLL);
    expect(e.get(key)!.state).toBe('acknowledged');
    expect(e.observe('host:h1', [], 2 * POLL).map((t) => t.type)).toEqual(['resolved']);
  });

  it('a pending alert cannot be acknowledged', () => {
    const e = new AlertEngine({ holdPolls: 2 });
    e.observe('host:h1', [cond()], 0);
    expect(e.acknowledge(e.alerts()[0]!.key, { by: 'op', at: 1, comment: 'x' })).toBeNull();
  });

  it('operator resolve closes it; a condition that still holds is raised again after the hold', () => {
    const e = new AlertEngine({ holdPolls: 2 });
    run(e, [true, true]);
    const key = e.alerts()[0]!.key;
    expect(e.resolve(key, { by: 'op', at: 5, comment: 'fixed' })).toMatchObject({ type: 'resolved', by: 'operator' });
    expect(e.get(key)).toMatchObject({ state: 'resolved', resolution: { comment: 'fixed' } });
    expect(run(e, [true, true], 3 * POLL)).toEqual([[], ['fired']]);
    expect(e.get(key)).toMatchObject({ state: 'firing', ack: null, resolution: null });
  });

  it('marks alerts raised in a maintenance window as expected', () => {
    let inWindow = true;
    const e = new AlertEngine({ holdPolls: 1, expected: () => inWindow });
    e.observe('host:h1', [cond()], 0);
    expect(e.alerts()[0]!.expected).toBe(true);
    inWindow = false;
    e.observe('host:h1', [cond(), cond({ rule: 'memory' })], POLL);
    expect(e.alerts().map((a) => [a.rule, a.expected])).toEqual([
      ['cpu', true],
      ['memory', false],
    ]);
    e.markExpected('h1', false);
    expect(e.alerts().every((a) => !a.expected)).toBe(true);
  });

  it('drops resolved alerts after they were listed long enough', () => {
    const e = new AlertEngine({ holdPolls: 1, keepResolvedMs: 10 * POLL });
    run(e, [true, false]);
    expect(e.alerts()).toHaveLength(1);
    e.observe('host:h1', [], 20 * POLL);
    expect(e.alerts()).toHaveLength(0);
  });
});

describe('AlertEngine.revision', () => {
  /** Steps over an alert's life; some change nothing. */
  const steps: Array<[string, (e: AlertEngine) => void]> = [
    ['a condition appears (pending)', (e) => e.observe('host:h1', [cond()], 0)],
    ['the same condition again (fires)', (e) => e.observe('host:h1', [cond()], POLL)],
    ['the same condition, same figures', (e) => e.observe('host:h1', [cond()], 2 * POLL)],
    ['the figure moves', (e) => e.observe('host:h1', [cond({ value: 95, message: 'CPU 95%' })], 3 * POLL)],
    ['another scope, nothing', (e) => e.observe('host:h2', [], 3 * POLL)],
    ['acknowledged', (e) => void e.acknowledge('riskctl|cpu|h1|', { by: 'op', at: 4 * POLL, comment: '' })],
    ['silence unchanged', (e) => e.setSilence('riskctl|cpu|h1|', null)],
    ['marked expected', (e) => e.markExpected('h1', true)],
    ['marked expected again', (e) => e.markExpected('h1', true)],
    ['absent once', (e) => e.observe('host:h1', [], 5 * POLL)],
    ['absent twice (resolves)', (e) => e.observe('host:h1', [], 6 * POLL)],
    ['absent again, kept resolved', (e) => e.observe('host:h1', [], 7 * POLL)],
    ['dropped after keepResolvedMs', (e) => e.observe('host:h1', [], 7 * POLL + 16 * 60_000)],
    ['it appears again (pending)', (e) => e.observe('host:h1', [cond()], 8 * POLL + 16 * 60_000)],
    ['it goes before firing', (e) => e.observe('host:h1', [], 9 * POLL + 16 * 60_000)],
  ];

  it('goes up exactly when alerts() would list other alert objects', () => {
    const e = new AlertEngine({ holdPolls: 2 });
    const seen: Array<[string, boolean, boolean]> = [];
    for (const [name, step] of steps) {
      const before = e.alerts();
      const rev = e.revision;
      step(e);
      const after = e.alerts();
      const differs = before.length !== after.length || before.some((a, i) => a !== after[i]);
      seen.push([name, differs, e.revision !== rev]);
    }
    for (const [name, differs, moved] of seen) expect({ name, moved }).toEqual({ name, moved: differs });
    // Some steps change nothing: the revision stays there.
    expect(seen.filter(([, differs]) => !differs).map(([n]) => n)).toEqual([
      'the same condition, same figures',
      'another scope, nothing',
      'silence unchanged',
      'marked expected again',
      'absent once',
      'absent again, kept resolved',
    ]);
  });
});
