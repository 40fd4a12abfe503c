// The lab's Docker engine, for the services and logs tests: the lab hosts
// (each reaches the engine over its own SSH connection), a direct client on
// the local socket (what Docker itself says, to check riskctl against), and
// ways to make containers and log files say something.
import { execFileSync } from 'node:child_process';
import Docker from 'dockerode';
import { createHosts } from '../../../src/hosts/createHosts';
import type { Host } from '../../../src/hosts/Host';
import type { HostConfig } from '../../../src/hosts/HostConfig';
import { readConfigFile } from '../../../src/hosts/loadConfig';
import { cleanEnv } from '../../app/cliHelpers';
import { readLab, type LabDocker } from '../../lab/lab';

export function dockerLab(): LabDocker {
  const d = readLab().docker;
  if (!d) throw new Error('lab.json has no "docker": the lab predates lab/docker.sh (bash lab/lab.sh up)');
  return d;
}

/** The lab config's entries for these hosts (docker, health, logs as the lab wrote them). */
export function labConfigs(...names: string[]): HostConfig[] {
  return readConfigFile(readLab().config).hosts.filter((h) => names.includes(h.name));
}

/** Connected SSH hosts of the lab config. */
export async function labHosts(...names: string[]): Promise<Map<string, Host>> {
  const hosts = createHosts(labConfigs(...names), { stateDir: cleanEnv().XDG_STATE_HOME!, onUnknownHostKey: async () => false });
  await Promise.all([...hosts.values()].map((h) => h.connect()));
  return hosts;
}

/** Docker itself, on the local socket: the reference the tests check riskctl against. */
export function directDocker(): Docker {
  return new Docker({ socketPath: dockerLab().socket });
}

export const containerName = (service: string): string => `${dockerLab().project}_${service}_1`;

/** Runs a shell command in the container with its output going to the container's own stdout/stderr (PID 1's). */
export function containerSay(service: string, shellCmd: string): void {
  execFileSync('docker', ['-H', `unix://${dockerLab().socket}`, 'exec', containerName(service), 'sh', '-c', `{ ${shellCmd}\n} >/proc/1/fd/1 2>/proc/1/fd/2`], {
    timeout: 30_000,
  });
}

export async function startedAt(service: string): Promise<string> {
  return (await directDocker().getContainer(containerName(service)).inspect()).State.StartedAt;
}

export { waitUntil } from '../../waitUntil';
