/**
 * Orchestrators, storage and database clusters: kubectl (oc, helm), ZFS,
 * LVM, btrfs, and PostgreSQL's cluster tools (pg_lsclusters …). Deleting,
 * destroying, draining or rolling back data is destructive; creating,
 * applying, scaling is mutating; listing and describing is read-only.
 */
import { hasOption, scanArgs } from '../argScan';
import { destr, mut, ro, type Finding, type Rule } from './types';

const KUBECTL_GLOBAL = ['n', 'namespace', 'context', 'cluster', 'kubeconfig', 'user', 's', 'server', 'l', 'selector', 'o', 'output', 'c', 'container', 'f', 'filename', 'token', 'as', 'field-selector', 'since', 'tail', 'timeout', 'grace-period'];
const KUBECTL_RO = new Set(['get', 'describe', 'logs', 'top', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info', 'diff', 'events', 'wait', 'auth', 'completion', 'options', 'plugin', 'kustomize', 'port-forward', 'proxy', 'whoami']);
const KUBECTL_DESTR = new Set(['delete', 'drain', 'replace']);

export const kubectl: Rule = (args, r, program) => {
  const dashes = args.indexOf('--');
  const own = dashes < 0 ? args : args.slice(0, dashes);
  const s = scanArgs(own, KUBECTL_GLOBAL);
  const [sub = '', verb = ''] = s.positional;
  const what = `${program} ${sub}`.trim();
  if (sub === '') return ro(`${program} help`);
  if (sub === 'exec' || sub === 'debug' || sub === 'attach') {
    const inner: Finding[] = dashes >= 0 && dashes + 1 < args.length ? r.argv(args.slice(dashes + 1)) : mut(`${what} opens a session in a container`);
    return [...ro(`${what}: runs a command in a container`), ...inner];
  }
  if (sub === 'rollout') {
    if (['status', 'history'].includes(verb)) return ro(`${what} ${verb} only reads`);
    if (verb === 'undo') return mut(`${what} undo rolls a deployment back`);
    return mut(`${what} ${verb} changes a deployment`.trim());
  }
  if (sub === 'config') {
    if (/^(view|get-|current-context)/.test(verb)) return ro(`${what} ${verb} only reads`);
    if (/^(delete-|unset)/.test(verb)) return destr(`${what} ${verb} removes kubeconfig entries`);
    return mut(`${what} ${verb} changes the kubeconfig`.trim());
  }
  if (sub === 'scale') {
    const replicas = s.options.get('replicas');
    return replicas === '0' ? destr(`${what} --replicas=0 stops every pod (an outage until scaled up)`) : mut(`${what} changes the number of pods`);
  }
  if (sub === 'apply' && (hasOption(s, 'prune') || hasOption(s, 'force'))) return destr(`${what} --prune/--force deletes what the files no longer name`);
  if (sub === 'replace' && !hasOption(s, 'force')) return mut(`${what} replaces an object`);
  if (KUBECTL_DESTR.has(sub)) return destr(`${what} deletes objects or evicts pods`);
  if (KUBECTL_RO.has(sub)) return ro(`${what} only reads`);
  return mut(`${what} changes the cluster`);
};

export const helm: Rule = (args) => {
  const sub = scanArgs(args, ['n', 'namespace', 'kube-context', 'kubeconfig', 'f', 'values', 'set', 'version', 'o', 'output']).positional[0] ?? '';
  if (['list', 'ls', 'status', 'get', 'history', 'hist', 'show', 'inspect', 'search', 'template', 'lint', 'version', 'env', 'verify', 'diff'].includes(sub)) return ro(`helm ${sub} only reads`);
  if (['uninstall', 'delete', 'del', 'un'].includes(sub)) return destr(`helm ${sub} removes a release and its resources`);
  if (sub === 'rollback') return mut('helm rollback rolls a release back');
  return mut(`helm ${sub} changes releases or repositories`.trim());
};

const ZFS_RO = new Set(['list', 'get', 'holds', 'diff', 'userspace', 'groupspace', 'projectspace', 'version', 'wait']);
const ZFS_DESTR = new Set(['destroy', 'rollback']);

export const zfs: Rule = (args) => {
  const [sub = '', ...rest] = scanArgs(args, ['o', 's', 'S', 't', 'd']).positional;
  if (sub === '' || ZFS_RO.has(sub)) return ro(`zfs ${sub} only reads`.trim());
  if (ZFS_DESTR.has(sub)) return destr(`zfs ${sub} discards datasets or snapshots and their data`);
  if (sub === 'receive' || sub === 'recv') return args.includes('-F') ? destr('zfs receive -F rolls the target back and overwrites it') : mut('zfs receive writes a dataset');
  if (sub === 'send') return ro('zfs send only reads (the stream goes to its output)');
  return mut(`zfs ${sub} ${rest[0] ?? ''} changes datasets`.replace(/\s+/g, ' ').trim());
};

const ZPOOL_RO = new Set(['list', 'status', 'iostat', 'get', 'history', 'events', 'version', 'wait']);
const ZPOOL_DESTR = new Set(['destroy', 'labelclear', 'export', 'offline', 'detach', 'remove', 'split', 'create', 'reguid']);

export const zpool: Rule = (args) => {
  const sub = scanArgs(args, ['o', 'O', 'R', 'm', 'T']).positional[0] ?? '';
  if (sub === '' || ZPOOL_RO.has(sub)) return ro(`zpool ${sub} only reads`.trim());
  if (ZPOOL_DESTR.has(sub)) return destr(`zpool ${sub} takes a pool or its disks away (create overwrites the disks)`);
  return mut(`zpool ${sub} changes a pool`);
};

export const btrfs: Rule = (args) => {
  const [group = '', verb = ''] = scanArgs(args).positional;
  if (/^(show|list|df|usage|status|get|find-new|version)$/.test(verb) || /^(show|version)$/.test(group)) return ro(`btrfs ${group} ${verb} only reads`.trim());
  if (/^(delete|del)$/.test(verb) || (group === 'device' && /^(remove|delete)$/.test(verb)) || group === 'rescue') return destr(`btrfs ${group} ${verb} removes data`);
  return mut(`btrfs ${group} ${verb} changes a filesystem`.trim());
};

/** LVM: *remove and lvreduce lose data; *display, *s and *scan only read; the rest change volumes. */
export function lvm(program: string): Finding[] | null {
  if (!/^(pv|vg|lv)[a-z]+$/.test(program)) return null;
  if (/^(pv|vg|lv)(s|display|scan)$/.test(program)) return ro(`${program} only reads`);
  if (/^(pv|vg|lv)remove$/.test(program) || program === 'lvreduce' || program === 'vgreduce') return destr(`${program} removes volumes or shrinks them (data lost)`);
  return mut(`${program} changes volumes`);
}

/** PostgreSQL's cluster tools (postgresql-common) and the server's own maintenance programs. */
export const pgClusterTools: Record<string, Rule> = {
  pg_lsclusters: () => ro('pg_lsclusters only lists'),
  pg_dropcluster: () => destr('pg_dropcluster deletes a cluster and its data'),
  pg_createcluster: () => mut('pg_createcluster creates a cluster'),
  pg_renamecluster: () => mut('pg_renamecluster renames a cluster'),
  pg_upgradecluster: () => mut('pg_upgradecluster upgrades a cluster (the old one stays)'),
  pg_ctlcluster: (args) => {
    const action = scanArgs(args, ['o', 'm', 'mode']).positional[2] ?? '';
    if (action === 'status') return ro('pg_ctlcluster status only reads');
    if (action === 'stop') return destr('pg_ctlcluster stop stops the database (an outage until started again)');
    return mut(`pg_ctlcluster ${action} changes the database server`.trim());
  },
  pg_conftool: (args) => (/^(show|get)$/.test(scanArgs(args).positional.find((a) => /^(show|get|set|remove|edit)$/.test(a)) ?? 'show') ? ro('pg_conftool show only reads') : mut('pg_conftool changes the configuration')),
  pg_resetwal: () => destr('pg_resetwal discards write-ahead log (data can be lost)'),
  pg_resetxlog: () => destr('pg_resetxlog discards write-ahead log (data can be lost)'),
  pg_rewind: () => destr('pg_rewind overwrites a data directory'),
  pg_archivecleanup: () => destr('pg_archivecleanup deletes archived WAL files'),
  pg_basebackup: () => mut('pg_basebackup writes a base backup'),
  pg_receivewal: () => mut('pg_receivewal writes WAL files'),
  pg_upgrade: () => mut('pg_upgrade upgrades a cluster'),
  initdb: () => mut('initdb creates a data directory'),
  clusterdb: () => mut('clusterdb reorders tables'),
  mysqladmin: (args) => {
    const sub = scanArgs(args, ['u', 'user', 'p', 'h', 'host', 'P', 'port', 'S', 'socket']).positional[0] ?? '';
    if (['status', 'extended-status', 'ping', 'processlist', 'variables', 'version'].includes(sub)) return ro(`mysqladmin ${sub} only reads`);
    if (['drop', 'shutdown', 'kill', 'purge'].some((w) => sub.startsWith(w))) return destr(`mysqladmin ${sub} removes data or stops the server`);
    return mut(`mysqladmin ${sub} changes the server`.trim());
  },
};

/** firewalld: listing and querying read; removing, panic mode and a full reload can cut the host off. */
export const firewallCmd: Rule = (args) => {
  const opts = args.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0]!);
  if (opts.some((o) => /^(remove-|delete-|panic-on|complete-reload|set-default-zone|reset-)/.test(o))) return destr('firewall-cmd removes rules or blocks traffic');
  if (opts.some((o) => /^(add-|change-|new-|reload|runtime-to-permanent|set-|permanent)/.test(o))) return mut('firewall-cmd changes the firewall');
  return ro('firewall-cmd only reads');
};
