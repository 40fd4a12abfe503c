/**
 * Docker, Compose and the Risk Platform's own `risk-platform` CLI. Stopping
 * or removing is destructive (an outage or lost data until someone acts);
 * restarting, starting, building, pulling is mutating; looking is read-only.
 * Commands run inside a container (exec, run) are classified too.
 */
import { baseName, scanArgs } from '../argScan';
import { destr, mut, ro, type Finding, type Recurse, type Rule } from './types';

const DOCKER_GLOBAL = ['context', 'c', 'H', 'host', 'config', 'l', 'log-level', 'tlscacert', 'tlscert', 'tlskey'];
const COMPOSE_GLOBAL = ['f', 'file', 'p', 'project-name', 'project-directory', 'env-file', 'profile', 'ansi', 'progress', 'parallel'];
const EXEC_VALUED = ['u', 'user', 'w', 'workdir', 'e', 'env', 'index', 'env-file', 'detach-keys'];
const RUN_VALUED = [
  ...EXEC_VALUED,
  ...['v', 'volume', 'p', 'publish', 'name', 'network', 'net', 'entrypoint', 'mount', 'l', 'label', 'cpus', 'm', 'memory', 'restart', 'hostname', 'h'],
  ...['add-host', 'log-driver', 'log-opt', 'device', 'cap-add', 'cap-drop', 'security-opt', 'ulimit', 'tmpfs', 'platform', 'pull', 'gpus', 'ipc', 'pid', 'shm-size', 'stop-signal', 'stop-timeout', 'workdir'],
];

const COMPOSE_RO = new Set(['ps', 'logs', 'config', 'images', 'top', 'ls', 'version', 'port', 'events', 'convert']);
const COMPOSE_MUT = new Set(['restart', 'start', 'up', 'build', 'pull', 'create', 'pause', 'unpause', 'cp', 'push', 'scale', 'watch', 'wait']);
const COMPOSE_DESTR = new Set(['stop', 'kill', 'down', 'rm']);

/** The command run inside a container, or nothing when the container runs its default. */
function inner(rest: string[], r: Recurse): Finding[] {
  return rest.length ? r.argv(rest) : [];
}

export const compose: Rule = (args, r) => {
  const g = scanArgs(args, COMPOSE_GLOBAL, true);
  const [sub, ...rest] = g.positional;
  const what = `docker compose ${sub ?? ''}`.trim();
  if (sub === undefined) return ro('docker compose help');
  if (sub === 'exec') {
    const s = scanArgs(rest, EXEC_VALUED, true);
    return [...ro(`${what}: runs a command in a running service`), ...inner(s.positional.slice(1), r)];
  }
  if (sub === 'run') {
    const s = scanArgs(rest, RUN_VALUED, true);
    return [...mut(`${what}: starts a new container`), ...inner(s.positional.slice(1), r)];
  }
  if (COMPOSE_RO.has(sub)) return ro(`${what} only reads`);
  if (sub === 'down' && rest.some((a) => a === '-v' || a === '--volumes')) return destr(`${what} -v removes containers and their volumes`);
  if (COMPOSE_DESTR.has(sub)) return destr(`${what} stops or removes services (an outage until started again)`);
  if (COMPOSE_MUT.has(sub)) return mut(`${what} changes running services`);
  return mut(`unknown ${what}: treated as mutating`);
};

const DOCKER_RO = new Set(['ps', 'images', 'inspect', 'logs', 'version', 'info', 'top', 'port', 'diff', 'history', 'events', 'search', 'stats']);
const DOCKER_DESTR = new Set(['rm', 'rmi', 'stop', 'kill', 'prune']);
const OBJECTS = new Set(['container', 'image', 'network', 'volume', 'system', 'builder', 'buildx', 'plugin', 'secret', 'config', 'service', 'stack', 'node', 'context']);
const OBJECT_RO = new Set(['ls', 'list', 'inspect', 'df', 'info', 'history', 'logs', 'ps']);
const OBJECT_DESTR = new Set(['rm', 'remove', 'prune', 'kill', 'stop', 'disconnect']);

export const docker: Rule = (args, r) => {
  const g = scanArgs(args, DOCKER_GLOBAL, true);
  const [sub, ...rest] = g.positional;
  if (sub === undefined) return ro('docker help');
  if (sub === 'compose') return compose(rest, r, 'docker-compose');
  if (sub === 'exec') {
    const s = scanArgs(rest, EXEC_VALUED, true);
    return [...ro('docker exec: runs a command in a container'), ...inner(s.positional.slice(1), r)];
  }
  if (sub === 'run') {
    const s = scanArgs(rest, RUN_VALUED, true);
    return [...mut('docker run starts a new container'), ...inner(s.positional.slice(1), r)];
  }
  if (OBJECTS.has(sub)) {
    const verb = scanArgs(rest).positional[0] ?? '';
    const what = `docker ${sub} ${verb}`.trim();
    if (OBJECT_RO.has(verb) || verb === '') return ro(`${what} only reads`);
    if (OBJECT_DESTR.has(verb)) {
      const things = { system: 'unused containers, networks and images', volume: 'volumes and their data', builder: 'build cache' }[sub] ?? `${sub}s`;
      return destr(`${what} deletes ${verb === 'prune' ? '' : 'the named '}${things}`.replace('  ', ' '));
    }
    return mut(`${what} changes Docker objects`);
  }
  if (DOCKER_RO.has(sub)) return ro(`docker ${sub} only reads`);
  if (DOCKER_DESTR.has(sub)) return destr(`docker ${sub} stops or removes (an outage or lost data)`);
  return mut(`docker ${sub} changes containers or images`);
};

type Entry = [risk: 'read-only' | 'mutating' | 'destructive', effect: string];
const R = (effect = 'only reads'): Entry => ['read-only', effect];
const M = (effect: string): Entry => ['mutating', effect];
const D = (effect: string): Entry => ['destructive', effect];
/** The platform CLI's verbs, from the library's own use of them. */
const RISK_PLATFORM: Record<string, Record<string, Entry>> = {
  platform: { status: R(), dashboard: R('shows a live dashboard'), start: M('starts the platform'), restart: M('restarts every service'), stop: D('stops the platform (an outage until started again)') },
  performance: { monitor: R(), 'load-test': M('puts load on the target'), optimize: M('changes system and service settings') },
  database: { monitor: R(), status: R(), migrate: M('changes the database schema'), backup: M('writes a database backup'), restore: D('replaces the database with a backup'), reset: D('empties the database and recreates it') },
  logs: { errors: R(), tail: R(), show: R(), clean: D('deletes old log files') },
  security: { audit: R('only reads (writes its own report)'), scan: R('only reads (writes its own report)'), verify: R() },
  backup: { full: M('writes a full backup'), database: M('writes a database backup'), list: R(), verify: R(), restore: D('replaces the platform’s data with a backup') },
  deploy: { service: M('deploys a new version of a service'), rollback: M('rolls the deployment back') },
  compliance: { 'collect-audit-evidence': M('writes evidence files'), check: R() },
};

export const riskPlatform: Rule = (args) => {
  const [group = '', verb = '', ...rest] = scanArgs(args).positional;
  const what = `risk-platform ${group} ${verb}`.trim();
  const entry = RISK_PLATFORM[group]?.[verb];
  if (group === 'security' && verb === 'certs') {
    // `certs DOMAIN check-expiry` looks; `certs DOMAIN generate-self-signed` replaces the certificate.
    const action = rest[1];
    if (action === undefined || action === 'check-expiry' || action === 'list') return ro(`${what} ${action ?? ''} checks certificates`.replace('  ', ' '));
    return mut(`${what} … ${action} changes certificates`);
  }
  if (entry === undefined) {
    // An unknown verb that says it destroys (database reset, cache flush, logs purge) is taken at its word.
    if (DESTROYING_WORD.test(verb) || (verb === '' && DESTROYING_WORD.test(group)) || /^(rm|del|stop|kill|disable|drop)$/i.test(verb)) return destr(`unknown ${what}: its name says it removes, resets or stops`);
    return mut(`unknown ${what}: treated as mutating`);
  }
  return [{ risk: entry[0], reason: `${what} ${entry[1]}` }];
};

/** Scripts named for what they destroy are destructive; any other script is at least mutating. */
export function script(program: string, how = 'script'): Finding[] {
  const name = baseName(program);
  if (DESTROYING_WORD.test(name)) return destr(`${how} ${name}: its name says it restores, deletes or resets`);
  return mut(`${how} ${name}: unknown effect, treated as mutating`);
}

/** Words that name a destroying action, in a script's name or an unknown subcommand. */
export const DESTROYING_WORD = /(restore|delete|drop|purge|wipe|destroy|reset|uninstall|remove|clean|truncate|flush|erase|nuke|teardown|tear-down)/i;
