// The bench's way to run src/ as it stands: the named exports, bundled from
// the TypeScript sources by esbuild into a temporary module and imported.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * @param {string[]} exports export lines, paths relative to the repository (`export { x } from './src/…';`)
 * @param {import('esbuild').BuildOptions} [options] more of esbuild's options (JSX, defines, externals)
 * @returns {Promise<Record<string, any>>} the bundle's exports
 */
export async function importFromSource(exports, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'riskctl-bench-'));
  const out = join(dir, 'bundle.mjs');
  try {
    await build({
      stdin: { contents: exports.join('\n'), resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: out,
      logLevel: 'error',
      ...options,
    });
    return await import(pathToFileURL(out).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
