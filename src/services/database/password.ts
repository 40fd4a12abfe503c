/**
 * Where the database password comes from: the environment variable the config
 * names (`postgres.passwordEnv`), else the operator's pgpass file ($PGPASSFILE,
 * else ~/.pgpass). Never from the config file. The password is only ever
 * handed to pg; every message here names where we looked, never what we found.
 */
import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PostgresTarget } from '../../hosts/HostConfig';
import { DAEMON_RETRY_MAX_MS } from '../refreshTiming';
import { lookupPgpass, parsePgpass } from './pgpass';

export interface PasswordEnv {
  env: Record<string, string | undefined>;
  /** Defaults to $PGPASSFILE, else ~/.pgpass. */
  pgpassFile?: string;
  /** The clock the file's reading is kept by (tests). */
  now?: () => number;
}

export type PasswordLookup = { password: string; source: string } | { password: null; why: string };

export function pgpassPath(env: Record<string, string | undefined>): string {
  return env.PGPASSFILE || join(env.HOME || homedir(), '.pgpass');
}

/**
 * How long one reading of a pgpass file stands for every lookup: a fleet of
 * hosts whose database asks for a password again and again (down, or
 * refusing) reads the file once in this time, not once a host and attempt.
 * The database's retry period: a file the operator fixes is read by the next
 * round of retries.
 */
export const PGPASS_READING_MS = DAEMON_RETRY_MAX_MS;

/** A pgpass file as last read: its text, 'open' when others may read it (ignored), or null when there is none. */
type PgpassReading = { text: string } | 'open' | null;

const readings = new Map<string, { at: number; reading: Promise<PgpassReading> }>();

async function readPgpass(file: string): Promise<PgpassReading> {
  try {
    const st = await stat(file);
    // Like libpq: a pgpass others can read is ignored, loudly.
    if ((st.mode & 0o077) !== 0) return 'open';
    return { text: await readFile(file, 'utf8') };
  } catch {
    return null;
  }
}

/** The file's reading, shared by lookups within PGPASS_READING_MS of it (and by lookups while it is under way). */
function pgpassReading(file: string, now: number): Promise<PgpassReading> {
  const kept = readings.get(file);
  if (kept && now - kept.at < PGPASS_READING_MS && now >= kept.at) return kept.reading;
  const reading = readPgpass(file);
  readings.set(file, { at: now, reading });
  return reading;
}

export async function lookupPassword(target: PostgresTarget, opts: PasswordEnv): Promise<PasswordLookup> {
  const tried: string[] = [];
  if (target.passwordEnv) {
    const v = opts.env[target.passwordEnv];
    if (v !== undefined && v !== '') return { password: v, source: `$${target.passwordEnv}` };
    tried.push(`$${target.passwordEnv} is not set`);
  }
  const file = opts.pgpassFile ?? pgpassPath(opts.env);
  const reading = await pgpassReading(file, (opts.now ?? Date.now)());
  if (reading === null) {
    tried.push(`no ${file}`);
  } else if (reading === 'open') {
    tried.push(`${file} ignored: permissions should be u=rw (0600) or less`);
  } else {
    const pw = lookupPgpass(parsePgpass(reading.text), target);
    if (pw !== null) return { password: pw, source: file };
    tried.push(`${file} has no line for ${target.host}:${target.port}:${target.database}:${target.user}`);
  }
  return { password: null, why: tried.join('; ') };
}
