import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import SSHConfig, { LineType } from 'ssh-config';
import { PLATFORM_HEALTH } from './configSchema';
import type { HostConfig } from './HostConfig';
import { isHostAddress } from './isHostAddress';
import { expandHome } from './loadConfig';

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const all = (v: string | string[] | undefined): string[] => (v === undefined ? [] : [v].flat());

/**
 * The concrete hosts of an OpenSSH client config (`Host` lines without
 * wildcards), with HostName, User, Port, IdentityFile and ProxyJump resolved
 * the way ssh resolves them. `Match exec` is never evaluated: reading a config
 * must not run commands.
 */
export function hostsFromSshConfig(text: string, file: string, home = homedir()): HostConfig[] {
  const cfg = SSHConfig.parse(text);
  const out: HostConfig[] = [];
  const lines = text.split('\n');
  for (const line of cfg) {
    if (line.type !== LineType.DIRECTIVE || line.param.toLowerCase() !== 'host') continue;
    const patterns = (typeof line.value === 'string' ? line.value.split(/\s+/) : line.value.map((v) => v.val)).filter(Boolean);
    const lineNo = lines.findIndex((l) => /^\s*host\s/i.test(l) && patterns.every((p) => l.includes(p))) + 1;
    for (const alias of patterns) {
      if (/[*?!]/.test(alias) || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(alias)) continue;
      const c = cfg.compute(alias, { ignoreCase: true, matchExec: false });
      const port = Number(first(c.port) ?? 22);
      const jump = first(c.proxyjump);
      out.push({
        name: alias,
        local: false,
        ssh: {
          host: first(c.hostname) ?? alias,
          port: Number.isInteger(port) && port > 0 && port < 65536 ? port : 22,
          user: first(c.user),
          identityFiles: all(c.identityfile).map((f) => expandHome(f, home)),
          // Only a jump through another named host is followed; "none" disables it.
          jump: jump && jump !== 'none' ? jump.split(',')[0] : undefined,
          knownHosts: undefined,
        },
        tags: ['ssh-config'],
        docker: { socket: '/var/run/docker.sock' },
        health: PLATFORM_HEALTH,
        logs: ['/opt/risk-platform/logs/*.log'],
        backups: { dir: '/opt/risk-platform/backups' },
        certificates: [],
        origin: `${file}:${lineNo || '?'}`,
      });
    }
  }
  return out;
}

/**
 * Adds ~/.ssh/config hosts the riskctl config does not already name (the
 * riskctl config wins). A jump to a host known to neither is dropped from the
 * list with a reason rather than failing the whole inventory.
 */
export function mergeSshConfigHosts(hosts: HostConfig[], home = homedir()): { hosts: HostConfig[]; skipped: string[] } {
  const file = join(home, '.ssh', 'config');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { hosts, skipped: [] };
  }
  const names = new Set(hosts.map((h) => h.name));
  const imported = hostsFromSshConfig(text, '~/.ssh/config', home).filter((h) => !names.has(h.name));
  const merged = [...hosts, ...imported];
  const known = new Set(merged.map((h) => h.name));
  const skipped: string[] = [];
  const kept = merged.filter((h) => {
    // The same rule as the riskctl config's ssh.host (ssh's %-tokens are not expanded here).
    if (h.ssh && !isHostAddress(h.ssh.host)) {
      skipped.push(`${h.origin}: ${h.name}: HostName is not a DNS name or an IP address; skipped`);
      return false;
    }
    const j = h.ssh?.jump;
    if (j === undefined || known.has(j)) return true;
    skipped.push(`${h.origin}: ${h.name}: ProxyJump ${j} is not a named host; skipped`);
    return false;
  });
  return { hosts: kept, skipped };
}
