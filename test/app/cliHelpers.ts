import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLab, type LabHost } from '../lab/lab';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built bin; a temp HOME and state dir keep the operator's files out of it. */
export function riskctl(args: string[], env: Record<string, string> = {}, timeoutMs = 40_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['dist/riskctl.mjs', ...args], { env: { ...process.env, ...env }, timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `riskctl-${prefix}-`));
}

/** A clean operator environment: empty HOME and XDG state. */
export function cleanEnv(): Record<string, string> {
  const home = tempDir('home');
  return { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config'), RISKCTL_CONFIG: '', SSH_AUTH_SOCK: '' };
}

export interface HostLine {
  name: string;
  host?: LabHost;
  address?: string;
  port?: number;
  jump?: string;
  knownHosts?: string | null;
  tags?: string[];
  /** Docker socket on the host; default: the lab's engine is not configured (the platform default path, absent). */
  dockerSocket?: string;
  /**
   * Health endpoints; default none. The platform's defaults (localhost:3000 …)
   * answer nowhere in the lab, and their CRITICAL alerts would drown what a test looks at.
   */
  health?: Array<{ name: string; url: string }>;
}

/** Writes a config for some lab hosts (and maybe made-up ones); knownHosts null omits the field. */
export function writeConfig(dir: string, hosts: HostLine[]): string {
  const lab = readLab();
  const lines = ['hosts:'];
  for (const h of hosts) {
    const addr = h.address ?? h.host?.address;
    const port = h.port ?? h.host?.port ?? 2222;
    const kh = h.knownHosts === undefined ? lab.knownHosts : h.knownHosts;
    lines.push(`  - name: ${h.name}`);
    lines.push(
      `    ssh: { host: ${addr}, port: ${port}, user: ${lab.user}, identityFile: ${lab.identityFile}${kh ? `, knownHosts: ${kh}` : ''}${h.jump ? `, jump: ${h.jump}` : ''} }`,
    );
    lines.push(`    tags: [${(h.tags ?? ['lab']).join(', ')}]`);
    if (h.dockerSocket) lines.push(`    docker: { socket: ${h.dockerSocket} }`);
    lines.push(`    health: [${(h.health ?? []).map((e) => `{ name: ${e.name}, url: ${e.url} }`).join(', ')}]`);
  }
  const file = join(dir, 'riskctl.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Runs a command on a lab host through the system's own ssh client: what the host itself says. */
export function onHost(h: LabHost, command: string): string {
  const lab = readLab();
  return execFileSync(
    'ssh',
    [
      '-F',
      '/dev/null',
      '-i',
      lab.identityFile,
      '-o',
      'BatchMode=yes',
      '-o',
      `UserKnownHostsFile=${lab.knownHosts}`,
      '-o',
      'StrictHostKeyChecking=yes',
      '-p',
      String(h.port),
      `${lab.user}@${h.address}`,
      command,
    ],
    { encoding: 'utf8', timeout: 15_000 },
  );
}
