/**
 * The last config that passed its check, kept beside the code cache so the
 * cockpit's start does not parse and check an unchanged config again: the
 * YAML parser, the schema's construction (zod) and the check are most of
 * what the start evaluates before its first frame.
 *
 * One file, `$XDG_CACHE_HOME/riskctl/config.json`: the config's source and
 * text, the home folder its paths were expanded with, the build that checked
 * it (the first script's hash, given by the bin), and the config that came
 * out. It is used only when all four match exactly — the text compared whole,
 * not by a digest — so a changed config, another build or another home is
 * parsed and checked as without it. What the check reads besides the text
 * (each host's known_hosts file is there) is read again at every start by
 * the caller. A missing, unreadable or malformed file is a miss; a folder
 * that cannot be written leaves the start as it is.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RiskctlConfig } from '../hosts/loadConfig';

export interface CheckedConfigCache {
  /** The folder of the cache files. */
  dir: string;
  /** The build that checks configs: a config checked by another is checked again. */
  build: string;
}

interface Entry {
  build: string;
  source: string;
  home: string;
  text: string;
  config: RiskctlConfig;
}

const FILE = 'config.json';

/** The config checked from exactly this text, source and home by this build, or undefined. */
export function readCheckedConfig(cache: CheckedConfigCache, source: string, home: string, text: string): RiskctlConfig | undefined {
  let e: Partial<Entry>;
  try {
    e = JSON.parse(readFileSync(join(cache.dir, FILE), 'utf8')) as Partial<Entry>;
  } catch {
    return undefined;
  }
  if (e === null || typeof e !== 'object' || e.build !== cache.build || e.source !== source || e.home !== home || e.text !== text) return undefined;
  const c = e.config;
  return c !== null && typeof c === 'object' && Array.isArray(c.hosts) && c.source === source ? c : undefined;
}

/** Keeps `config` as the one checked from `text`; through a temporary file and a rename, so a concurrent start reads the old file or the new. */
export function writeCheckedConfig(cache: CheckedConfigCache, source: string, home: string, text: string, config: RiskctlConfig): void {
  const file = join(cache.dir, FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  const entry: Entry = { build: cache.build, source, home, text, config };
  try {
    mkdirSync(cache.dir, { recursive: true, mode: 0o700 });
    writeFileSync(tmp, JSON.stringify(entry), { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* nothing was written */
    }
  }
}
