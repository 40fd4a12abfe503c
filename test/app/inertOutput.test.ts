// The headless commands print remote text inert too: a run's command output,
// the run's report, the library's text; JSON keeps the values but escapes
// every control character, C1 included (JSON.stringify leaves C1 raw).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { jsonText } from '../../src/app/commands/printOut';
import { cleanEnv, riskctlInProcess, tempDir } from './cliHelpers';

/** Raw control characters a terminal would act on (tab and newline aside). */
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

const LIBRARY = [
  '# Hostile',
  '',
  '## Testing',
  '',
  '### TH-001: Hostile \x1b]0;TITLE\x07output',
  '',
  '**Purpose:** Print every family of control sequence \u009b6n.',
  '',
  '**Steps:**',
  '',
  '1. **Print**',
  '   ```bash',
  "   printf 'a\\033]0;PWNED\\007b\\033]52;c;aGVsbG8=\\007c\\033[2J\\rZ\\302\\233\\377\\n'",
  '   ```',
  '',
].join('\n');

function setup() {
  const dir = tempDir('inert-out');
  writeFileSync(join(dir, 'hostile.md'), LIBRARY);
  const config = join(dir, 'riskctl.yaml');
  writeFileSync(config, `hosts:\n  - name: here\n    local: true\n    health: []\nprocedures: [${join(dir, 'hostile.md')}]\n`);
  return { config, env: cleanEnv() };
}

describe('headless output is inert', () => {
  test('riskctl run: the command output, as it streams and in the report', async () => {
    const { config, env } = setup();
    const r = await riskctlInProcess(['run', 'TH-001', '--host', 'here', '--config', config, '--yes'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(RAW.test(r.stdout)).toBe(false);
    // A run's output is what its terminal would show: sequences dropped, a line
    // rewritten by CR keeps its last text, what is left made inert.
    expect(r.stdout).toContain('  Z\\x9b\ufffd\n');
    expect(r.stdout).toContain('TH-001: Hostile ␛]0;TITLE␇output');
    const runId = /run (\S+) \(riskctl runs/.exec(r.stdout)![1]!;
    const report = await riskctlInProcess(['runs', runId], env);
    expect(report.code).toBe(0);
    expect(RAW.test(report.stdout)).toBe(false);
    expect(report.stdout).toContain('Z\\x9b');
    const json = await riskctlInProcess(['runs', runId, '--json'], env);
    expect(RAW.test(json.stdout)).toBe(false);
    // The journal keeps what the command's terminal showed (its sequences dropped); its title, escaped.
    expect(json.stdout).toContain('Hostile \\u001b]0;TITLE');
    expect(json.stdout).toContain('Z\\\\x9b');
    expect(() => JSON.parse(json.stdout) as unknown).not.toThrow();
  });

  test('riskctl procedures: the library text, as a table, in full and as JSON', async () => {
    const { config, env } = setup();
    const lib = join(config, '..', 'hostile.md');
    for (const args of [
      ['procedures', '--library', lib],
      ['procedures', 'TH-001', '--library', lib],
    ]) {
      const r = await riskctlInProcess([...args, '--config', config], env);
      expect(r.code).toBe(0);
      expect(RAW.test(r.stdout)).toBe(false);
      expect(r.stdout).toContain('␛]0;TITLE␇');
    }
    const j = await riskctlInProcess(['procedures', 'TH-001', '--json', '--library', lib], env);
    expect(RAW.test(j.stdout)).toBe(false);
    expect((JSON.parse(j.stdout) as { title: string }).title).toBe('Hostile \x1b]0;TITLE\x07output');
  });

  test('jsonText escapes DEL and C1 and keeps the value', () => {
    const v = { s: 'a\x1b[2J\u009b6n\x7f\u0085', n: 1 };
    const t = jsonText(v);
    expect(RAW.test(t)).toBe(false);
    expect(t).toContain('\\u009b6n\\u007f\\u0085');
    expect(JSON.parse(t)).toEqual(v);
  });
});
