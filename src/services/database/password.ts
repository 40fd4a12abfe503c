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
import { lookupPgpass, parsePgpass } from './pgpass';

export interface PasswordEnv {
  env: Record<string, string | undefined>;
  /** Defaults to $PGPASSFILE, else ~/.pgpass. */
  pgpassFile?: string;
}

export type PasswordLookup = { password: string; source: string } | { password: null; why: string };

export function pgpassPath(env: Record<string, string | undefined>): string {
  return env.PGPASSFILE || join(env.HOME || homedir(), '.pgpass');
}

export async function lookupPassword(target: PostgresTarget, opts: PasswordEnv): Promise<PasswordLookup> {
  const tried: string[] = [];
  if (target.passwordEnv) {
    const v = opts.env[target.passwordEnv];
    if (v !== undefined && v !== '') return { password: v, source: `$${target.passwordEnv}` };
    tried.push(`$${target.passwordEnv} is not set`);
  }
  const file = opts.pgpassFile ?? pgpassPath(opts.env);
  try {
    const st = await stat(file);
    // Like libpq: a pgpass others can read is ignored, loudly.
    if ((st.mode & 0o077) !== 0) {
      tried.push(`${file} ignored: permissions should be u=rw (0600) or less`);
    } else {
      const pw = lookupPgpass(parsePgpass(await readFile(file, 'utf8')), target);
      if (pw !== null) return { password: pw, source: file };
      tried.push(`${file} has no line for ${target.host}:${target.port}:${target.database}:${target.user}`);
    }
  } catch {
    tried.push(`no ${file}`);
  }
  return { password: null, why: tried.join('; ') };
}
