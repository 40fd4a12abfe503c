/** Fence annotations: risk raises only, unless explicitly overridden with a reason. */
import { describe, expect, it } from 'vitest';
import type { CodeBlock } from '../../../src/services/procedures/model';
import { parseLibrary } from '../../../src/services/procedures/parseLibrary';

function block(info: string, body: string): CodeBlock {
  const [p] = parseLibrary(`## Ops\n\n### OP-001: T\n\n1. **S**\n   \`\`\`${info}\n${body.replace(/^/gm, '   ')}\n   \`\`\`\n`, 'lib.md');
  return p!.steps[0]!.blocks[0] as CodeBlock;
}

describe('risk annotations', () => {
  it('raise a command above the classifier', () => {
    const c = block('bash {risk=destructive}', 'ls /opt').commands[0]!;
    expect([c.risk, c.classified.risk]).toEqual(['destructive', 'read-only']);
    expect(c.classified.reasons[0]).toBe('raised to destructive by the library');
  });

  it('never lower one without risk-override', () => {
    const c = block('bash {risk=read-only}', 'rm -rf /opt/x').commands[0]!;
    expect(c.risk).toBe('destructive');
    expect(c.classified.reasons[0]).toBe('rm removes data');
  });

  it('replace it with risk-override, keeping the reason', () => {
    const c = block('bash {risk=read-only risk-override="dry run: the script only prints"}', '/opt/tools/cleanup.sh --dry-run').commands[0]!;
    expect(c.risk).toBe('read-only');
    expect(c.classified.reasons).toEqual(['stated read-only by the library: dry run: the script only prints', 'script cleanup.sh: its name says it restores, deletes or resets']);
  });

  it('type parameters and carry the other attributes', () => {
    const b = block('bash {param.who=email timeout=1m interactive}', 'echo [who]');
    expect(b.attributes).toMatchObject({ params: { who: 'email' }, timeoutMs: 60_000, interactive: true });
    const [p] = parseLibrary('## Ops\n\n### OP-001: T\n\n1. **S**\n   ```bash {param.who=email}\n   echo [who]\n   ```\n', 'lib.md');
    expect(p!.parameters).toEqual([expect.objectContaining({ name: 'who', type: 'email', typeSource: 'annotation', env: 'RISKCTL_P_WHO' })]);
  });

  it('run sql blocks statement by statement, each with its own risk', () => {
    const b = block('sql {db=risk_platform}', "-- look first\nSELECT 1;\n\n-- then clean\nDELETE FROM t WHERE email = '[who_email]';");
    expect(b.kind).toBe('sql');
    expect(b.commands.map((c) => [c.text, c.risk, c.instructions, c.placeholders.map((p) => p.context)])).toEqual([
      ['SELECT 1;', 'read-only', ['look first'], []],
      ["DELETE FROM t WHERE email = '[who_email]';", 'destructive', ['then clean'], ['sql']],
    ]);
  });
});
