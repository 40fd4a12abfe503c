/**
 * Services, packages, firewall and kernel settings. A firewall change that
 * can cut the host off (a policy, a reset, a blanket deny) is destructive;
 * adding one rule is mutating.
 */
import { hasOption, scanArgs } from '../argScan';
import { destr, mut, ro, type Rule } from './types';

const SYSTEMCTL_RO = new Set(['status', 'is-active', 'is-enabled', 'is-failed', 'show', 'cat', 'list-units', 'list-unit-files', 'list-timers', 'list-sockets', 'list-dependencies', 'get-default']);
const SYSTEMCTL_MUT = new Set(['reload', 'restart', 'try-restart', 'reload-or-restart', 'try-reload-or-restart', 'start', 'enable', 'daemon-reload', 'reset-failed', 'unmask']);

export const systemctl: Rule = (args) => {
  const sub = scanArgs(args, ['t', 'type', 's', 'signal', 'H', 'host', 'M', 'machine', 'p', 'property', 'n', 'lines', 'o', 'output']).positional[0];
  if (sub === undefined) return ro('systemctl lists units');
  if (SYSTEMCTL_RO.has(sub)) return ro(`systemctl ${sub} only reads`);
  if (SYSTEMCTL_MUT.has(sub)) return mut(`systemctl ${sub} changes a running service`);
  return destr(`systemctl ${sub} stops, disables or kills (an outage until undone)`);
};

export const service: Rule = (args) => {
  const action = args[1];
  if (action === undefined || action === 'status' || args[0] === '--status-all') return ro('service status only reads');
  if (['start', 'restart', 'reload', 'force-reload', 'try-restart'].includes(action)) return mut(`service ${action} changes a running service`);
  return destr(`service ${action}: stops a service (an outage until started again)`);
};

const PKG_RO = new Set(['list', 'show', 'search', 'policy', 'depends', 'rdepends', 'changelog', 'info', 'check-update', 'madison', 'download']);
const PKG_DESTR = new Set(['remove', 'purge', 'autoremove', 'autopurge', 'erase']);

export const packages: Rule = (args, _r, program) => {
  const sub = scanArgs(args, ['o', 'c', 't']).positional[0];
  if (sub === undefined) return ro(`${program} help`);
  if (PKG_RO.has(sub)) return ro(`${program} ${sub} only reads`);
  if (PKG_DESTR.has(sub)) return destr(`${program} ${sub} removes packages`);
  if (sub === 'update' || sub === 'makecache') return mut(`${program} ${sub} refreshes the package lists`);
  return mut(`${program} ${sub} changes installed packages (upgrades can restart services)`);
};

export const dpkg: Rule = (args) => {
  const s = scanArgs(args);
  if (hasOption(s, 'r', 'P', 'remove', 'purge')) return destr('dpkg removes packages');
  if (hasOption(s, 'i', 'install', 'unpack', 'configure')) return mut('dpkg installs packages');
  return ro('dpkg only lists');
};

export const ufw: Rule = (args) => {
  const s = scanArgs(args);
  const [sub, ...rest] = s.positional;
  if (hasOption(s, 'dry-run')) return ro('ufw --dry-run changes nothing');
  if (sub === undefined || ['status', 'show', 'version', 'app'].includes(sub)) return ro(`ufw ${sub ?? ''} only reads`.trim());
  if (sub === 'reset' || sub === 'disable') return destr(`ufw ${sub} drops every firewall rule`);
  if (sub === 'default') {
    return rest[0] === 'allow' ? mut(`ufw default allow ${rest[1] ?? ''}: opens a direction`.trim()) : destr(`ufw default ${rest.join(' ')}: can cut the host off`);
  }
  if ((sub === 'deny' || sub === 'reject') && (rest.length === 0 || ['incoming', 'outgoing', 'in', 'out'].includes(rest[0]!)) && !rest.includes('from') && !rest.includes('to')) {
    return destr(`ufw ${sub} ${rest.join(' ')}: blocks all traffic in that direction`.trim());
  }
  if (sub === 'delete') return destr('ufw delete removes a rule (can cut off access it allowed)');
  return mut(`ufw ${sub} changes the firewall`);
};

export const iptables: Rule = (args, _r, program) => {
  const s = scanArgs(args, ['t', 'table', 'P', 'policy', 'A', 'append', 'I', 'insert', 'D', 'delete', 'R', 'replace', 'N', 'X', 'F', 'j', 'i', 'o', 's', 'd', 'p', 'm', 'L', 'S', 'C', 'dport', 'sport']);
  const policy = s.options.get('P') ?? s.options.get('policy');
  if (policy !== undefined) {
    const target = s.positional[0] ?? '';
    return target === 'ACCEPT' ? mut(`${program} -P ${String(policy)} ACCEPT opens a chain`) : destr(`${program} -P ${String(policy)} ${target}: a default-deny policy can cut the host off`);
  }
  if (hasOption(s, 'F', 'flush', 'X', 'delete-chain')) return destr(`${program} flushes rules or deletes a chain`);
  // Deleting or replacing a rule can remove the one that lets the operator in.
  if (hasOption(s, 'D', 'delete', 'R', 'replace')) return destr(`${program} -D/-R removes or replaces a firewall rule (can cut off access it allowed)`);
  if (hasOption(s, 'A', 'append', 'I', 'insert', 'N', 'new-chain', 'Z', 'zero', 'E', 'rename-chain')) return mut(`${program} changes a firewall rule`);
  if (hasOption(s, 'L', 'list', 'S', 'list-rules', 'C', 'check')) return ro(`${program} lists rules`);
  return mut(`${program}: treated as mutating`);
};

export const nft: Rule = (args) => {
  const s = scanArgs(args, ['f', 'file', 'I', 'includepath']);
  const sub = s.positional[0];
  if (hasOption(s, 'c', 'check')) return ro('nft --check changes nothing');
  if (hasOption(s, 'f', 'file')) return destr('nft -f loads a ruleset (it usually flushes the old one first)');
  if (sub === 'list' || sub === 'describe' || sub === 'monitor') return ro(`nft ${sub} only reads`);
  if (sub === 'flush' || sub === 'delete' || sub === 'destroy' || sub === 'reset') return destr(`nft ${sub} removes firewall rules`);
  return mut(`nft ${sub ?? ''} changes the firewall`.trim());
};

export const sysctl: Rule = (args) => {
  const s = scanArgs(args);
  if (hasOption(s, 'p', 'load', 'system', 'w', 'write') || s.positional.some((a) => a.includes('='))) return mut('sysctl changes kernel settings');
  return ro('sysctl reads kernel settings');
};

export const journalctl: Rule = (args) =>
  args.some((a) => a.startsWith('--vacuum')) ? destr('journalctl --vacuum deletes journal files') : args.includes('--rotate') ? mut('journalctl --rotate') : ro('journalctl only reads');

export const certbot: Rule = (args) => {
  if (args.includes('--dry-run')) return ro('certbot --dry-run changes nothing');
  const sub = scanArgs(args).positional[0];
  if (sub === 'certificates') return ro('certbot certificates only lists');
  if (sub === 'revoke' || sub === 'delete') return destr(`certbot ${sub} removes certificates`);
  return mut(`certbot ${sub ?? ''} obtains or renews certificates`.trim());
};

export const kill: Rule = (_args, _r, program) => destr(`${program} ends processes`);
export const power: Rule = (_args, _r, program) => destr(`${program} takes the host down`);

export const crontab: Rule = (args) => (args.includes('-r') ? destr('crontab -r deletes the crontab') : args.includes('-l') ? ro('crontab -l only lists') : mut('crontab changes scheduled jobs'));

export const pgTools: Record<string, Rule> = {
  pg_isready: () => ro('pg_isready only checks'),
  pg_dump: (args) => (scanArgs(args, ['f', 'file']).options.has('f') || args.some((a) => a.startsWith('--file')) ? mut('pg_dump writes a dump file') : ro('pg_dump only reads')),
  pg_dumpall: (args) => (args.some((a) => a === '-f' || a.startsWith('--file')) ? mut('pg_dumpall writes a dump file') : ro('pg_dumpall only reads')),
  pg_restore: () => destr('pg_restore replaces database contents'),
  dropdb: () => destr('dropdb removes a database'),
  dropuser: () => destr('dropuser removes a role'),
  createdb: () => mut('createdb creates a database'),
  createuser: () => mut('createuser creates a role'),
  vacuumdb: (args) => (args.includes('--full') || args.includes('-f') ? destr('vacuumdb --full locks and rewrites tables') : mut('vacuumdb vacuums')),
  reindexdb: () => mut('reindexdb rebuilds indexes'),
  postgres: () => mut('postgres starts a server process on the data directory'),
  pg_ctl: (args) => {
    const sub = scanArgs(args, ['D', 'l', 'm', 'o', 't', 'w']).positional[0];
    if (sub === 'status') return ro('pg_ctl status only reads');
    if (sub === 'stop' || sub === 'kill') return destr(`pg_ctl ${sub} stops the database`);
    return mut(`pg_ctl ${sub ?? ''} changes the database server`.trim());
  },
};

/** redis-cli: the command word decides; no command is an interactive session. */
export const redisCli: Rule = (args, r, program) => {
  const s = scanArgs(args, ['h', 'p', 'a', 'n', 'u', 's', 'user', 'pass', 'r', 'i', 'd']);
  if (hasOption(s, 'scan', 'bigkeys', 'memkeys', 'stat', 'latency', 'latency-history', 'hotkeys')) return ro('redis-cli statistics only read');
  const cmd = (s.positional[0] ?? '').toUpperCase();
  if (cmd === '' && r.stdin?.kind === 'text') {
    // Commands read from the input, one a line.
    const lines = r.stdin.text.split('\n').map((l) => l.trim()).filter(Boolean);
    return lines.length ? lines.flatMap((l) => redisCli(l.split(/\s+/), { ...r, stdin: null }, program)) : ro('redis-cli with no commands');
  }
  if (cmd === '' && r.stdin?.kind === 'unknown') return mut(`redis-cli runs commands from ${r.stdin.how}: unknown effect, treated as mutating`);
  if (cmd === '') return mut('redis-cli without a command is an interactive session');
  if (['FLUSHDB', 'FLUSHALL', 'DEL', 'UNLINK', 'SHUTDOWN', 'SWAPDB', 'DEBUG'].includes(cmd)) return destr(`redis-cli ${cmd} removes data or stops the server`);
  const readOnly = ['PING', 'INFO', 'GET', 'MGET', 'KEYS', 'SCAN', 'DBSIZE', 'TTL', 'PTTL', 'TYPE', 'EXISTS', 'MEMORY', 'SLOWLOG', 'CLIENT', 'LLEN', 'HGET', 'HGETALL', 'SMEMBERS', 'ZRANGE', 'STRLEN', 'TIME', 'LASTSAVE', 'ROLE', 'LATENCY'];
  if (readOnly.includes(cmd) && !(cmd === 'CLIENT' && /KILL/i.test(s.positional[1] ?? ''))) return ro(`redis-cli ${cmd} only reads`);
  if (cmd === 'CONFIG' && (s.positional[1] ?? '').toUpperCase() === 'GET') return ro('redis-cli CONFIG GET only reads');
  return mut(`redis-cli ${cmd} changes data or settings`);
};
