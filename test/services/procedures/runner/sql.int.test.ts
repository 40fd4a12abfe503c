// SQL blocks over the lab's PostgreSQL (through lab-1's SSH tunnel): one
// statement at a time, a hostile value bound as data, the result as a table
// and as CSV evidence, the database password nowhere in the journal.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { labDbHostYaml, labPassword, superuser } from '../../database/pgLab';
import { cleanEnv, riskctl, tempDir } from '../../../app/cliHelpers';

const LIB = 'test/fixtures/procedures/runner-sql.md';
const table = `riskctl_canary_${process.pid}`;
let su: pg.Client;

beforeAll(async () => {
  su = await superuser();
  await su.query(`CREATE TABLE IF NOT EXISTS ${table} (x int)`);
  await su.query(`GRANT ALL ON ${table} TO PUBLIC`);
});
afterAll(async () => {
  await su?.query(`DROP TABLE IF EXISTS ${table}`);
  await su?.end();
});

function config(dir: string): string {
  const file = join(dir, 'riskctl.yaml');
  writeFileSync(
    file,
    `hosts:
${labDbHostYaml({ name: 'lab-1', index: 0, tags: ['lab'] })}
    health: []
`,
  );
  return file;
}

describe('sql blocks in a run', () => {
  it('binds a hostile value as data, shows the table, saves CSV evidence', async () => {
    const env = cleanEnv();
    const hostile = `x'); DROP TABLE ${table}; -- "q" $1 \\ %`;
    const r = await riskctl(['run', 'TS-001', '--host', 'lab-1', '--config', config(tempDir('sql')), '--library', LIB, '--param', `note=${hostile}`, '--json'], env, 60_000);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { journal: string; steps: Array<{ status: string }> };
    expect(j.steps.map((s) => s.status)).toEqual(['done', 'done']);
    const steps = readFileSync(j.journal, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; commands?: Array<{ asRun: string; output: string; evidence?: string }> })
      .filter((x) => x.type === 'step');
    const q = steps[0]!.commands![0]!;
    expect(q.asRun).toBe('SELECT $1 AS note, length($1) AS len;');
    expect(q.output).toContain(hostile);
    expect(q.output).toContain(`${hostile.length}`);
    expect(steps[1]!.commands![0]!.asRun).toBe("SELECT count(*) AS n FROM pg_class WHERE relname LIKE ('%' || $1::text || '%');");
    expect(q.evidence).toMatch(/evidence\/test\/notes_\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync(q.evidence!, 'utf8');
    expect(csv).toBe(`note,len\r\n"${hostile.replaceAll('"', '""')}",${hostile.length}\r\n`);
    const still = await su.query(`SELECT to_regclass('${table}') AS t`);
    expect(still.rows[0].t).toBe(table);
    expect(readFileSync(j.journal, 'utf8')).not.toContain(labPassword());
  });
});
