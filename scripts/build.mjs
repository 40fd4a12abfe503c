// Bundles the bin into one production file: loading one file is quicker than
// resolving and reading hundreds of modules, and React's development build is
// much slower. Dependencies go in as they are published: nothing here edits or
// swaps a dependency's source (a change to one is a reviewed diff under
// patches/, applied on install).
// One file, not chunks: esbuild's code splitting measured no faster here (each
// chunk is one more module to load), and yoga's top-level await across chunk
// cycles made the evaluation order vary from start to start.
import { build } from 'esbuild';
import { statSync, readdirSync, chmodSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';

const out = process.env.RISKCTL_BUILD_OUT || 'dist/riskctl.mjs';
const appOut = join(dirname(out), 'riskctl-app.js');

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
    if (Math.min(statSync(out).mtimeMs, statSync(appOut).mtimeMs) > Math.max(newest('src'), statSync('package.json').mtimeMs)) process.exit(0);
  } catch {
    /* no bundle yet */
  }
}

// Node's builtins, reached through require() rather than import statements,
// so the app bundle is a plain script that node:vm can compile with V8's code
// cache (src/launch/codeCache.ts).
const builtins = new RegExp(`^(node:)?(${builtinModules.map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})$`);
const builtinsThroughRequire = {
  name: 'builtins-through-require',
  setup(b) {
    b.onResolve({ filter: builtins }, (a) => (a.kind === 'import-statement' ? { path: a.path, namespace: 'builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (a) => ({ contents: `module.exports = require(${JSON.stringify(a.path)});`, loader: 'js' }));
  },
};

// The app: one script whose body is an async function of (require, its own
// URL, what to call once the cockpit's first frame is out), run by the bin.
await build({
  stdin: { contents: "import './src/app/main.ts';", resolveDir: process.cwd(), sourcefile: 'riskctl-app.ts', loader: 'ts' },
  outfile: appOut,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Node 20 has the regexp v flag and property escapes; esbuild would otherwise
  // turn such /…/v literals into new RegExp(…), parsed eagerly at start instead
  // of on first use. import() becomes a require() in a promise: the script runs
  // through node:vm, where import() needs Node's experimental module loader
  // (and its warning on every start).
  supported: { 'regexp-set-notation': true, 'regexp-unicode-property-escapes': true, 'dynamic-import': false },
  minify: !process.env.RISKCTL_NO_MINIFY,
  sourcemap: false,
  legalComments: 'none',
  define: {
    'process.env.NODE_ENV': '"production"',
    'import.meta.url': '__riskctlAppUrl',
    __RISKCTL_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
  },
  // Loaded from node_modules on first need, so a start-up that does not use
  // them never reads them: ssh2 (optional native crypto) on the first connect,
  // dockerode on the first Docker call, pg on the first database query,
  // systeminformation (a third of the bundle, local hosts only) on the first
  // local poll. Ink's ./devtools.js (React DevTools, and the WebSocket client
  // it needs) is imported only under DEV=true; left out of the bundle, that
  // import fails as Ink expects when react-devtools-core is not installed, and
  // Ink prints how to install it.
  external: ['ssh2', 'cpu-features', 'node-pty', 'pg-native', 'dockerode', 'pg', 'systeminformation', './devtools.js'],
  plugins: [builtinsThroughRequire],
  banner: { js: '(async function (require, __riskctlAppUrl, __riskctlStarted) {"use strict";' },
  footer: { js: '})' },
  logLevel: 'warning',
});
// One character past Latin-1 anywhere (a '✘' in a regex literal, which esbuild
// leaves as it is) makes V8 keep the whole bundle's source as a two-byte
// string: twice the heap, and a slower scan at every start. (Unminified
// builds keep comments, which may have any character.)
if (!process.env.RISKCTL_NO_MINIFY) {
  const src = readFileSync(appOut, 'utf8');
  let at = 0;
  while (at < src.length && src.charCodeAt(at) <= 0xff) at++;
  if (at < src.length)
    throw new Error(`build: the bundle has a character past Latin-1 (${JSON.stringify(src.slice(Math.max(0, at - 40), at + 10))}); write it as a \\u escape`);
}

// An all-ASCII bundle (esbuild escapes what is not, but for regex literals and
// comments) is read by the bin as Latin-1, the same string without UTF-8
// decoding.
const ascii = readFileSync(appOut).every((b) => b < 0x80);

// The bin: runs the app through node:vm with V8's code cache, keyed by the app's hash.
await build({
  entryPoints: ['src/launch/riskctl.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: !process.env.RISKCTL_NO_MINIFY,
  legalComments: 'none',
  define: {
    __RISKCTL_APP_ASCII__: JSON.stringify(ascii),
    __RISKCTL_APP_HASH__: JSON.stringify(createHash('sha256').update(readFileSync(appOut)).digest('hex').slice(0, 16)),
  },
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync(out, 0o755);
