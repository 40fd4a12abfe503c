/**
 * V8's code cache for the app bundle, through node:vm's public API: the
 * bytecode of what the start-up compiled, written once and handed back to V8
 * on the next start, so the bundle is not parsed and compiled again.
 *
 * One file per script of the app, build and Node: its name is the script's
 * part ("app", "cockpit") and hash (made at build time) with Node's version
 * and architecture, so a new build or a new Node finds no file and writes its
 * own. The file holds a CRC-32 of the data before
 * the data: V8 checks the data's version and length but not every byte, so a
 * damaged file is told apart here and never reaches V8. A missing, stale or
 * damaged cache only costs that start its compile time.
 *
 * The check is a CRC-32 (zlib's, Node >= 20.15): it tells a damaged file, and
 * node:crypto would add 16 internal modules to every start. Without
 * zlib.crc32 there is no cache.
 */
import { crc32 } from 'node:zlib';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const DIGEST = 4; // CRC-32, big-endian

/** $XDG_CACHE_HOME/riskctl, or ~/.cache/riskctl. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith('/') ? env.XDG_CACHE_HOME : join(env.HOME || homedir(), '.cache');
  return join(base, 'riskctl');
}

/** The cache file's name for a script of the app (`part`) with this hash, on this Node. */
export function cacheFileName(part: string, scriptHash: string, node = process.version, arch = process.arch): string {
  return `${part}-${scriptHash}-${node}-${arch}.v8cache`;
}

/** The part a cache file's name is for ("app" of app-….v8cache). */
const partOf = (name: string): string => name.slice(0, name.indexOf('-'));

function digest(b: Uint8Array): Buffer | undefined {
  if (typeof crc32 !== 'function') return undefined;
  const d = Buffer.alloc(DIGEST);
  d.writeUInt32BE(crc32(b) >>> 0);
  return d;
}

/** The cached data in `file`, or undefined when it is missing or does not match its digest. */
export function readCodeCache(file: string): Buffer | undefined {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch {
    return undefined;
  }
  if (raw.length <= DIGEST) return undefined;
  const data = raw.subarray(DIGEST);
  return digest(data)?.equals(raw.subarray(0, DIGEST)) ? data : undefined;
}

/**
 * Writes `data` to `file` with its digest, through a temporary file and a
 * rename so a concurrent start reads the old file or the new one, never half.
 * The same part's files of other builds and Nodes in the folder are removed. Returns false
 * when the folder cannot be written (the cockpit runs on without a cache).
 */
export function writeCodeCache(file: string, data: Buffer): boolean {
  const dir = join(file, '..');
  const name = file.slice(dir.length + 1);
  const tmp = `${file}.${process.pid}.tmp`;
  const sum = digest(data);
  if (!sum) return false;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(tmp, Buffer.concat([sum, data]), { mode: 0o600 });
    renameSync(tmp, file);
    for (const f of readdirSync(dir)) if (partOf(f) === partOf(name) && f.endsWith('.v8cache') && f !== name) rmSync(join(dir, f), { force: true });
    return true;
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* the folder is not there: nothing was written */
    }
    return false;
  }
}
