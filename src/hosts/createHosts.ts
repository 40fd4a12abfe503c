import { join } from 'node:path';
import type { Host } from './Host';
import type { HostConfig } from './HostConfig';
import type { UnknownHostKey } from './hostKeyCheck';
import { LocalHost } from './LocalHost';
import { SshHost } from './SshHost';

export interface CreateHostsOptions {
  /** riskctl's state folder; its known_hosts file remembers accepted keys. */
  stateDir: string;
  /** Asked for keys no known_hosts file lists (TUI: a prompt; headless: a flag). */
  onUnknownHostKey: (host: string, key: UnknownHostKey) => Promise<boolean>;
}

/** One Host per configured host; jump hosts are the same objects, so a jump shares its connection. */
export function createHosts(configs: HostConfig[], opts: CreateHostsOptions): Map<string, Host> {
  const hosts = new Map<string, Host>();
  const ssh = new Map<string, SshHost>();
  for (const c of configs) {
    if (c.local || !c.ssh) {
      hosts.set(c.name, new LocalHost(c.name));
      continue;
    }
    const h = new SshHost(c, {
      resolveHost: (name) => ssh.get(name),
      onUnknownHostKey: (key) => opts.onUnknownHostKey(c.name, key),
      ownKnownHostsFile: join(opts.stateDir, 'known_hosts'),
      // A host back from a reboot in a maintenance window should be on screen within
      // seconds; a retry is one TCP connect, cheap even for a fleet of dead hosts.
      backoff: { maxMs: 4000 },
    });
    ssh.set(c.name, h);
    hosts.set(c.name, h);
  }
  return hosts;
}
