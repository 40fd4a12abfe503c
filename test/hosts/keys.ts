// Test helper: real OpenSSH keys made by ssh-keygen in a temp dir.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestKey {
  type: string; // as written in .pub: ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256
  pubFile: string;
  blob: Buffer;
  /** The fingerprint exactly as `ssh-keygen -lf` prints it. */
  sshKeygenFingerprint: string;
}

export function tempDir(prefix = 'riskctl-hosts-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function makeKey(dir: string, name: string, kind: 'ed25519' | 'rsa' | 'ecdsa' = 'ed25519'): TestKey {
  const file = join(dir, name);
  const extra = kind === 'rsa' ? ['-b', '2048'] : [];
  execFileSync('ssh-keygen', ['-q', '-t', kind, ...extra, '-N', '', '-C', name, '-f', file]);
  const [type, b64] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/);
  const fp = execFileSync('ssh-keygen', ['-lf', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
  return { type: type!, pubFile: `${file}.pub`, blob: Buffer.from(b64!, 'base64'), sshKeygenFingerprint: fp };
}

/** "type base64" as it appears after the host field of a known_hosts line. */
export function keyText(k: TestKey): string {
  return `${k.type} ${k.blob.toString('base64')}`;
}
