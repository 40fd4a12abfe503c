// Bundles the bin into one production file: module resolution dominates start-up
// (DESIGN.md, start-up facts), and React's development build is much slower.
// ssh2 (optional native crypto) stays external and is loaded only when a host needs it.
import { build } from 'esbuild';
import { statSync, readdirSync, chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const out = 'dist/riskctl.mjs';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (process.argv.includes('--if-stale')) {
  try {
    if (statSync(out).mtimeMs > Math.max(newest('src'), statSync('package.json').mtimeMs)) process.exit(0);
  } catch {
    /* no bundle yet */
  }
}

await build({
  entryPoints: ['src/app/main.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: !process.env.RISKCTL_NO_MINIFY,
  sourcemap: false,
  legalComments: 'none',
  define: {
    'process.env.NODE_ENV': '"production"',
    __RISKCTL_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
  },
  external: ['ssh2', 'cpu-features', 'node-pty', 'pg-native', 'dockerode', 'pg'],
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  // Ink's devtools hook imports react-devtools-core statically, but only runs it
  // under DEV=true; a stub keeps the production bundle free of it.
  plugins: [
    {
      name: 'no-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'stub', namespace: 'no-devtools' }));
        b.onLoad({ filter: /.*/, namespace: 'no-devtools' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
      },
    },
  ],
  logLevel: 'warning',
});
chmodSync(out, 0o755);
