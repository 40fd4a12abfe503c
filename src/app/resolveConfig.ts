import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../hosts/ConfigError';
import { EMBEDDED_DEFAULT, embeddedDefaultText, readConfigText } from '../hosts/configText';
import type { RiskctlConfig } from '../hosts/loadConfig';
import { UsageError } from './args';
import { readCheckedConfig, writeCheckedConfig, type CheckedConfigCache } from './checkedConfigCache';

export interface Resolved {
  config: RiskctlConfig;
  /** Notes for the operator (hosts skipped from ~/.ssh/config …). */
  notes: string[];
}

/**
 * --config, else $RISKCTL_CONFIG, else ~/.config/riskctl/config.yaml, else
 * this machine. With `cache`, a config whose text this build already checked
 * is taken from it (checkedConfigCache.ts); otherwise the YAML parser and the
 * schema are loaded and the text is checked. The OpenSSH client config's
 * reader (ssh-config, which loads node:child_process) is loaded only for a
 * config that asks for its hosts.
 */
export async function resolveConfig(
  opts: { config?: string; host?: string; cache?: CheckedConfigCache },
  env = process.env,
  home = env.HOME || homedir(),
): Promise<Resolved> {
  const explicit = opts.config ?? (env.RISKCTL_CONFIG || undefined);
  const xdg = env.XDG_CONFIG_HOME || join(home, '.config');
  const fallback = join(xdg, 'riskctl', 'config.yaml');
  const file = explicit ?? (existsSync(fallback) ? fallback : null);
  const config = await checkedConfig(file === null ? EMBEDDED_DEFAULT : file, file === null ? embeddedDefaultText() : readConfigText(file), home, opts.cache);
  const notes: string[] = [];
  if (config.sshConfig) {
    const { mergeSshConfigHosts } = await import('../hosts/sshConfigHosts');
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

/** The config checked from `text`: from the cache when this build checked that text before (and every known_hosts file it names is still there). */
async function checkedConfig(source: string, text: string, home: string, cache: CheckedConfigCache | undefined): Promise<RiskctlConfig> {
  const kept = cache && readCheckedConfig(cache, source, home, text);
  if (kept && kept.hosts.every((h) => h.ssh?.knownHosts === undefined || existsSync(h.ssh.knownHosts))) return kept;
  const { parseConfig } = await import('../hosts/loadConfig');
  const config = source === EMBEDDED_DEFAULT ? parseConfig(text, source, { exists: () => true }) : parseConfig(text, source, { home });
  if (cache) writeCheckedConfig(cache, source, home, text, config);
  return config;
}

export function stateDir(env = process.env, home = env.HOME || homedir()): string {
  return join(env.XDG_STATE_HOME || join(home, '.local', 'state'), 'riskctl');
}
