/**
 * Every command of the team's library, with the risk it must get. The
 * fixture is the reviewed expectation (one line per command, by procedure
 * and seed line); the test also proves it covers every command the parser
 * finds, so a changed library cannot slip through unclassified.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RISK_ORDER, type Risk } from '../../../src/services/actionGuard';
import { classifyShell } from '../../../src/services/procedures/classifyShell';
import { commandsOf, REPO, seedLibrary } from './seed';

interface Row {
  id: string;
  line: number;
  risk: Risk;
  text: string;
}

const rows = JSON.parse(readFileSync(resolve(REPO, 'test/fixtures/procedures/seed-commands.json'), 'utf8')) as Row[];

describe('risk of every command in the seed', () => {
  const lib = seedLibrary();
  const parsed = lib.procedures.flatMap((p) => commandsOf(p).map((c) => ({ id: p.id, line: c.source.line, risk: c.risk, text: c.text })));

  it('the fixture lists exactly the commands the parser finds', () => {
    expect(parsed.map((r) => `${r.id}:${r.line}: ${r.text}`)).toEqual(rows.map((r) => `${r.id}:${r.line}: ${r.text}`));
  });

  it.each(rows.map((r) => [`${r.id}:${r.line} ${r.text.split('\n')[0]!.slice(0, 70)}`, r] as const))('%s', (_name, row) => {
    const got = classifyShell(row.text);
    expect(got.risk).toBe(row.risk);
    expect(got.reasons.length).toBeGreaterThan(0);
  });

  it('classifies no destructive command below destructive, and names why', () => {
    const destructive = rows.filter((r) => r.risk === 'destructive');
    expect(destructive.length).toBeGreaterThanOrEqual(30);
    for (const r of destructive) {
      const v = classifyShell(r.text);
      expect(RISK_ORDER[v.risk], r.text).toBe(RISK_ORDER.destructive);
      expect(v.reasons[0], r.text).toMatch(/delet|remov|stop|restor|block|cut|drop|replac|flush|FLUSHDB|DELETE|reset|prune/i);
    }
  });

  it('counts by class (the report’s figures)', () => {
    const count = (risk: Risk) => rows.filter((r) => r.risk === risk).length;
    expect([rows.length, count('read-only'), count('mutating'), count('destructive')]).toEqual([240, 131, 79, 30]);
  });
});
