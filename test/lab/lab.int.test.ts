// Smoke test of the lab itself: if this fails, every integration test's
// failure is about the lab, not about riskctl. Uses only the system OpenSSH
// client, so it does not depend on riskctl's own SSH code.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../../src/hosts/loadConfig';
import { hostStart, hostStop, labDir, readLab, type LabHost, type LabInfo } from './lab';

function sshArgs(lab: LabInfo, h: LabHost, command: string): string[] {
  return [
    '-F',
    '/dev/null',
    '-i',
    lab.identityFile,
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    `UserKnownHostsFile=${lab.knownHosts}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'ConnectTimeout=5',
    '-o',
    'LogLevel=ERROR',
    '-p',
    String(h.port),
    `${lab.user}@${h.address}`,
    command,
  ];
}
const ssh = (lab: LabInfo, h: LabHost, command: string): string =>
  execFileSync('ssh', ['-n', ...sshArgs(lab, h, command)], { encoding: 'utf8', timeout: 10_000 });

/** The key a live server presents, base64 only. */
const liveKey = (h: LabHost): string =>
  execFileSync('ssh-keyscan', ['-T', '5', '-t', 'ed25519', '-p', String(h.port), h.address], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .split(' ')[2]!
    .trim();
const fileKey = (h: LabHost): string => readFileSync(h.hostKeyPub, 'utf8').split(' ')[1]!;

function probe(address: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host: address, port });
    s.setTimeout(3000, () => (s.destroy(), resolve('timeout')));
    s.once('connect', () => (s.destroy(), resolve('open')));
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

describe('the lab', () => {
  it('describes 3 OpenSSH hosts with distinct host keys that the running servers present', () => {
    expect(process.env.RISKCTL_LAB_DIR).toBe(labDir()); // set by globalSetup, seen by the workers
    const lab = readLab();
    expect(lab.dir).toBe(labDir());
    expect(lab.user).toBe('riskctl-lab');
    expect(lab.hosts.length).toBeGreaterThanOrEqual(3); // more if someone ran `lab.sh up 5` by hand
    const hosts = lab.hosts.slice(0, 3);
    expect(hosts.map((h) => [h.name, h.address, h.port])).toEqual([
      ['lab-1', '127.0.0.2', 2222],
      ['lab-2', '127.0.0.3', 2222],
      ['lab-3', '127.0.0.4', 2222],
    ]);
    expect(new Set(hosts.map((h) => h.fingerprint)).size).toBe(3);
    const knownHosts = readFileSync(lab.knownHosts, 'utf8');
    for (const h of hosts) {
      expect(h.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      const printed = execFileSync('ssh-keygen', ['-lf', h.hostKeyPub], { encoding: 'utf8' }).split(' ')[1];
      expect(h.fingerprint).toBe(printed);
      expect(knownHosts).toContain(`[${h.address}]:2222 ssh-ed25519 ${fileKey(h)}\n`);
      expect(liveKey(h)).toBe(fileKey(h));
      expect(Number(readFileSync(h.pidFile, 'utf8'))).toBeGreaterThan(1);
    }
  });

  it('writes a riskctl config that riskctl itself accepts, lab-1 marked production', () => {
    const lab = readLab();
    const cfg = readConfigFile(lab.config);
    expect(cfg.hosts.map((h) => h.name)).toEqual(lab.hosts.map((h) => h.name));
    const [one, two] = cfg.hosts;
    expect(one?.ssh).toMatchObject({ host: '127.0.0.2', port: 2222, user: 'riskctl-lab', knownHosts: lab.knownHosts });
    expect(one?.ssh?.identityFiles).toEqual([lab.identityFile]);
    expect(one?.tags).toEqual(['lab', 'production']);
    expect(two?.tags).toEqual(['lab']);
  });

  it('lets the system ssh client log in to lab-2 and read /proc/loadavg', () => {
    const lab = readLab();
    const [user, loadavg] = ssh(lab, lab.hosts[1]!, 'id -un; cat /proc/loadavg').trim().split('\n');
    expect(user).toBe('riskctl-lab');
    expect(loadavg).toMatch(/^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\/\d+ \d+$/);
    // The generated ssh_config reaches the same host by name.
    const viaConfig = execFileSync('ssh', ['-n', '-F', lab.sshConfig, 'lab-2', 'echo $SSH_CONNECTION'], { encoding: 'utf8' });
    expect(viaConfig.trim().split(' ').slice(2)).toEqual(['127.0.0.3', '2222']);
  });

  it('host-stop drops lab-2 and its open sessions; host-start brings it back with the same key', async () => {
    const lab = readLab();
    const h = lab.hosts[1]!;
    const keyBefore = liveKey(h);
    // A session open before the stop must die with it, as a real host going away would.
    const session = spawn('ssh', sshArgs(lab, h, 'echo ready; exec sleep 60'), { stdio: ['ignore', 'pipe', 'ignore'] });
    const ended = new Promise<number | null>((resolve) => session.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      session.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      session.once('exit', () => reject(new Error('ssh session ended before the stop')));
    });
    try {
      hostStop(2);
      expect(await Promise.race([ended, new Promise((r) => setTimeout(() => r('still open'), 5000))])).toBe(255);
      expect(await probe(h.address, h.port)).toBe('ECONNREFUSED');
      expect(await probe('127.0.0.2', 2222)).toBe('open'); // the others are untouched
      expect(await probe('127.0.0.4', 2222)).toBe('open');
    } finally {
      session.kill();
      hostStart(2); // leave the lab as we found it, even when an assertion failed
    }
    expect(await probe(h.address, h.port)).toBe('open');
    expect(liveKey(h)).toBe(keyBefore);
    expect(ssh(lab, h, 'echo back').trim()).toBe('back');
  });
});
