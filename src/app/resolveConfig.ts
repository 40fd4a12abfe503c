import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../hosts/ConfigError';
import { embeddedDefault, readConfigFile, type RiskctlConfig } from '../hosts/loadConfig';
import { mergeSshConfigHosts } from '../hosts/sshConfigHosts';
import { UsageError } from './args';

export interface Resolved {
  config: RiskctlConfig;
  /** Notes for the operator (hosts skipped from ~/.ssh/config …). */
  notes: string[];
}

/** --config, else $RISKCTL_CONFIG, else ~/.config/riskctl/config.yaml, else this machine. */
export function resolveConfig(opts: { config?: string; host?: string }, env = process.env, home = env.HOME || homedir()): Resolved {
  const explicit = opts.config ?? (env.RISKCTL_CONFIG || undefined);
  const xdg = env.XDG_CONFIG_HOME || join(home, '.config');
  const fallback = join(xdg, 'riskctl', 'config.yaml');
  const config = explicit ? readConfigFile(explicit, home) : existsSync(fallback) ? readConfigFile(fallback, home) : embeddedDefault();
  const notes: string[] = [];
  if (config.sshConfig) {
    const merged = mergeSshConfigHosts(config.hosts, home);
    config.hosts = merged.hosts;
    notes.push(...merged.skipped);
  }
  if (config.hosts.length === 0) throw new ConfigError(config.source ?? '(config)', null, 'hosts', 'no hosts to watch');
  if (opts.host !== undefined && !config.hosts.some((h) => h.name === opts.host)) {
    const known = config.hosts.map((h) => h.name).join(', ');
    throw new UsageError(`--host ${JSON.stringify(opts.host)}: no such host in ${config.source} (hosts: ${known})`);
  }
  return { config, notes };
}

export function stateDir(env = process.env, home = env.HOME || homedir()): string {
  return join(env.XDG_STATE_HOME || join(home, '.local', 'state'), 'riskctl');
}
