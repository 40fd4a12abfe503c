// The fence attribute `no-match`: which commands it covers (grepSearch.ts),
// how the library refuses it where it covers nothing, and how the runner reads
// an exit 1 — "no match" only for a grep search that printed nothing; every
// other failure still fails (run for real in a local shell, no mocks).
import { describe, expect, it } from 'vitest';
import { LocalHost } from '../../../src/hosts/LocalHost';
import { parseFenceInfo } from '../../../src/services/procedures/fenceInfo';
import { endsInGrep } from '../../../src/services/procedures/grepSearch';
import { TextError } from '../../../src/services/procedures/LibraryError';
import type { CodeBlock, Command } from '../../../src/services/procedures/model';
import { parseLibrary } from '../../../src/services/procedures/parseLibrary';
import { procedureJson } from '../../../src/services/procedures/procedureJson';
import { lexShell } from '../../../src/services/procedures/shellLexer';
import { commandFailed, runShellBlock, StepShells } from '../../../src/services/procedures/runner/execShell';

const AUTH_GREP = 'sudo grep "authentication failure" /var/log/auth.log | grep "$(date +%b.*$(date +%d))"';

describe('endsInGrep: one pipeline whose last stage is grep', () => {
  const cases: Array<[string, boolean]> = [
    [AUTH_GREP, true],
    ['grep -i "warning" /opt/risk-platform/logs/app.log', true],
    ['tail -100 access.log | grep "$(date +%d/%b/%Y)"', true],
    ['tail -100 access.log |\n  grep x', true],
    ['egrep x f', true],
    ['zgrep x f.gz', true],
    ['/usr/bin/grep x f', true],
    ['sudo -n grep x f', true],
    ['grep x f > hits.txt', true],
    ['grep -i "warning\\|error" /opt/risk-platform/logs/security*.log | tail -10', false],
    ['sudo ufw status', false],
    ['grep x f || true', false],
    ['test -r f && grep x f', false],
    ['grep x f; echo done', false],
    ['grep x f &', false],
    ['if grep -q x f; then echo yes; fi', false],
    ['{ grep x f; }', false],
    ['! grep x f', false],
    ['echo grep', false],
    ['sudo -u ops grep x f', false], // an option with an argument: not read as grep (never too wide)
  ];
  it.each(cases)('%s → %s', (text, want) => {
    expect(endsInGrep(lexShell(text).tokens)).toBe(want);
  });
});

describe('no-match in fences and libraries', () => {
  it('is a flag on shell blocks only', () => {
    expect(parseFenceInfo('bash', '{no-match}').attributes.noMatch).toBe(true);
    expect(parseFenceInfo('bash', null).attributes.noMatch).toBeUndefined();
    expect(() => parseFenceInfo('bash', '{no-match=1}')).toThrow(TextError);
    expect(() => parseFenceInfo('bash', '{no-match=1}')).toThrow(/no-match takes no value/);
    expect(() => parseFenceInfo('sql', '{no-match}')).toThrow(/no-match applies to shell blocks only/);
  });

  const lib = (fence: string, body: string) =>
    `## Daily\n\n### DO-901: Test\n\n**Procedure:**\n\n1. **Look**\n   \`\`\`${fence}\n   ${body.split('\n').join('\n   ')}\n   \`\`\`\n`;

  it('marks exactly the grep searches of the block', () => {
    const [p] = parseLibrary(lib('bash {no-match}', `grep -i x f | tail -10\nsudo ufw status\n${AUTH_GREP}`), 'lib.md');
    const b = p!.steps[0]!.blocks[0]!;
    expect(b.kind).toBe('shell');
    if (b.kind === 'manual') return;
    expect(b.commands.map((c) => c.noMatch ?? false)).toEqual([false, false, true]);
  });

  it('refuses a no-match block with no grep search in it', () => {
    expect(() => parseLibrary(lib('bash {no-match}', 'sudo ufw status\ngrep x f || true'), 'lib.md')).toThrow(/lib\.md:\d+: fence: no-match, but no command of this block ends in a grep search/);
  });

  it('is on the built-in DO-001’s security review, where finding no failed login is the good outcome', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../../procedures/01-daily-operations.md', import.meta.url), 'utf8');
    const p = parseLibrary(text, '01-daily-operations.md').find((x) => x.id === 'DO-001')!;
    const marked = p.steps.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'manual' ? [] : b.commands.filter((c) => c.noMatch).map((c) => c.text))));
    expect(marked).toEqual([AUTH_GREP]);
    // `riskctl procedures DO-001 --json` says so too.
    const json = JSON.stringify(procedureJson(p, '.'));
    expect(json.match(/"noMatch":true/g)).toHaveLength(2); // the block's attribute and its one command
  });
});

describe('the runner reads exit 1 of a no-match grep as "no match", and nothing else', () => {
  const cmd = (text: string, noMatch: boolean): Command => ({
    kind: 'shell',
    text,
    source: { file: 't.md', line: 1 },
    risk: 'read-only',
    classified: { risk: 'read-only', reasons: [] },
    instructions: [],
    placeholders: [],
    ...(noMatch ? { noMatch: true } : {}),
  });
  // One block per command: a failed command would stop the rest of its block.
  const run = async (commands: Command[]) => {
    const shells = new StepShells({ host: new LocalHost('local'), vars: {} });
    const out = [];
    try {
      for (const command of commands) {
        const block: CodeBlock = { kind: 'shell', label: null, flow: 'plain', choice: null, lang: 'bash', source: { file: 't.md', line: 1 }, attributes: { params: {}, interactive: false }, commands: [command], notes: [] };
        out.push(...(await runShellBlock(block, { shells, values: {}, headless: true, defaultTimeoutMs: 20_000, onOutput: () => {} })));
      }
    } finally {
      await shells.close();
    }
    return out;
  };

  it('accepts only exit 1 with nothing printed', async () => {
    const recs = await run([
      cmd('printf "a\\nb\\n" | grep zzz', true), // found nothing: no match
      cmd('printf "a\\nzzz\\n" | grep zzz', true), // found: exit 0
      cmd('printf "a\\nb\\n" | grep zzz', false), // same search, no attribute: a failure as before
      cmd('grep zzz /nonexistent/riskctl-no-such-file', true), // grep's error: exit 2
      cmd('cat /nonexistent/riskctl-no-such-file | grep zzz', true), // exit 1, but an earlier stage spoke: not a clean no-match
      cmd('exit_one() { return 1; }; exit_one', true), // not a grep search (flag set by hand): exit 1 with no output still fails
    ]);
    expect(recs.map((r) => [r.exitCode, r.noMatch ?? false, commandFailed(r)])).toEqual([
      [1, true, false],
      [0, false, false],
      [1, false, true],
      [2, false, true],
      [1, false, true],
      [1, false, true],
    ]);
    expect(recs[4]!.output).toContain('No such file');
  });
});
