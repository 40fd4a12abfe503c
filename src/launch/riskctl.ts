/**
 * The bin: runs the app's three scripts through node:vm with V8's code cache
 * (codeCache.ts). The first, dist/riskctl-app.js, is the CLI and the
 * cockpit's start up to its first frame; dist/riskctl-config.js, the config's
 * check (YAML, the schema), is read and compiled only when the first checks a
 * config (one whose check is not kept, src/app/checkedConfigCache.ts); the
 * second, dist/riskctl-cockpit.js (Ink, React, the screens, the services), is
 * read and compiled only when the first loads it, once that frame is out
 * (scripts/build.mjs). Each has its own cache: a start without a usable one
 * compiles as usual and writes it when the start says its part is done (the
 * plain first frame, for the first script and the config's check; Ink's first
 * frame), holding what that start compiled. Headless commands use the caches
 * but never write them.
 *
 * An all-ASCII script (scripts/build.mjs tells) is read as Latin-1: the same
 * one-byte string, without UTF-8 decoding.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { cacheDir, cacheFileName, readCodeCache, writeCodeCache } from './codeCache';

declare const __RISKCTL_APP_HASH__: string;
declare const __RISKCTL_APP_ASCII__: boolean;
declare const __RISKCTL_COCKPIT_HASH__: string;
declare const __RISKCTL_COCKPIT_ASCII__: boolean;
declare const __RISKCTL_CONFIG_HASH__: string;
declare const __RISKCTL_CONFIG_ASCII__: boolean;

const dist = dirname(fileURLToPath(import.meta.url));
const useCache = !process.env.RISKCTL_NO_CODE_CACHE;

/** A script of the app compiled (from its cache when V8 takes it), and what writes its cache once. */
function compile(name: string, part: string, hash: string, ascii: boolean): { file: string; fn: unknown; started: () => void } {
  const file = join(dist, name);
  const source = readFileSync(file, ascii ? 'latin1' : 'utf8');
  const cacheFile = join(cacheDir(), cacheFileName(part, hash));
  const cachedData = useCache ? readCodeCache(cacheFile) : undefined;
  const script = new Script(source, { filename: file, cachedData });
  let stale = useCache && (cachedData === undefined || script.cachedDataRejected === true);
  const started = () => {
    if (stale) writeCodeCache(cacheFile, script.createCachedData());
    stale = false;
  };
  return { file, fn: script.runInThisContext(), started };
}

type Cockpit = { runCockpit: unknown };
type CockpitScript = (require: NodeRequire, url: string, started: () => void, shared: object, exports: Cockpit) => Promise<void>;
type ConfigCache = { dir: string; build: string } | undefined;
type ConfigCheck = { parseConfig: unknown; mergeSshConfigHosts: unknown };
type ConfigCheckScript = (require: NodeRequire, url: string, shared: object, exports: ConfigCheck) => void;
type AppScript = (
  require: NodeRequire,
  url: string,
  started: () => void,
  loadCockpit: (shared: object) => Promise<Cockpit>,
  configCache: ConfigCache,
  loadConfigCheck: (shared: object) => ConfigCheck,
) => Promise<void>;

const loadCockpit = async (shared: object): Promise<Cockpit> => {
  const cockpit = compile('riskctl-cockpit.js', 'cockpit', __RISKCTL_COCKPIT_HASH__, __RISKCTL_COCKPIT_ASCII__);
  const exports = { runCockpit: undefined };
  await (cockpit.fn as CockpitScript)(createRequire(cockpit.file), pathToFileURL(cockpit.file).href, cockpit.started, shared, exports);
  return exports;
};

/** The config's check, compiled and run at its first use: a start whose config's check is kept never reads it. */
let configCheck: { exports: ConfigCheck; started: () => void } | undefined;
const loadConfigCheck = (shared: object): ConfigCheck => {
  if (configCheck === undefined) {
    const script = compile('riskctl-config.js', 'config', __RISKCTL_CONFIG_HASH__, __RISKCTL_CONFIG_ASCII__);
    const exports: ConfigCheck = { parseConfig: undefined, mergeSshConfigHosts: undefined };
    (script.fn as ConfigCheckScript)(createRequire(script.file), pathToFileURL(script.file).href, shared, exports);
    configCheck = { exports, started: script.started };
  }
  return configCheck.exports;
};

const app = compile('riskctl-app.js', 'app', __RISKCTL_APP_HASH__, __RISKCTL_APP_ASCII__);
// Once the plain first frame is out: the first script's cache, and the config check's if this start compiled it.
const started = () => {
  app.started();
  configCheck?.started();
};
// The config checked last is kept beside the code caches, for this build of the scripts that read and check it (src/app/checkedConfigCache.ts).
const configCache: ConfigCache = useCache ? { dir: cacheDir(), build: `${__RISKCTL_APP_HASH__}-${__RISKCTL_CONFIG_HASH__}` } : undefined;
await (app.fn as AppScript)(createRequire(app.file), pathToFileURL(app.file).href, started, loadCockpit, configCache, loadConfigCheck);
