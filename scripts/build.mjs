// Bundles the bin into one production file: module resolution dominates start-up,
// and React's development build is much slower.
// ssh2 (optional native crypto) stays external and is loaded only when a host needs it.
// One file, not chunks: esbuild's code splitting measured no faster here (each
// chunk is one more module to load), and yoga's top-level await across chunk
// cycles made the evaluation order vary from start to start.
import { build } from 'esbuild';
import { statSync, readdirSync, chmodSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { shrinkYogaMemory } from './yogaMemory.mjs';

const out = process.env.RISKCTL_BUILD_OUT || 'dist/riskctl.mjs';
// dockerode, bundled on its own beside the bin and import()ed on first use of Docker.
const dockerodeOut = join(dirname(out), 'riskctl-dockerode.cjs');

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
    if (Math.min(statSync(out).mtimeMs, statSync(dockerodeOut).mtimeMs) > Math.max(newest('src'), statSync('package.json').mtimeMs)) process.exit(0);
  } catch {
    /* no bundle yet */
  }
}

let swappedOutput = false;
let swappedSanitize = false;
let swappedThrottle = false;
await build({
  entryPoints: ['src/app/main.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Node 20 has the regexp v flag and property escapes; esbuild would otherwise turn
  // string-width's /…/v literals into new RegExp(…), parsed eagerly at start
  // (\p{RGI_Emoji} alone ~10 ms) instead of on first use.
  supported: { 'regexp-set-notation': true, 'regexp-unicode-property-escapes': true },
  minify: !process.env.RISKCTL_NO_MINIFY,
  sourcemap: false,
  legalComments: 'none',
  define: {
    'process.env.NODE_ENV': '"production"',
    __RISKCTL_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
  },
  // systeminformation (a third of the bundle, for local hosts only) is import()ed on first need.
  external: ['ssh2', 'cpu-features', 'node-pty', 'pg-native', 'dockerode', 'pg', 'systeminformation'],
  banner: {
    // V8 flags, before any of our code runs (docs/rendering.md). The
    // cockpit runs a frame every refresh; at V8's default budget the optimizing
    // compiler kept recompiling that path on background threads (a third of idle
    // CPU), while a log flood still crosses the raised budget within moments.
    // V8's memory reducer, once the process goes quiet, runs two full GCs where
    // the second frees nothing here (12.7 → 12.6 MB): one does the shrinking.
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; import { setFlagsFromString as __v8flags } from 'node:v8'; __v8flags('--interrupt-budget=1000000'); __v8flags('--memory-reducer-single-gc'); const require = __cr(import.meta.url);",
  },
  // Ink's devtools hook imports react-devtools-core statically, but only runs it
  // under DEV=true; a stub keeps the production bundle free of it.
  plugins: [
    {
      // src/services/docker/dockerClient.ts imports 'dockerode'; the bin imports the bundle built below.
      name: 'dockerode-beside',
      setup(b) {
        b.onResolve({ filter: /^dockerode$/ }, (a) => (a.kind === 'dynamic-import' ? { path: `./${basename(dockerodeOut)}`, external: true } : undefined));
      },
    },
    {
      // Ink's per-frame Output rebuilt every cell of the screen; ours caches rows
      // across frames (src/app/ink/rowCachedOutput.ts, checked against Ink's own).
      name: 'row-cached-output',
      setup(b) {
        b.onResolve({ filter: /^\.\/output\.js$/ }, (a) => {
          if (!/[\\/]ink[\\/]build[\\/]renderer\.js$/.test(a.importer)) return undefined;
          swappedOutput = true;
          return { path: join(process.cwd(), 'src/app/ink/rowCachedOutput.ts') };
        });
      },
    },
    {
      // Ink's throttles armed a timer at every frame, two wakeups of an idle
      // cockpit for nothing (src/app/ink/idleThrottle.ts).
      name: 'idle-throttle',
      setup(b) {
        b.onResolve({ filter: /^es-toolkit\/compat$/ }, (a) => {
          if (!/[\\/]ink[\\/]build[\\/]ink\.js$/.test(a.importer)) return undefined;
          swappedThrottle = true;
          return { path: join(process.cwd(), 'src/app/ink/idleThrottle.ts') };
        });
      },
    },
    {
      // Ink re-sanitizes every text node's codes at every frame; the same strings each time.
      name: 'memo-sanitize-ansi',
      setup(b) {
        b.onResolve({ filter: /^\.\/sanitize-ansi\.js$/ }, (a) => {
          if (!/[\\/]ink[\\/]build[\\/]squash-text-nodes\.js$/.test(a.importer)) return undefined;
          swappedSanitize = true;
          return { path: join(process.cwd(), 'src/app/ink/memoSanitizeAnsi.ts') };
        });
      },
    },
    {
      // yoga's Emscripten loader fetch()es its own data: URL whenever fetch
      // exists, and Node's fetch is undici, loaded on first use (~15 ms of
      // start-up). Its other loading path already checks for a data: URL; this
      // one gets the same check, so the wasm is decoded in place.
      name: 'yoga-no-fetch',
      setup(b) {
        b.onLoad({ filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (a) => {
          let src = readFileSync(a.path, 'utf8');
          const edits = [
            ['"function"!=typeof fetch?Promise.resolve()', '"function"!=typeof fetch||ua(H)?Promise.resolve()'],
            // Node's atob and a byte loop over 93 KB of base64: ~2 ms; Buffer's decoder: ~0.3.
            ['var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c', 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))'],
          ];
          for (const [from, to] of edits) {
            if (src.split(from).length !== 2) throw new Error('build: yoga-layout changed its wasm loader; revisit the yoga-no-fetch plugin');
            src = src.replace(from, to);
          }
          // And its memory starts at 1 MB, not 16 (scripts/yogaMemory.mjs).
          return { contents: shrinkYogaMemory(src), loader: 'js' };
        });
      },
    },
    {
      // One string-width for the whole bundle. wrap-ansi (Ink's wrapping) pins
      // 7.x, which runs every string through Intl.Segmenter and a 14 KB emoji
      // regex; Ink measures with 8.x, whose answers are the same or better and
      // which returns printable ASCII at once. Measuring and wrapping with one
      // function also keeps them from disagreeing about a width.
      name: 'one-string-width',
      setup(b) {
        const top = join(process.cwd(), 'node_modules/string-width/index.js');
        b.onResolve({ filter: /^string-width$/ }, () => ({ path: top }));
        // And a faster one: the cockpit's own glyphs skip the grapheme loop
        // (src/app/ink/narrowText.ts), and the Intl.Segmenter (~7 ms) is made
        // on first need, not at start.
        b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, (a) => {
          if (a.path !== top) return undefined;
          let src = readFileSync(a.path, 'utf8');
          const edits = [
            ['const segmenter = new Intl.Segmenter();', 'let segmenterMade; const segmenter = { segment: (s) => (segmenterMade ??= new Intl.Segmenter()).segment(s) };'],
            ['\tif (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n', '\tif (/^[\\u0020-\\u007E]*$/.test(string)) {\n\t\treturn string.length;\n\t}\n\tconst narrow = narrowTextWidth(string, options);\n\tif (narrow !== undefined) {\n\t\treturn narrow;\n\t}\n'],
          ];
          for (const [from, to] of edits) {
            if (src.split(from).length !== 2) throw new Error(`build: string-width changed (${from.slice(0, 40)}…); revisit the one-string-width plugin`);
            src = src.replace(from, to);
          }
          src = `import { narrowTextWidth } from ${JSON.stringify(join(process.cwd(), 'src/app/ink/narrowText.ts'))};\n${src}`;
          return { contents: src, loader: 'js', resolveDir: dirname(a.path) };
        });
      },
    },
    {
      // slice-ansi and ansi-tokenize each made an Intl.Segmenter when they
      // loaded and ran every string through it, escape runs included: ~6 ms
      // of every start, before the first frame. src/app/ink/lazySegmenter.ts
      // splits ASCII itself and makes the segmenter on first need.
      name: 'lazy-segmenters',
      setup(b) {
        const lazy = [
          // slice-ansi (cli-truncate's, Ink's truncation)
          [/[\\/]node_modules[\\/]slice-ansi[\\/]tokenize-ansi\.js$/, 'const GRAPHEME_SEGMENTER = ', "new Intl.Segmenter(undefined, {granularity: 'grapheme'})"],
          // ansi-tokenize (the row builder's tokenizer for wide text)
          [/[\\/]node_modules[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/, 'const segmenter = ', 'new Intl.Segmenter(undefined, { granularity: "grapheme" })'],
        ];
        for (const [filter, decl, make] of lazy) {
          b.onLoad({ filter }, (a) => {
            const from = `${decl}${make};`;
            const src = readFileSync(a.path, 'utf8');
            if (src.split(from).length !== 2) throw new Error(`build: ${a.path} changed how it makes its segmenter; revisit the lazy-segmenters plugin`);
            const to = `import { lazyGraphemeSegmenter } from ${JSON.stringify(join(process.cwd(), 'src/app/ink/lazySegmenter.ts'))};\n${decl}lazyGraphemeSegmenter();`;
            return { contents: src.replace(from, to), loader: 'js', resolveDir: dirname(a.path) };
          });
        }
      },
    },
    {
      name: 'no-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'stub', namespace: 'no-devtools' }));
        // Its window polyfill pulls in ws (~50 KB parsed at every start for nothing).
        b.onResolve({ filter: /^\.\/devtools\.js$/ }, (a) => (/[\\/]ink[\\/]build[\\/]/.test(a.importer) ? { path: 'stub', namespace: 'no-devtools' } : undefined));
        b.onLoad({ filter: /.*/, namespace: 'no-devtools' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };' }));
      },
    },
  ],
  logLevel: 'warning',
});
// An Ink upgrade that moves its Output must fail the build, not silently drop the swap.
if (!swappedSanitize) throw new Error("build: Ink's squash-text-nodes no longer imports ./sanitize-ansi.js; revisit src/app/ink/memoSanitizeAnsi.ts");
if (!swappedThrottle) throw new Error("build: Ink no longer imports its throttle from es-toolkit/compat; revisit src/app/ink/idleThrottle.ts");
if (!swappedOutput) throw new Error("build: Ink's renderer no longer imports ./output.js; revisit src/app/ink/rowCachedOutput.ts");
// One character past Latin-1 anywhere (a '✘' in a regex literal, which esbuild
// leaves as it is) makes V8 keep the whole bundle's source as a two-byte
// string: 2 MB of heap instead of 1, and a slower scan at every start.
{
  const src = readFileSync(out, 'utf8');
  const at = src.search(/[^\u0000-\u00ff]/u);
  if (at !== -1) throw new Error(`build: the bundle has a character past Latin-1 (${JSON.stringify(src.slice(Math.max(0, at - 40), at + 10))}); write it as a \\u escape`);
}
chmodSync(out, 0o755);

// dockerode's BuildKit sessions (gRPC, protobufjs) and build contexts (tar-fs,
// dockerignore) load at its start: ~55 ms and ~3.4 MB of live heap for a
// cockpit that never builds an image (lists, events, inspect, stats, logs,
// restart/stop/start). Bundled with those stubbed: ~12 ms and 0.2 MB.
const notOurs = ['@grpc/grpc-js', '@grpc/proto-loader', 'protobufjs', 'tar-fs', '@balena/dockerignore'];
const stubbedFrom = new Set();
await build({
  entryPoints: ['node_modules/dockerode/lib/docker.js'],
  outfile: dockerodeOut,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: !process.env.RISKCTL_NO_MINIFY,
  legalComments: 'none',
  // The bin's ssh2, so both share one copy (docker-modem requires it for a mode riskctl does not use).
  external: ['ssh2', 'cpu-features'],
  plugins: [
    {
      name: 'dockerode-without-builds',
      setup(b) {
        b.onResolve({ filter: new RegExp(`^(${notOurs.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})$`) }, (a) => {
          stubbedFrom.add(`${basename(a.importer)}:${a.path}`);
          return { path: a.path, namespace: 'not-in-riskctl' };
        });
        b.onLoad({ filter: /.*/, namespace: 'not-in-riskctl' }, (a) => ({
          contents: `module.exports = new Proxy({}, { get(_, k) { if (k === '__esModule') return false; throw new Error(${JSON.stringify(`${a.path} is not part of riskctl (Docker image builds are not supported)`)}); } });`,
          loader: 'js',
        }));
      },
    },
    {
      // docker-modem formats every request's options with util.inspect (whole
      // depth, hidden properties, the abort signal) for a debug line that is
      // off: ~0.3 ms a call, and the cockpit makes calls every refresh. It is
      // formatted only when that debug output is on.
      name: 'modem-lazy-debug',
      setup(b) {
        b.onLoad({ filter: /[\\/]node_modules[\\/]docker-modem[\\/]lib[\\/]modem\.js$/ }, (a) => {
          const from = "debug('Sending: %s', util.inspect(options, {";
          const src = readFileSync(a.path, 'utf8');
          if (src.split(from).length !== 2) throw new Error('build: docker-modem changed its request debug line; revisit the modem-lazy-debug plugin');
          return { contents: src.replace(from, "debug.enabled && debug('Sending: %s', util.inspect(options, {"), loader: 'js', resolveDir: dirname(a.path) };
        });
      },
    },
  ],
  logLevel: 'warning',
});
// A dockerode that starts using these elsewhere must fail the build, not throw at run time.
const expected = ['session.js:@grpc/grpc-js', 'session.js:@grpc/proto-loader', 'buildkit.js:protobufjs', 'util.js:tar-fs', 'util.js:@balena/dockerignore'];
if ([...stubbedFrom].sort().join() !== expected.sort().join()) throw new Error(`build: dockerode's use of ${notOurs.join(', ')} changed (${[...stubbedFrom].join(', ')}); revisit the dockerode-without-builds plugin`);
