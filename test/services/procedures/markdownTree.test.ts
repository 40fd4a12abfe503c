import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { cutPoints, markdownTree, splitParts } from '../../../src/services/procedures/markdownTree';
import { seedText } from './seed';

const whole = (text: string) => fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });

describe('the library’s Markdown parsed in parts', () => {
  it('gives the seed the same tree, positions included, whatever the part size', () => {
    const text = seedText();
    const want = whole(text).children;
    for (const size of [1, 500, 4000, 16_384]) {
      const parts = splitParts(text, size);
      if (size === 1) expect(parts.length).toBe(cutPoints(text).length + 1);
      expect(markdownTree(text, size).children, `parts of ${size}`).toEqual(want);
    }
  });

  it('cuts before a heading of level 1–3 at a line start, never inside a fence or an HTML block', () => {
    const text = ['# A', 'text', '```', '## not a heading', '```', '<div>', '## inside html', '</div>', '', '### B', '    ## indented code', '#### D', '## C', '<!-- one line -->', '## E'].join('\n');
    const starts = cutPoints(text).map((c) => text.slice(c, text.indexOf('\n', c) < 0 ? undefined : text.indexOf('\n', c)));
    expect(starts).toEqual(['### B', '## C', '## E']);
    expect(markdownTree(text, 1).children).toEqual(whole(text).children);
  });

  it('parses a text with link reference definitions whole', () => {
    const text = `${'## A\n[x][ref]\n\n'.repeat(50)}## B\n\n[ref]: #somewhere\n`;
    expect(splitParts(text, 10)).toHaveLength(1);
    expect(markdownTree(text, 10).children).toEqual(whole(text).children);
  });

  it('splits a large library into parts of a bounded size: the work per part does not grow with the library', () => {
    const proc = (i: number) => `### GN-${String(i).padStart(4, '0')}: Check ${i}\n\n**Procedure:**\n\n1. **Look**\n   \`\`\`bash\n   uptime\n   \`\`\`\n\n`;
    for (const n of [1000, 8000]) {
      const text = Array.from({ length: n }, (_, i) => proc(i)).join('');
      const parts = splitParts(text);
      expect(Math.max(...parts.map((p) => p.text.length))).toBeLessThan(16_384 + 200);
      expect(parts.length).toBeGreaterThanOrEqual(Math.floor(text.length / (16_384 + 200)));
      expect(parts.map((p) => p.text).join('')).toBe(text);
    }
  });
});
