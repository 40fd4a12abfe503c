import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { runCli } from '../../src/app/cli';
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

let inProcessRun = false;

/**
 * Runs the command line in this test's own process, as the bin would run it,
 * with stdout and stderr captured: `env` is set on process.env for the run and
 * restored after (a worker thread's process.env is its own copy). A few tests
 * run the built bin instead (riskctl()) so that the process boundary — the
 * bundle, its exit code, its streams — stays tested.
 */
export async function riskctlInProcess(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  // The environment is the process's: two runs at once would see each other's.
  if (inProcessRun) throw new Error('riskctlInProcess: one run at a time');
  inProcessRun = true;
  const saved = Object.keys(env).map((k) => [k, process.env[k]] as const);
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  try {
    const code = await runCli(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    inProcessRun = false;
  }
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

/**
 * A fresh folder under the lab host's /tmp that every login may write to
 * (riskctl's steps run as other logins too), removed with what is in it when
 * the test that made it ends.
 */
export function hostWorkDir(h: LabHost, prefix: string): string {
  const dir = onHost(h, `d=$(mktemp -d /tmp/riskctl-${prefix}.XXXXXX) && chmod 0777 "$d" && echo "$d"`).trim();
  onTestFinished(() => {
    onHost(h, `rm -rf '${dir}'`);
  });
  return dir;
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
    // A shared machine's `ps -eo args` can pass the default 1 MiB.
    { encoding: 'utf8', timeout: 15_000, maxBuffer: 64 * 1024 * 1024 },
  );
}
