// The lab's PostgreSQL, for the database tests: what lab.json says about it,
// direct clients (to check figures and to make sessions the pane must see),
// and the lab hosts whose tunnels reach it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { createHosts } from '../../../src/hosts/createHosts';
import type { Host } from '../../../src/hosts/Host';
import type { PostgresTarget } from '../../../src/hosts/HostConfig';
import { readConfigFile } from '../../../src/hosts/loadConfig';
import { cleanEnv } from '../../app/cliHelpers';
import { readLab } from '../../lab/lab';

export interface LabPostgres {
  host: string;
  port: number;
  database: string;
  superuser: string;
  socketDir: string;
  roles: { app: string; limited: string };
  passwordEnv: string;
  passwordFile: string;
  bin: string;
  pidFile: string;
  logFile: string;
}

export interface LabBackups {
  dir: string;
  newest: string;
}

export function pgLab(): LabPostgres {
  const pgInfo = (readLab() as unknown as { postgres?: LabPostgres }).postgres;
  if (!pgInfo) throw new Error('lab.json has no "postgres": the lab predates lab/postgres.sh (bash lab/lab.sh up)');
  return pgInfo;
}

export function labBackups(): LabBackups {
  const b = (readLab() as unknown as { backups?: LabBackups }).backups;
  if (!b) throw new Error('lab.json has no "backups"');
  return b;
}

export function labPassword(): string {
  return readFileSync(pgLab().passwordFile, 'utf8').trim();
}

export function target(role: 'app' | 'limited' = 'app'): PostgresTarget {
  const p = pgLab();
  return { host: p.host, port: p.port, database: p.database, user: p.roles[role], passwordEnv: p.passwordEnv };
}

/** The environment riskctl gets its password from. */
export function passwordEnv(): { env: Record<string, string> } {
  return { env: { [pgLab().passwordEnv]: labPassword() } };
}

/** The superuser over the lab's unix socket (trust): the "direct query on the server". */
export async function superuser(): Promise<pg.Client> {
  const p = pgLab();
  const c = new pg.Client({ host: p.socketDir, port: p.port, user: p.superuser, database: p.database, application_name: 'riskctl-test-check' });
  // A PostgreSQL stopped by a fault test ends this client too: not a test failure.
  c.on('error', () => {});
  await c.connect();
  return c;
}

/** A session as an application role over TCP, to be seen (and signalled) by riskctl. */
export async function appSession(name: string, role: 'app' | 'limited' = 'app'): Promise<pg.Client> {
  const p = pgLab();
  const c = new pg.Client({ host: p.host, port: p.port, user: p.roles[role], password: labPassword(), database: p.database, application_name: name });
  // A terminated test session must not crash the run.
  c.on('error', () => {});
  await c.connect();
  return c;
}

/** Connected hosts of the lab config (SSH: the tunnel path under test). */
export async function labHosts(...names: string[]): Promise<Map<string, Host>> {
  const cfg = readConfigFile(readLab().config);
  const hosts = createHosts(
    cfg.hosts.filter((h) => names.includes(h.name)),
    { stateDir: cleanEnv().XDG_STATE_HOME!, onUnknownHostKey: async () => false },
  );
  await Promise.all([...hosts.values()].map((h) => h.connect()));
  return hosts;
}

export { waitUntil } from '../../waitUntil';

/** Every file under dir, recursively (to grep what riskctl wrote). */
export function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/**
 * The YAML of a lab host that reaches the lab's PostgreSQL through its tunnel
 * (the `- name:` item of `hosts:`, indented for it), for the config files the
 * database, status, run and e2e tests write.
 */
export function labDbHostYaml(o: { name: string; index: number; tags: string[]; role?: 'app' | 'limited'; backups?: boolean }): string {
  const lab = readLab();
  const p = pgLab();
  const h = lab.hosts[o.index]!;
  return [
    `  - name: ${o.name}`,
    `    ssh: { host: ${h.address}, port: ${h.port}, user: ${lab.user}, identityFile: ${lab.identityFile}, knownHosts: ${lab.knownHosts} }`,
    `    tags: [${o.tags.join(', ')}]`,
    `    postgres: { host: ${p.host}, port: ${p.port}, database: ${p.database}, user: ${p.roles[o.role ?? 'app']}, passwordEnv: ${p.passwordEnv} }`,
    ...(o.backups ? [`    backups: { dir: ${labBackups().dir} }`] : []),
  ].join('\n');
}
