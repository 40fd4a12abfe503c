// Bundles the bin into production files: loading a few files is quicker than
// resolving and reading hundreds of modules, and React's development build is
// much slower. Dependencies go in as they are published: nothing here edits or
// swaps a dependency's source (a change to one is a reviewed diff under
// patches/, applied on install).
//
// Four files: the bin (src/launch/riskctl.ts), and the app as three scripts
// the bin compiles through node:vm with V8's code cache. The first,
// riskctl-app.js, is what the cockpit's first frame needs (the CLI, the
// config's text, the plain first frame) and the headless commands; the
// config's check, riskctl-config.js (the YAML parser, the zod schema, the
// OpenSSH client config's reader), is compiled only when a config is checked
// (one whose check is not kept: src/app/checkedConfigCache.ts); the second,
// riskctl-cockpit.js (runCockpit: hosts, services, Ink, React, the screens),
// is compiled and run once that frame is out. Two scripts, not esbuild's code
// splitting: chunks are ES modules, which node:vm compiles (and caches) only
// behind Node's experimental flag, and yoga's top-level await across chunk
// cycles made the evaluation order vary from start to start.
import { build } from 'esbuild';
import { statSync, readdirSync, chmodSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';

const out = process.env.RISKCTL_BUILD_OUT || 'dist/riskctl.mjs';
const appOut = join(dirname(out), 'riskctl-app.js');
const cockpitOut = join(dirname(out), 'riskctl-cockpit.js');
const configOut = join(dirname(out), 'riskctl-config.js');

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
    const built = Math.min(...[out, appOut, cockpitOut, configOut].map((f) => statSync(f).mtimeMs));
    if (built > Math.max(newest('src'), statSync('package.json').mtimeMs, statSync('scripts/build.mjs').mtimeMs)) process.exit(0);
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

// Modules both scripts use whose one instance matters — classes main tells
// errors apart by, the terminal's and the live store's module state, the
// config module already evaluated — are the first script's: the second takes
// them from the first when it is loaded, instead of a copy of its own. Any
// other module both use is in both, evaluated in each.
const SHARED = [
  'src/app/args.ts',
  'src/app/resolveConfig.ts',
  'src/app/terminal.ts',
  'src/hosts/ConfigError.ts',
  'src/hosts/Host.ts',
  'src/services/liveStore.ts',
];
const sharedPaths = new Map(SHARED.map((p) => [resolvePath(p), p]));

// In the first script, startCockpit's import('./runCockpit') calls the bin's
// loader of the second script with the shared modules.
const cockpitThroughLoader = {
  name: 'cockpit-through-loader',
  setup(b) {
    b.onResolve({ filter: /^\.\/runCockpit$/ }, (a) =>
      a.importer.endsWith(join('src', 'app', 'startCockpit.ts')) ? { path: 'runCockpit', namespace: 'cockpit-loader' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'cockpit-loader' }, () => ({
      resolveDir: process.cwd(),
      loader: 'js',
      contents: [
        ...SHARED.map((p, i) => `import * as s${i} from ${JSON.stringify(`./${p}`)};`),
        `const shared = {${SHARED.map((p, i) => `${JSON.stringify(p)}: s${i}`).join(', ')}};`,
        'export const runCockpit = async (...a) => (await __riskctlLoadCockpit(shared)).runCockpit(...a);',
      ].join('\n'),
    }));
  },
};

// In the first script, resolveConfig's import('../hosts/loadConfig') and
// import('../hosts/sshConfigHosts') call the bin's loader of the config's
// check (a plain function, compiled and run at its first call) with the
// shared modules.
const CONFIG_CHECK = { '../hosts/loadConfig': 'parseConfig', '../hosts/sshConfigHosts': 'mergeSshConfigHosts' };
const configCheckThroughLoader = {
  name: 'config-check-through-loader',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/hosts\/(loadConfig|sshConfigHosts)$/ }, (a) =>
      a.importer.endsWith(join('src', 'app', 'resolveConfig.ts')) && a.kind === 'dynamic-import'
        ? { path: a.path, namespace: 'config-check-loader' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'config-check-loader' }, (a) => ({
      resolveDir: process.cwd(),
      loader: 'js',
      contents: [
        ...SHARED.map((p, i) => `import * as s${i} from ${JSON.stringify(`./${p}`)};`),
        `const shared = {${SHARED.map((p, i) => `${JSON.stringify(p)}: s${i}`).join(', ')}};`,
        `export const ${CONFIG_CHECK[a.path]} = (...a) => __riskctlLoadConfigCheck(shared).${CONFIG_CHECK[a.path]}(...a);`,
      ].join('\n'),
    }));
  },
};

// In the second and the config's scripts, the shared modules are the first's. Only a relative
// import whose last part is a shared module's name (`../hosts/Host`,
// `./liveStore.js`) is resolved here: each one esbuild hands to a plugin is a
// round trip to this process, and the cockpit has thousands of relative
// imports (Ink's, React's, the app's).
const sharedNames = [...new Set(SHARED.map((p) => basename(p).replace(/\.tsx?$/, '')))];
const sharedFilter = new RegExp(`^\\.\\.?/(?:.*/)?(?:${sharedNames.join('|')})(?:\\.[cm]?[jt]sx?)?$`);
const sharedFromFirst = {
  name: 'shared-from-first',
  setup(b) {
    b.onResolve({ filter: sharedFilter }, async (a) => {
      if (a.pluginData?.sharedCheck) return undefined;
      const r = await b.resolve(a.path, { kind: a.kind, importer: a.importer, resolveDir: a.resolveDir, pluginData: { sharedCheck: true } });
      const key = sharedPaths.get(r.path);
      return key ? { path: key, namespace: 'shared' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'shared' }, (a) => ({ contents: `module.exports = __riskctlShared[${JSON.stringify(a.path)}];`, loader: 'js' }));
  },
};

const appOptions = {
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
  footer: { js: '})' },
  logLevel: 'warning',
  metafile: true,
};

/** One script: `contents` bundled into `outfile`, its body a function of `params` (async unless `sync`). */
const buildScript = ({ contents, sourcefile, outfile, plugins, params, sync = false }) =>
  build({
    ...appOptions,
    stdin: { contents, resolveDir: process.cwd(), sourcefile, loader: 'ts' },
    outfile,
    plugins,
    banner: { js: `(${sync ? '' : 'async '}function (${params.join(', ')}) {"use strict";` },
  });

// The first script: (require, its own URL, what to call once the first frame
// is out, the loader of the second script, where the config checked last is
// kept and by which build — undefined without caches —, the loader of the
// config's check).
const first = await buildScript({
  contents: "import './src/app/main.ts';",
  sourcefile: 'riskctl-app.ts',
  outfile: appOut,
  plugins: [builtinsThroughRequire, cockpitThroughLoader, configCheckThroughLoader],
  params: ['require', '__riskctlAppUrl', '__riskctlStarted', '__riskctlLoadCockpit', '__riskctlConfigCache', '__riskctlLoadConfigCheck'],
});
// The config's check: (require, its URL, the shared modules, the object that
// receives parseConfig and mergeSshConfigHosts), run at once.
await buildScript({
  contents: [
    "import { parseConfig } from './src/hosts/loadConfig.ts';",
    "import { mergeSshConfigHosts } from './src/hosts/sshConfigHosts.ts';",
    '__riskctlExports.parseConfig = parseConfig;',
    '__riskctlExports.mergeSshConfigHosts = mergeSshConfigHosts;',
  ].join('\n'),
  sourcefile: 'riskctl-config.ts',
  outfile: configOut,
  plugins: [builtinsThroughRequire, sharedFromFirst],
  params: ['require', '__riskctlAppUrl', '__riskctlShared', '__riskctlExports'],
  sync: true,
});
// The second: (require, its URL, what to call once Ink's first frame is out,
// the shared modules, the object that receives runCockpit).
await buildScript({
  contents: "import { runCockpit } from './src/app/runCockpit.tsx'; __riskctlExports.runCockpit = runCockpit;",
  sourcefile: 'riskctl-cockpit.ts',
  outfile: cockpitOut,
  plugins: [builtinsThroughRequire, sharedFromFirst],
  params: ['require', '__riskctlAppUrl', '__riskctlStarted', '__riskctlShared', '__riskctlExports'],
});
// Ink, React and yoga are the second script's alone, the YAML parser, zod and
// ssh-config the config check's: in the first they would be compiled before the first frame.
const LATE = ['node_modules/ink/', 'node_modules/react/', 'node_modules/yoga-layout/', 'src/app/runCockpit.tsx'];
for (const late of [...LATE, 'node_modules/yaml/', 'node_modules/zod/', 'node_modules/ssh-config/', 'src/hosts/configSchema.ts']) {
  if (Object.keys(first.metafile.inputs).some((p) => p.startsWith(late) || p.includes(`/${late}`)))
    throw new Error(`build: ${late} is in ${appOut}, the script before the first frame`);
}

// One character past Latin-1 anywhere (a '✘' in a regex literal, which esbuild
// leaves as it is) makes V8 keep a whole script's source as a two-byte
// string: twice the heap, and a slower scan at every start. (Unminified
// builds keep comments, which may have any character.) An all-ASCII script
// (esbuild escapes what is not, but for regex literals and comments) is read
// by the bin as Latin-1, the same string without UTF-8 decoding.
function scriptFacts(file) {
  const bytes = readFileSync(file);
  if (!process.env.RISKCTL_NO_MINIFY) {
    const src = bytes.toString('utf8');
    let at = 0;
    while (at < src.length && src.charCodeAt(at) <= 0xff) at++;
    if (at < src.length)
      throw new Error(`build: ${file} has a character past Latin-1 (${JSON.stringify(src.slice(Math.max(0, at - 40), at + 10))}); write it as a \\u escape`);
  }
  return { ascii: bytes.every((b) => b < 0x80), hash: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
}
const app = scriptFacts(appOut);
const cockpit = scriptFacts(cockpitOut);
const configCheck = scriptFacts(configOut);

// The bin: runs the app's scripts through node:vm with V8's code cache, keyed by each script's hash.
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
    __RISKCTL_APP_ASCII__: JSON.stringify(app.ascii),
    __RISKCTL_APP_HASH__: JSON.stringify(app.hash),
    __RISKCTL_COCKPIT_ASCII__: JSON.stringify(cockpit.ascii),
    __RISKCTL_COCKPIT_HASH__: JSON.stringify(cockpit.hash),
    __RISKCTL_CONFIG_ASCII__: JSON.stringify(configCheck.ascii),
    __RISKCTL_CONFIG_HASH__: JSON.stringify(configCheck.hash),
  },
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
chmodSync(out, 0o755);
