/**
 * The `:` command line, parsed into data. Unknown commands and hosts become
 * an error the status bar shows: a typo must never crash a cockpit.
 */
import type { ScreenName } from './keymap';
import { parseMaintenance, type MaintenanceCommand } from './maintenanceCommand';

export type Command =
  | { type: 'none' }
  | { type: 'quit' }
  | { type: 'help' }
  | { type: 'show'; screen: ScreenName }
  | { type: 'host'; host: string }
  /** `:host` alone: the list of hosts to pick from. */
  | { type: 'pickHost' }
  | { type: 'run'; id: string }
  | { type: 'resume'; id: string }
  | MaintenanceCommand
  | { type: 'error'; message: string };

// k9s-style short aliases next to the full names.
const SCREEN_ALIASES: Record<string, ScreenName> = {
  overview: 'overview',
  ov: 'overview',
  o: 'overview',
  resources: 'resources',
  res: 'resources',
  r: 'resources',
  hosts: 'hosts',
  h: 'hosts',
  alerts: 'alerts',
  al: 'alerts',
  a: 'alerts',
  database: 'database',
  db: 'database',
  services: 'services',
  svc: 'services',
  containers: 'services',
  logs: 'logs',
  log: 'logs',
  procedures: 'procedures',
  proc: 'procedures',
  processes: 'processes',
  top: 'processes',
  ps: 'processes',
};

const USAGE =
  ':host [NAME], :overview, :resources, :hosts, :alerts, :database, :services, :logs, :procedures, :top, :run ID, :resume RUN_ID, :maintenance, :help, :q';

function listHosts(hosts: readonly string[]): string {
  if (hosts.length === 0) return 'no hosts configured';
  const shown = hosts.slice(0, 5).join(', ');
  return hosts.length > 5 ? `${shown}, … (${hosts.length})` : shown;
}

export function parseCommand(text: string, hosts: readonly string[]): Command {
  const words = text.trim().replace(/^:+/, '').trim().split(/\s+/).filter(Boolean);
  const [verb, ...rest] = words;
  if (verb === undefined) return { type: 'none' };
  const v = verb.toLowerCase();
  if (v === 'q' || v === 'q!' || v === 'quit' || v === 'exit') return { type: 'quit' };
  if (v === 'help' || v === '?') return { type: 'help' };
  if (v === 'host' || v === 'ctx') {
    const name = rest.join(' ');
    if (name === '') return { type: 'pickHost' };
    if (hosts.includes(name)) return { type: 'host', host: name };
    // Names are case-sensitive in the config, but nobody should be punished for "PROD-1".
    const ci = hosts.filter((h) => h.toLowerCase() === name.toLowerCase());
    if (ci.length === 1 && ci[0] !== undefined) return { type: 'host', host: ci[0] };
    return { type: 'error', message: `unknown host "${name}" (hosts: ${listHosts(hosts)})` };
  }
  if (v === 'maintenance' || v === 'maint') return parseMaintenance(rest, hosts);
  if (v === 'resume')
    return rest.length === 1 ? { type: 'resume', id: rest[0]! } : { type: 'error', message: 'usage: :resume RUN_ID (riskctl runs lists them)' };
  if (v === 'run') return rest.length === 1 ? { type: 'run', id: rest[0]! } : { type: 'error', message: 'usage: :run ID (a procedure, on the selected host)' };
  const screen = SCREEN_ALIASES[v];
  if (screen && rest.length === 0) return { type: 'show', screen };
  return { type: 'error', message: `unknown command ":${words.join(' ')}" (try ${USAGE})` };
}
