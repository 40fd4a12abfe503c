import { nodeCrypto } from './lazyBuiltins';
import { appendFile, mkdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { keyTypeOf } from './fingerprint';

/**
 * OpenSSH known_hosts files, read the way `ssh` reads them (sshd(8) "SSH_KNOWN_HOSTS
 * FILE FORMAT"): comma-separated host patterns with `*`/`?` wildcards and `!`
 * negation, `[host]:port` for ports other than 22, hashed names `|1|salt|hmac`,
 * and the `@revoked` marker. `@cert-authority` lines are skipped: we do not
 * verify host certificates, and treating a CA key as a host key would be wrong.
 */

export interface KnownHostEntry {
  file: string;
  /** 1-based line number, for messages an operator can act on. */
  line: number;
  revoked: boolean;
  /** The host field as written (patterns, or one hashed name). */
  hosts: string;
  /** Key type as found inside the key blob (authoritative over the text field). */
  keyType: string;
  key: Buffer;
}

export type HostKeyVerdict =
  | { kind: 'ok'; entry: KnownHostEntry }
  | { kind: 'revoked'; entry: KnownHostEntry }
  /** Listed with another key of the same type: a possible man in the middle. */
  | { kind: 'changed'; entry: KnownHostEntry }
  /** Not listed with this key type; `otherTypes` are key types listed for it. */
  | { kind: 'unknown'; otherTypes: string[] };

/** The name a host is listed under: `host`, or `[host]:port` when port ≠ 22. */
export function knownHostToken(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

/** Parse one file's text. Malformed lines are skipped, like ssh does. */
export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fields = (lines[i] ?? '').trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) continue;
    let revoked = false;
    if (fields[0].startsWith('@')) {
      if (fields[0] === '@revoked') revoked = true;
      else continue; // @cert-authority and unknown markers
      fields.shift();
    }
    const [hosts, , b64] = fields;
    if (!hosts || !b64) continue;
    const key = Buffer.from(b64, 'base64');
    const keyType = keyTypeOf(key);
    if (!keyType) continue;
    out.push({ file, line: i + 1, revoked, hosts, keyType, key });
  }
  return out;
}

/** Compiled host patterns: a fleet connecting at once checks every host against every line (n² lookups of n patterns). */
const patterns = new Map<string, RegExp>();

function globToRegExp(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (re) return re;
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  re = new RegExp(`^${body}$`, 'i');
  // Bounded: a known_hosts file rewritten over a long session cannot grow it without end.
  if (patterns.size >= 10_000) patterns.clear();
  patterns.set(pattern, re);
  return re;
}

function hashedMatches(field: string, token: string): boolean {
  const parts = field.split('|'); // ['', '1', salt, hash]
  if (parts.length !== 4 || parts[1] !== '1') return false;
  const salt = Buffer.from(parts[2] ?? '', 'base64');
  const want = Buffer.from(parts[3] ?? '', 'base64');
  const got = nodeCrypto().createHmac('sha1', salt).update(token).digest();
  return want.length === got.length && nodeCrypto().timingSafeEqual(want, got);
}

/** Does the entry's host field name `token` (as built by knownHostToken)? */
export function hostFieldMatches(hosts: string, token: string): boolean {
  if (hosts.startsWith('|')) return hashedMatches(hosts, token);
  let positive = false;
  for (const raw of hosts.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    if (pattern === '' || !globToRegExp(pattern).test(token)) continue;
    if (negated) return false; // a negated match vetoes the whole line
    positive = true;
  }
  return positive;
}

/** Judge the key a host presented against the parsed entries of all files. */
export function checkHostKey(entries: readonly KnownHostEntry[], host: string, port: number, key: Buffer): HostKeyVerdict {
  const token = knownHostToken(host, port);
  const type = keyTypeOf(key);
  const mine = entries.filter((e) => hostFieldMatches(e.hosts, token));
  const revoked = mine.find((e) => e.revoked && e.key.equals(key));
  if (revoked) return { kind: 'revoked', entry: revoked };
  const listed = mine.filter((e) => !e.revoked);
  const ok = listed.find((e) => e.key.equals(key));
  if (ok) return { kind: 'ok', entry: ok };
  const changed = listed.find((e) => e.keyType === type);
  if (changed) return { kind: 'changed', entry: changed };
  return { kind: 'unknown', otherTypes: [...new Set(listed.map((e) => e.keyType))] };
}

/** Key types listed for a host, so the handshake can ask for a key we can check. */
export function knownKeyTypes(entries: readonly KnownHostEntry[], host: string, port: number): string[] {
  const token = knownHostToken(host, port);
  const types = entries.filter((e) => !e.revoked && hostFieldMatches(e.hosts, token)).map((e) => e.keyType);
  return [...new Set(types)];
}

/** A file's parse, kept while the file's identity, size and times stay the same. */
interface ParsedFile {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  entries: Promise<readonly KnownHostEntry[]>;
}

/**
 * Parsed files by path. A fleet connecting at once reads the same file for
 * every host: one parse (one read in flight) serves them all instead of a copy
 * per connection. A file that changes (an appended key, an edit) has a new
 * size or times and is read again.
 */
const parsedFiles = new Map<string, ParsedFile>();

async function parseFile(path: string): Promise<readonly KnownHostEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err; // unreadable is not "empty": it could hide a changed key
  }
  return parseKnownHosts(text, path);
}

async function readKnownHostsFile(path: string): Promise<readonly KnownHostEntry[]> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    parsedFiles.delete(path);
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const known = parsedFiles.get(path);
  if (known && known.ino === st.ino && known.size === st.size && known.mtimeMs === st.mtimeMs && known.ctimeMs === st.ctimeMs) return known.entries;
  // Stamped with the stat taken before the read: a change in between is read again next time.
  const parsed: ParsedFile = { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, entries: parseFile(path) };
  parsedFiles.set(path, parsed);
  try {
    return await parsed.entries;
  } catch (err) {
    if (parsedFiles.get(path) === parsed) parsedFiles.delete(path);
    throw err;
  }
}

/** Read and parse several files; a file that does not exist simply lists nothing. */
export async function readKnownHostsFiles(paths: readonly string[]): Promise<KnownHostEntry[]> {
  const all: KnownHostEntry[] = [];
  for (const path of paths) all.push(...(await readKnownHostsFile(path)));
  return all;
}

/** riskctl's own file of accepted keys: $XDG_STATE_HOME/riskctl/known_hosts. */
export function riskctlKnownHostsPath(env: NodeJS.ProcessEnv = process.env): string {
  const state = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(state, 'riskctl', 'known_hosts');
}

/** The user's own OpenSSH file, ~/.ssh/known_hosts. */
export function userKnownHostsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.HOME || homedir(), '.ssh', 'known_hosts');
}

/** The line `ssh` itself would write: `[host]:port keytype base64` (plain host on 22). */
export function knownHostLine(host: string, port: number, key: Buffer): string {
  return `${knownHostToken(host, port)} ${keyTypeOf(key) ?? 'unknown'} ${key.toString('base64')}`;
}

/**
 * mkdir -p with mode 0700 for every directory it creates. Not `mkdir(…, {recursive})`:
 * on Node 20 that never settles for some unwritable paths (seen with /proc/x),
 * and a connect must not hang on a bad XDG_STATE_HOME.
 */
async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { mode: 0o700 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return;
    if (code !== 'ENOENT' || dirname(dir) === dir) throw err;
    await ensureDir(dirname(dir));
    await mkdir(dir, { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }
}

/** Remember an accepted key, creating the directory (0700) and file (0600) as needed. */
export async function appendKnownHost(path: string, host: string, port: number, key: Buffer): Promise<void> {
  await ensureDir(dirname(path));
  let prefix = '';
  try {
    const st = await stat(path);
    if (st.size > 0) {
      const text = await readFile(path);
      if (text[text.length - 1] !== 0x0a) prefix = '\n'; // never glue onto a half line
    }
  } catch {
    // new file
  }
  await appendFile(path, `${prefix}${knownHostLine(host, port, key)}\n`, { mode: 0o600 });
}
