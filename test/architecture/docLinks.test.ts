import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const docs = ['README.md', 'lab/README.md', 'bench/README.md', ...readdirSync(join(root, 'docs')).map((f) => `docs/${f}`)].filter((f) => f.endsWith('.md'));

/** Relative link targets of a Markdown file: `[text](path#anchor)`, without URLs or in-page anchors. */
function relativeTargets(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = (m[1] ?? '').split('#')[0] ?? '';
    if (target === '' || /^[a-z]+:/i.test(target)) continue;
    out.push(target);
  }
  return out;
}

describe('documentation links', () => {
  it.each(docs)('%s cites only files that exist', (doc) => {
    const text = readFileSync(join(root, doc), 'utf8');
    const missing = relativeTargets(text).filter((t) => !existsSync(join(root, dirname(doc), t)));
    expect(missing).toEqual([]);
  });

  it('finds the links it checks', () => {
    expect(relativeTargets('see [a](docs/a.md#x), [b](https://x.org), [c](#here)')).toEqual(['docs/a.md']);
  });
});
