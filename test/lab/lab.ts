// Test-side handle on the lab (lab/lab.sh). Everything goes through the script
// so tests, `npm run lab` and CI start the daemons exactly the same way.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HostConfig } from '../../src/hosts/HostConfig';

const SCRIPT = fileURLToPath(new URL('../../lab/lab.sh', import.meta.url));
export const DEFAULT_LAB_DIR = '/tmp/riskctl-lab';

export interface LabHost {
  name: string; // lab-1, lab-2 …
  address: string; // 127.0.0.2, 127.0.0.3 …
  port: number;
  tags: string[]; // lab-1 also carries "production"
  hostKeyPub: string; // path of the host's public key
  fingerprint: string; // "SHA256:…" as `ssh-keygen -lf` prints it
  pidFile: string;
  logFile: string; // sshd's log (LogLevel VERBOSE unless RISKCTL_LAB_SSHD_LOGLEVEL)
}

export interface LabInfo {
  dir: string;
  user: string; // the login user on every host (login shell /bin/sh)
  /** Two more logins on every host: one whose login shell is bash, one that finds no bash on its PATH. */
  shellUsers: { bash: string; noBash: string };
  identityFile: string; // client private key (ed25519, no passphrase)
  knownHosts: string; // "[127.0.0.2]:2222 ssh-ed25519 …" for every host
  config: string; // a riskctl config listing every host
  sshConfig: string; // an ssh_config: `ssh -F <sshConfig> lab-2`
  hosts: LabHost[];
  /** Prometheus 2.42 / Alertmanager 0.25 on loopback (lab/prometheus.sh); the config reaches them via lab-1. */
  prometheus: LabDaemon;
  alertmanager: LabDaemon;
  /** One dockerd for every lab host (lab/docker.sh): the risk-platform compose project, log files. */
  docker: LabDocker;
}

export interface LabDocker {
  socket: string; // reached by each lab host over its SSH connection
  project: string; // risk-platform
  image: string;
  /** Host log files (config `logs:` = logsDir/*.log): app.log, security.log. */
  logsDir: string;
  /** Compose services; redis is unhealthy and grafana exited, on purpose. */
  services: string[];
  /** Health URLs: api and prometheus answer 200, grafana refuses (its container exited). */
  health: Record<'api' | 'prometheus' | 'grafana', string>;
  pidFile: string;
  logFile: string;
}

export interface LabDaemon {
  url: string; // http://127.0.0.1:PORT
  port: number;
  pidFile: string;
  logFile: string;
}

export function labDir(): string {
  return process.env.RISKCTL_LAB_DIR || DEFAULT_LAB_DIR;
}

/** Runs lab.sh; a failure throws with the script's own explanation. */
function lab(...args: string[]): string {
  try {
    return execFileSync('bash', [SCRIPT, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RISKCTL_LAB_DIR: labDir() },
      timeout: 120_000,
    });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    const why = (err.stderr || err.stdout || err.message).trim();
    throw new Error(`lab.sh ${args.join(' ')} failed:\n${why}`, { cause: e });
  }
}

export const labUp = (n = 3): string => lab('up', String(n));
export const labDown = (): string => lab('down');
export const hostStop = (i: number): string => lab('host-stop', String(i));
export const hostStart = (i: number): string => lab('host-start', String(i));
/** Stop the lab's PostgreSQL (fast shutdown) and start it again, same data. */
export const pgStop = (): string => lab('pg-stop');
export const pgStart = (): string => lab('pg-start');
/** Stops the lab's dockerd (its containers stop with it); dockerStart brings both back. */
export const dockerStop = (): string => lab('docker-stop');
export const dockerStart = (): string => lab('docker-start');
/** Up on behalf of test run `id` (its PID), shared with other runs; pair with labRelease. */
export const labAcquire = (n: number, id: number): string => lab('acquire', String(n), String(id));
/** Ends run `id`; the last run out stops the lab, and only if a test run started it. */
export const labRelease = (id: number): string => lab('release', String(id));

export function readLab(): LabInfo {
  const file = `${labDir()}/lab.json`;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LabInfo;
  } catch (e) {
    throw new Error(`no lab described in ${file} (is it up? bash lab/lab.sh up): ${(e as Error).message}`, { cause: e });
  }
}

/** A lab host by 1-based index, failing loudly if the lab is smaller. */
export function labHost(i: number): LabHost {
  const h = readLab().hosts[i - 1];
  if (!h) throw new Error(`the lab has no host ${i}`);
  return h;
}

/** The HostConfig of a lab host reached over SSH with the lab's key, as the config loader would make it. */
export function labSshConfig(h: LabHost, origin: string, ssh: Partial<NonNullable<HostConfig['ssh']>> = {}, name = h.name): HostConfig {
  const lab = readLab();
  return {
    name,
    local: false,
    ssh: { host: h.address, port: h.port, user: lab.user, identityFiles: [lab.identityFile], knownHosts: lab.knownHosts, ...ssh },
    tags: [],
    docker: { socket: '/var/run/docker.sock' },
    health: [],
    logs: [],
    backups: { dir: '/tmp' },
    certificates: [],
    origin,
  };
}
