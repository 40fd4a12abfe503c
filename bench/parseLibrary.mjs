// node bench/parseLibrary.mjs: how the library parser scales, as ratios from
// one run (the machine is shared; absolute times mean little).
//  - the seed: the library parse beside a bare Markdown parse of the same text
//    (the parser's own work on top of micromark's);
//  - generated libraries of 1 000 … 8 000 small procedures (~1 MB at 8 000):
//    CPU time per procedure at each size. A linear parser keeps it flat: the
//    figure at 8 000 over the one at 1 000 is ~1 (it would be ~8 if quadratic).
// The parser is bundled from src/ with esbuild, so the figures are the code as it stands.
import { readFileSync } from 'node:fs';
import { importFromSource } from './importFromSource.mjs';

const { libraryFromTexts, fromMarkdown, gfm, gfmFromMarkdown } = await importFromSource([
  "export { libraryFromTexts } from './src/services/procedures/loadLibrary';",
  "export { fromMarkdown } from 'mdast-util-from-markdown';",
  "export { gfm } from 'micromark-extension-gfm';",
  "export { gfmFromMarkdown } from 'mdast-util-gfm';",
]);

/** One small procedure (~130 bytes): two steps, the second a branch. */
function procedure(i) {
  return `### GN-${String(i).padStart(4, '0')}: Check ${i}\n\n**Procedure:**\n\n1. **Look**\n   \`\`\`bash\n   docker ps\n   \`\`\`\n\n2. **Fix (if needed)**\n   - Restart it\n\n`;
}

/** Best CPU time of three runs, in ms (CPU, not wall: other processes' load stays out). */
function cpuMs(f) {
  let best = Infinity;
  let result;
  for (let k = 0; k < 3; k++) {
    const c0 = process.cpuUsage();
    result = f();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
  }
  return { ms: best, result };
}

const seedFile = 'test/fixtures/procedures/ops-procedures-library.md';
const seedText = readFileSync(seedFile, 'utf8');
const seed = cpuMs(() => libraryFromTexts([{ file: seedFile, text: seedText }]).procedures.length);
const bare = cpuMs(() => fromMarkdown(seedText, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }));
console.log(
  `seed: ${seed.result} procedures in ${seed.ms.toFixed(0)} ms CPU; a bare Markdown parse of it ${bare.ms.toFixed(0)} ms (ratio ${(seed.ms / bare.ms).toFixed(2)})`,
);

const rows = [];
for (const n of [1000, 2000, 4000, 8000]) {
  const text = `# Generated\n\n## Generated\n\n${Array.from({ length: n }, (_, i) => procedure(i + 1)).join('')}`;
  const r = cpuMs(() => libraryFromTexts([{ file: `generated-${n}.md`, text }]).procedures.length);
  rows.push({ n, perProcedure: r.ms / r.result });
  console.log(`${n} procedures, ${(text.length / 1e6).toFixed(2)} MB: ${r.ms.toFixed(0)} ms CPU, ${((r.ms / r.result) * 1000).toFixed(0)} µs per procedure`);
}
console.log(`CPU per procedure at 8 000 / at 1 000: ${(rows.at(-1).perProcedure / rows[0].perProcedure).toFixed(2)} (1 is linear; 8 would be quadratic)`);
