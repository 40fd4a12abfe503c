/** ssh2, loaded on the first connect, so a start-up without SSH hosts never pays for it. */
import { createRequire } from 'node:module';
import type { Ssh2Module } from './sshConnect';

const req = createRequire(import.meta.url);

let ssh2Module: Promise<Ssh2Module> | null = null;

export function loadSsh2(): Promise<Ssh2Module> {
  ssh2Module ??= Promise.resolve().then(() => req('ssh2') as Ssh2Module);
  return ssh2Module;
}
