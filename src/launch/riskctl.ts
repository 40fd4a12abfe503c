/**
 * The bin: runs the app bundle (dist/riskctl-app.js, a script) through
 * node:vm with V8's code cache (codeCache.ts). A start without a usable cache
 * compiles as usual and, once the cockpit's first frame is out, writes the
 * cache for the next start: it then holds what that start compiled. Headless
 * commands use the cache but never write it.
 *
 * An all-ASCII bundle (scripts/build.mjs tells) is read as Latin-1: the same
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

const app = join(dirname(fileURLToPath(import.meta.url)), 'riskctl-app.js');
const source = readFileSync(app, __RISKCTL_APP_ASCII__ ? 'latin1' : 'utf8');
const cacheFile = join(cacheDir(), cacheFileName(__RISKCTL_APP_HASH__));
const cachedData = process.env.RISKCTL_NO_CODE_CACHE ? undefined : readCodeCache(cacheFile);
const script = new Script(source, { filename: app, cachedData });
const stale = !process.env.RISKCTL_NO_CODE_CACHE && (cachedData === undefined || script.cachedDataRejected === true);
const started = () => {
  if (stale) writeCodeCache(cacheFile, script.createCachedData());
};
const run = script.runInThisContext() as (require: NodeRequire, url: string, started: () => void) => Promise<void>;
await run(createRequire(app), pathToFileURL(app).href, started);
