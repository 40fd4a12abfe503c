// npm run docs:keys: writes the key table rendered from the keymap's BINDINGS
// (src/screens/keyTable.ts) into README.md between its markers.
// test/screens/keyTable.test.ts fails while the two differ.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = join(root, 'README.md');

// The keymap is TypeScript: esbuild turns it into one ES module in memory.
const bundled = await build({
  entryPoints: [join(root, 'src/screens/keyTable.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  logLevel: 'error',
});
const { renderKeyTable, replaceKeyTable } = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);

const before = readFileSync(readme, 'utf8');
const after = replaceKeyTable(before, renderKeyTable());
if (after === before) {
  console.log('README.md: the key table is up to date');
} else {
  writeFileSync(readme, after);
  console.log('README.md: key table rewritten from BINDINGS');
}
