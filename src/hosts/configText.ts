/**
 * A config's text before it is parsed: the file read within its bound, and
 * the text of the embedded default. No YAML and no schema here, so the
 * start-up can compare a config's text with the last one that passed its
 * check (src/app/checkedConfigCache.ts) without loading either.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { hostname } from 'node:os';
import { ConfigError } from './ConfigError';
import { errnoText } from './errnoText';

/** A config is a few kilobytes; a bigger file is refused before it is parsed. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** The source name of the config riskctl uses when there is no config file. */
export const EMBEDDED_DEFAULT = '(embedded default)';

/**
 * A config file's text: a regular file of at most MAX_CONFIG_BYTES, UTF-8.
 * The size is checked on the open file before anything is read, and the read
 * stops at the bound (a file that grows meanwhile is refused too).
 */
export function readConfigText(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new ConfigError(file, null, null, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read: ${errnoText(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new ConfigError(file, null, null, 'is a folder, not a config file');
    if (!st.isFile()) throw new ConfigError(file, null, null, 'not a regular file');
    if (st.size > MAX_CONFIG_BYTES) throw new ConfigError(file, null, null, `${st.size} bytes: a config is at most ${MAX_CONFIG_BYTES} bytes (1 MiB)`);
    const buf = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let n = 0;
    for (let r; n < buf.length && (r = readSync(fd, buf, n, buf.length - n, null)) > 0;) n += r;
    if (n > MAX_CONFIG_BYTES) throw new ConfigError(file, null, null, `over ${MAX_CONFIG_BYTES} bytes: a config is at most 1 MiB`);
    const bytes = buf.subarray(0, n);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const text = bytes.toString('utf8');
      const bad = text.indexOf('\ufffd');
      const at = positionAt(text, Math.max(0, bad));
      const utf16 = n >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
      throw new ConfigError(file, at.line, null, utf16 ? 'UTF-16 text: save the config as UTF-8' : 'not UTF-8 text (save the config as UTF-8)', at.column);
    }
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(file, null, null, `cannot read: ${errnoText(e)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * The embedded default: this machine, without the platform's health endpoints
 * (an operator's workstation does not serve :3000, and its "down" endpoints
 * would be CRITICAL alerts; Docker, if any, is still shown).
 */
export function embeddedDefaultText(): string {
  return `hosts:\n  - name: ${JSON.stringify(
    hostname()
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .slice(0, 63) || 'local',
  )}\n    local: true\n    tags: [local]\n    health: []\n`;
}

/** Line and column (1-based) of an offset in a text. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const o = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < o; i = text.indexOf('\n', i + 1)) line++;
  return { line, column: o - (text.lastIndexOf('\n', o - 1) + 1) + 1 };
}
