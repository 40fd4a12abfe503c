/** One host of the inventory, after validation and defaults. */
export interface SshTarget {
  host: string;
  port: number;
  user?: string;
  /** Private key files to try (already ~-expanded). Empty: ssh-agent only. */
  identityFiles: string[];
  /** Name of another configured host to jump through (ProxyJump). */
  jump?: string;
  /** A known_hosts file that replaces the default ones for this host. */
  knownHosts?: string;
}

export interface PostgresTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  /** Name of the environment variable holding the password; never the password itself. */
  passwordEnv?: string;
}

export interface HealthEndpoint {
  name: string;
  url: string;
}

export interface HostConfig {
  name: string;
  /** true: this machine, no SSH. */
  local: boolean;
  ssh?: SshTarget;
  tags: string[];
  /** `configured`: the host's `docker:` is written in the config (not the library's default), so an engine is expected there. */
  docker: { socket: string; configured?: boolean };
  postgres?: PostgresTarget;
  health: HealthEndpoint[];
  logs: string[];
  backups: { dir: string };
  certificates: string[];
  /** Procedure steps start here (default /opt/risk-platform); optional so hand-built configs need not say. */
  platformDir?: string;
  /** Where the entry came from, for messages: "config.yaml:12" or "~/.ssh/config:3". */
  origin: string;
}

export function isProduction(host: Pick<HostConfig, 'tags'>): boolean {
  return host.tags.some((t) => t === 'production' || t === 'prod');
}
