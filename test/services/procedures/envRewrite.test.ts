/**
 * Parameters reach commands as environment variables, and the rewritten
 * command text is run here by a real /bin/sh with hostile values: each value
 * must come out literally and no canary file may appear.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withEnv } from '../../../src/hosts/shellEnv';
import { rewriteForEnv, valueProblem } from '../../../src/services/procedures/envRewrite';
import { sqlSpans } from '../../../src/services/procedures/sqlText';
import { smallSpawner } from '../../smallSpawner';
import { byId, commandsOf, seedLibrary } from './seed';

const dir = mkdtempSync(join(tmpdir(), 'riskctl-env-'));
const CANARY = join(dir, 'canary');
const HOSTILE = [
  'plain',
  `$(touch ${CANARY})`,
  `\`touch ${CANARY}\``,
  `'; touch ${CANARY}; '`,
  `"; touch ${CANARY}; "`,
  `x && touch ${CANARY}`,
  `x | touch ${CANARY}`,
  `x; touch ${CANARY}`,
  `'$(touch ${CANARY})'`,
  `\\'; touch ${CANARY}; echo \\'`,
  `line1\nEOF\ntouch ${CANARY}\nline3`,
  "it's O'Brien's",
  '$HOME ${PATH} $1 $@',
  '\\ \\\\ \\n',
  '*',
  '-rf',
  `'; DROP TABLE users; --`,
  'é ☃ \t tab',
  'x'.repeat(5000),
];

// A few hundred shells: started from a small process, not from this worker's (see smallSpawner).
const spawner = smallSpawner();
afterAll(() => spawner.close());

/** Runs `text` with the parameter `name` set to `value`, the way the runner will. */
function run(text: string, env: Record<string, string>, prelude = ''): Promise<string> {
  return spawner.run('/bin/sh', ['-c', prelude + withEnv(text, env)]);
}

// Stand-ins that print the SQL they were given, so the test can read what psql would receive.
const FAKE_PSQL = `psql() { while [ $# -gt 0 ]; do if [ "$1" = -c ]; then printf '%s' "$2"; return; fi; shift; done; }; docker() { shift 0; while [ "$1" != psql ]; do shift; done; "$@"; }; `;

/** The one string literal SQL would read at `start` (quotes doubled inside). */
function literalAt(sql: string, start: number): string | null {
  const s = sqlSpans(sql).find((x) => x.start === start);
  if (!s || s.kind !== 'string') return null;
  return sql.slice(s.start + 1, s.end - 1).replaceAll("''", "'");
}

describe('rewriteForEnv through a real /bin/sh', () => {
  const cases: Array<[string, string, (v: string) => string]> = [
    ['bare', "printf '%s|' [name]", (v) => `${v}|`],
    ['in double quotes', `printf '%s' "v=[name];"`, (v) => `v=${v};`],
    ['in single quotes', `printf '%s' 'v=[name];'`, (v) => `v=${v};`],
    ['here-document', 'cat << EOF\nv=[name]\n$(printf ok)\nEOF', (v) => `v=${v}\nok\n`],
    ['quoted here-document', "cat << 'EOF'\nv=[name] $HOME \\$ `id` \\\\\nEOF", (v) => `v=${v} $HOME \\$ \`id\` \\\\\n`],
    ['<<- here-document', 'cat <<-EOF\n\tv=[name]\n\tEOF', (v) => `v=${v}\n`],
    ['inside $( … )', `printf '%s' "$(printf '%s' [name])"`, (v) => v.replace(/\n+$/, '')],
  ];
  for (const [name, text, want] of cases) {
    it.each(HOSTILE.map((v) => [v.slice(0, 40), v]))(`${name}: %j stays literal`, async (_label, value) => {
      const r = rewriteForEnv(text);
      expect(r.uses.map((u) => u.env)).toEqual(['RISKCTL_P_NAME']);
      expect(r.text).not.toContain('[name]');
      if (r.uses[0]!.wholeWord && value.startsWith('-')) {
        expect(valueProblem(value, r.uses[0]!)).toMatch(/option/);
      }
      expect(await run(r.text, { RISKCTL_P_NAME: value })).toBe(want(value));
      expect(existsSync(CANARY)).toBe(false);
    });
  }

  it.each(HOSTILE.filter((v) => !v.endsWith('\n')).map((v) => [v.slice(0, 40), v]))('psql -c "… \'[email]\' …": %j is one SQL string literal', async (_label, value) => {
    const r = rewriteForEnv(`psql -U app -d db -c "UPDATE users SET status = 'x' WHERE email = '[email]';"`);
    expect(r.uses[0]!.context).toBe('sql-string');
    const sql = await run(r.text, { RISKCTL_P_EMAIL: value }, FAKE_PSQL);
    const at = sql.indexOf("email = '") + 8;
    expect(literalAt(sql, at)).toBe(value.replace(/\n+$/, ''));
    expect(sql.slice(sqlSpans(sql).find((s) => s.start === at)!.end)).toBe(';');
    expect(existsSync(CANARY)).toBe(false);
  });

  it.each([
    ['double-quoted SQL', `psql -c "SELECT [row_limit];"`],
    ['single-quoted SQL', `psql -c 'SELECT [row_limit];'`],
    ['a bare SQL word', `psql -c [row_limit]`],
  ])('%s: a placeholder in SQL code becomes a string literal', async (_name, text) => {
    const r = rewriteForEnv(text);
    expect(r.uses[0]!.context).toBe('sql-bare');
    for (const value of HOSTILE) {
      const sql = await run(r.text, { RISKCTL_P_ROW_LIMIT: value }, FAKE_PSQL);
      const at = sql.indexOf("'");
      expect(literalAt(sql, at), value).toBe(value.replace(/\n+$/, ''));
    }
    expect(existsSync(CANARY)).toBe(false);
  });

  it('the seed’s own IR-001 UPDATE and DELETE: the e-mail reaches SQL as data', async () => {
    const cmds = commandsOf(byId(seedLibrary(), 'IR-001')).filter((c) => c.placeholders.some((p) => p.name === 'compromised_email'));
    expect(cmds).toHaveLength(2);
    for (const c of cmds) {
      const r = rewriteForEnv(c.text);
      const value = `x'); DELETE FROM risk_platform.users; -- $(touch ${CANARY})`;
      const sql = await run(r.text, { RISKCTL_P_COMPROMISED_EMAIL: value }, FAKE_PSQL);
      const at = sql.indexOf("email = '") + 8;
      expect(literalAt(sql, at)).toBe(value);
      expect(sql.match(/DELETE/g)?.length ?? 0).toBe(c.text.includes('DELETE') ? 2 : 1);
    }
    expect(existsSync(CANARY)).toBe(false);
  });

  it('the seed’s here-documents (EP-001, MO-001) take several lines of text', async () => {
    const ep1 = commandsOf(byId(seedLibrary(), 'EP-001')).at(-1)!;
    const r = rewriteForEnv(ep1.text.replace(/^cat > .*?\.log/, 'cat'));
    const out = await run(r.text, { RISKCTL_P_REASON: `breach $(touch ${CANARY})`, RISKCTL_P_RECOVERY_STEPS: 'step 1\nEOF\nstep 2' });
    expect(out).toContain(`Reason: breach $(touch ${CANARY})\n`);
    expect(out).toContain('step 1\nEOF\nstep 2\n');
    expect(out).toMatch(/Initiated by: \S+/); // the library's own $(whoami) still runs
    expect(existsSync(CANARY)).toBe(false);
  });

  it('a quote inside another program’s single quotes is refused, not escaped', async () => {
    const r = rewriteForEnv(`sh -c "printf '%s' '[name]'"`);
    expect(r.uses[0]!.context).toBe('nested-single');
    expect(await run(r.text, { RISKCTL_P_NAME: 'safe $(x) `y`' })).toBe('safe $(x) `y`');
    expect(valueProblem(`'; touch ${CANARY}; '`, r.uses[0]!)).toMatch(/cannot contain '/);
    expect(valueProblem('fine', r.uses[0]!)).toBeNull();
  });

  it('leaves a command without placeholders alone', () => {
    expect(rewriteForEnv('ls -la "[ -f x ]" | grep "[n]ginx"')).toEqual({ text: 'ls -la "[ -f x ]" | grep "[n]ginx"', uses: [] });
  });
});
