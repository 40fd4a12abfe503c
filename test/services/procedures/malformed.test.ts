/** A library riskctl cannot read is refused with file:line, never a crash. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LibraryError } from '../../../src/services/procedures/LibraryError';
import { loadLibrary } from '../../../src/services/procedures/loadLibrary';
import { parseLibrary } from '../../../src/services/procedures/parseLibrary';

const F = 'lib.md';
const head = '## Ops\n\n### OP-001: Thing\n\n**Procedure:**\n\n1. **Step**\n';

function problem(text: string): string {
  try {
    parseLibrary(text, F);
  } catch (e) {
    expect(e).toBeInstanceOf(LibraryError);
    return (e as Error).message;
  }
  throw new Error('parsed without a problem');
}

describe('malformed libraries', () => {
  it.each([
    ['no procedures', '# Notes\n\nnothing here\n', 'lib.md:1: no procedures found'],
    ['a heading that misses the colon', '## Ops\n\n### OP-001 Thing\n', 'lib.md:3: "OP-001 Thing" looks like a procedure heading'],
    ['the same ID twice', `${head}\n### OP-001: Again\n`, 'lib.md:9: OP-001 is defined twice (first at lib.md:3)'],
    ['an unclosed fence', `${head}   \`\`\`bash\n   ls\n`, 'lib.md:8: this code fence is never closed'],
    ['an unknown attribute', `${head}   \`\`\`bash {rsik=mutating}\n   ls\n   \`\`\`\n`, 'lib.md:8: fence: unknown fence attribute "rsik"'],
    ['an unterminated quote, at its line', `${head}   \`\`\`bash\n   ls\n   psql -c "SELECT 1;\n   \`\`\`\n`, 'lib.md:10: unterminated " quote'],
    ['a here-document never closed', `${head}   \`\`\`bash\n   cat > f << EOF\n   body\n   \`\`\`\n`, 'lib.md:9: here-document <<EOF is never closed'],
    ['an unterminated SQL string', `${head}   \`\`\`sql\n   SELECT 1;\n   SELECT 'x;\n   \`\`\`\n`, 'lib.md:10: unterminated string literal'],
    ['a param annotation with no placeholder', `${head}   \`\`\`bash {param.email=email}\n   ls\n   \`\`\`\n`, 'lib.md:8: fence: param.email names no [email] placeholder'],
    ['contradicting parameter types', `${head}   \`\`\`bash {param.who=email}\n   echo [who]\n   \`\`\`\n2. **Two**\n   \`\`\`bash {param.who=text}\n   echo [who]\n   \`\`\`\n`, 'lib.md:12: OP-001: param.who=text contradicts param.who=email at line 8'],
    ['evidence for several statements', `${head}   \`\`\`sql {evidence=x.csv}\n   SELECT 1;\n   SELECT 2;\n   \`\`\`\n`, 'lib.md:8: fence: evidence= saves one result'],
    ['a step numbered twice', `${head}   \`\`\`bash\n   ls\n   \`\`\`\n\n**More:**\n\n1. **Again**\n`, 'lib.md:14: step 1 is numbered twice in OP-001'],
    ['a binary file', 'abc\0def', 'lib.md: not a text file'],
  ])('%s', (_name, text, message) => {
    expect(problem(text)).toContain(message);
  });

  it('survives odd but valid Markdown', () => {
    const odd = '## Ops\n\n### OP-001: T\n\n```bash\nls\n```\n\n> quote [x](#nowhere)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n### OP-002: U\n\n1. plain step without bold\n   - [x] done item\n\n#### Notes\ntext\n\n## Summary\n### Not a procedure\n';
    const [a, b] = parseLibrary(odd, F);
    expect(a!.steps.map((s) => [s.number, s.title])).toEqual([[1, 'Procedure']]);
    expect(a!.links).toEqual([expect.objectContaining({ target: 'nowhere', procedure: null })]);
    expect(b!.steps[0]!.title).toBe('plain step without bold');
    expect(b!.sections.map((s) => s.label)).toEqual(['Procedure', 'Notes']);
  });

  it('names missing and unreadable files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'riskctl-lib-'));
    expect(() => loadLibrary([join(dir, 'nope.md')])).toThrow(`${join(dir, 'nope.md')}: no such file`);
    expect(() => loadLibrary([dir])).toThrow(`${dir}: is a folder`);
    writeFileSync(join(dir, 'a.md'), '## A\n\n### AA-001: First\n');
    writeFileSync(join(dir, 'b.md'), '## B\n\n### AA-001: Replaced\n### BB-001: Other\n');
    const lib = loadLibrary([join(dir, 'a.md'), join(dir, 'b.md')]);
    expect(lib.procedures.map((p) => [p.id, p.title])).toEqual([
      ['AA-001', 'Replaced'],
      ['BB-001', 'Other'],
    ]);
    expect(lib.notes).toEqual([`AA-001 from ${join(dir, 'b.md')}:3 replaces the one at ${join(dir, 'a.md')}:3`]);
  });
});
