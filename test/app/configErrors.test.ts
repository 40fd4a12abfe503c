// Every broken config an operator (or an attacker) would write, through the
// command line (in this process; test/app/cli.test.ts runs one through the
// built bin): exit 2, one line on stderr naming the file (and line, column,
// field where there is one), nothing on stdout, no stack, no library's words.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, riskctlInProcess, tempDir, type CliResult } from './cliHelpers';

const DIR = 'test/fixtures/config-errors';

const table = readFileSync(join(DIR, 'expected.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t') as [string, string]);

/** Configs that cannot be files in the repository (too big, binary, another encoding): written here, with what riskctl must say. */
function generated(dir: string): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  const add = (name: string, data: string | Buffer, expected: string) => {
    const file = join(dir, name);
    writeFileSync(file, data);
    out.push([name, file, expected]);
  };
  const valid = 'hosts:\n  - name: app-1\n    local: true\n';
  const big = valid + `# ${'x'.repeat(1024 * 1024)}\n`;
  add('over-1mib.yaml', big, `FILE: ${big.length} bytes: a config is at most 1048576 bytes (1 MiB)`);
  const hostile = `hosts:\n  - name: app-1\n    ssh: { host: ${'a'.repeat(10 * 1024 * 1024)} }\n`;
  add('host-name-10mb.yaml', hostile, `FILE: ${hostile.length} bytes: a config is at most 1048576 bytes (1 MiB)`);
  add(
    'host-name-900kb.yaml',
    `hosts:\n  - name: app-1\n    ssh: { host: ${'a'.repeat(900 * 1024)} }\n`,
    'FILE:3: hosts[0].ssh.host: must be 253 characters at most',
  );
  add('nul-byte.yaml', 'hosts:\n  - name: app\u0000-1\n    local: true\n', 'FILE:2:14: not valid YAML: a NUL byte: this is not a text file');
  add('utf-16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid, 'utf16le')]), 'FILE:1:1: UTF-16 text: save the config as UTF-8');
  add(
    'latin-1.yaml',
    Buffer.concat([Buffer.from('hosts:\n  - name: app-1\n    local: true\n# caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    'FILE:4:6: not UTF-8 text (save the config as UTF-8)',
  );
  add('flow-nesting-500k.yaml', `hosts: ${'['.repeat(500_000)}\n`, 'FILE:1:71: not valid YAML: nested too deeply (a config needs 20 levels at most)');
  add('dash-nesting-400k.yaml', `hosts:\n  ${'- '.repeat(400_000)}x\n`, 'FILE:2:129: not valid YAML: nested too deeply (a config needs 20 levels at most)');
  add(
    'key-nesting-1400.yaml',
    `${Array.from({ length: 1400 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`,
    'FILE:65:1: not valid YAML: nested too deeply (a config needs 20 levels at most)',
  );
  const folder = join(dir, 'a-folder.yaml');
  mkdirSync(folder);
  out.push(['a-folder.yaml', folder, 'FILE: is a folder, not a config file']);
  return out;
}

/** The library's words and a stack's marks: none of them may reach the operator. */
const FORBIDDEN =
  /\n\s+at |YAML\.|parseAllDocuments|Maximum call stack|Invalid input|expected \w+, received|resource exhaustion|ReferenceError|RangeError|TypeError|Error:/;

function expectOneLine(r: CliResult, file: string, expected: string): void {
  expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 2, stdout: '', stderr: `riskctl: ${expected.replace('FILE', file)}\n` });
  expect(r.stderr).not.toMatch(FORBIDDEN);
}

/** Runs the command line on each config, one after the other, in this process. */
async function runAll(files: string[]): Promise<Map<string, CliResult>> {
  const env = cleanEnv();
  const results = new Map<string, CliResult>();
  for (const f of files) results.set(f, await riskctlInProcess(['status', '--config', f], env));
  return results;
}

describe('broken configs through the CLI', () => {
  it('the table lists every fixture of the folder, and there are 60 or more', () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    expect(table.map(([f]) => f).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(60);
  });

  // One command-line run per config, before the cases read them.
  let results = new Map<string, CliResult>();
  const cases = generated(tempDir('config-errors'));
  beforeAll(async () => {
    results = await runAll([...table.map(([f]) => join(DIR, f)), ...cases.map(([, file]) => file)]);
  }, 600_000);

  it.each(table)('%s → %s', (name, expected) => {
    const file = join(DIR, name);
    expectOneLine(results.get(file)!, file, expected);
  });

  it.each(cases)('generated %s → %s', (_name, file, expected) => {
    expectOneLine(results.get(file)!, file, expected);
  });
});
