import type { Duplex } from 'node:stream';
import type { Client, ServerHostKeyAlgorithm } from 'ssh2';
import { Deadline } from './Deadline';
import { HostError } from './Host';
import { verifyHostKey, type UnknownHostKeyPolicy } from './hostKeyCheck';
import { knownKeyTypes, type KnownHostEntry } from './knownHosts';
import { describeAuth, type AuthPlan } from './sshAuth';
import { isRecoverableAuthError, mapConnectError } from './sshErrors';
import { keepConnectionAlive } from './sshKeepalive';

/**
 * One connection attempt: socket, handshake, host key check, authentication,
 * bounded by one pausable deadline and cancellable at any point. It either
 * yields a ready Client or fails with a HostError — and when it fails, no
 * channel was ever opened: a refused host shows no data.
 */

export type Ssh2Module = typeof import('ssh2');

export interface ConnectParams {
  name: string;
  ssh2: Ssh2Module;
  address: string;
  port: number;
  username: string;
  /** "127.0.0.2:2222" or "127.0.0.3:2222 via lab-1", for messages. */
  where: string;
  /** The transport under SSH: a TCP socket, or a forwarded channel of the jump host. */
  openSocket: (signal: AbortSignal) => Promise<Duplex>;
  auth: AuthPlan;
  knownHosts: readonly KnownHostEntry[];
  rememberIn: string;
  policy: UnknownHostKeyPolicy | undefined;
  keepaliveIntervalMs: number;
  keepaliveCountMax: number;
  readyTimeoutMs: number;
}

export interface ConnectedClient {
  client: Client;
  /** Something to show although the connection is fine (an accepted key not saved). */
  warning: string | null;
}

export interface Attempt {
  done: Promise<ConnectedClient>;
  cancel(): void;
}

/** ssh2's default host key algorithms, ed25519 first. */
const HOST_KEY_ALGOS: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/**
 * Ask first for the key types known_hosts lists for this host (as OpenSSH
 * does): a host with an RSA entry that offered ed25519 would otherwise look
 * "unknown" and trigger a needless prompt.
 */
export function hostKeyOrder(knownTypes: readonly string[]): ServerHostKeyAlgorithm[] {
  const wanted = new Set<string>();
  for (const t of knownTypes) {
    if (t === 'ssh-rsa') ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'].forEach((a) => wanted.add(a));
    else wanted.add(t);
  }
  const first = HOST_KEY_ALGOS.filter((a) => wanted.has(a));
  return [...first, ...HOST_KEY_ALGOS.filter((a) => !wanted.has(a))];
}

export function startConnect(p: ConnectParams): Attempt {
  const deadline = new Deadline(p.readyTimeoutMs);
  const socketAbort = new AbortController();
  let fail: (err: unknown) => void = () => {};
  let cancelled: HostError | null = null;

  const done = new Promise<ConnectedClient>((resolve, reject) => {
    let finished = false;
    let sock: Duplex | null = null;
    let client: Client | null = null;
    let hostKeyError: HostError | null = null;
    let verifiedKey: Buffer | null = null;
    let warning: string | null = null;
    const ctx = {
      name: p.name,
      where: p.where,
      login: `${p.username}@${p.address}:${p.port}`,
      auth: describeAuth(p.auth),
      readyTimeoutMs: p.readyTimeoutMs,
    };

    fail = (err: unknown) => {
      if (finished) return;
      finished = true;
      deadline.stop();
      socketAbort.abort();
      client?.removeAllListeners('ready');
      client?.on('error', () => {}); // late errors of a dead attempt must not crash the process
      sock?.destroy();
      client?.end();
      // A refused host key explains the generic "Host denied" ssh2 reports.
      reject(mapConnectError(hostKeyError ?? err, ctx));
    };

    deadline.onExpire = () =>
      fail(new HostError(p.name, `cannot reach ${p.where} (no connection within ${Math.round(p.readyTimeoutMs / 1000)} s)`, 'unreachable'));
    deadline.start();

    p.openSocket(socketAbort.signal).then((s) => {
      if (finished) {
        s.destroy();
        return;
      }
      sock = s;
      handshake(s);
    }, fail);

    function handshake(s: Duplex) {
      deadline.onExpire = () => fail(Object.assign(new Error('handshake timed out'), { level: 'client-timeout' }));
      const c = (client = new p.ssh2.Client());
      const onError = (err: Error & { level?: string }) => {
        if (!isRecoverableAuthError(err)) fail(err);
      };
      const onClose = () => fail(new Error('Connection lost before handshake'));
      c.on('error', onError);
      c.on('close', onClose);
      c.once('ready', () => {
        if (finished) return;
        finished = true;
        deadline.stop();
        c.removeListener('error', onError);
        c.removeListener('close', onClose);
        keepConnectionAlive(c, s, p.keepaliveIntervalMs, p.keepaliveCountMax);
        resolve({ client: c, warning });
      });
      try {
        c.connect({
          sock: s,
          username: p.username,
          authHandler: p.auth.methods,
          // A plain (non-async) function returning undefined: ssh2 then waits for
          // verify(). An async function would return a Promise, which ssh2 reads
          // as a truthy verdict — i.e. "accepted" before we even looked.
          hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
            if (verifiedKey) {
              // Re-key on a live connection: the host must keep the key it proved.
              verify(verifiedKey.equals(key));
              return;
            }
            deadline.pause(); // the operator may be reading a prompt
            verifyHostKey({ name: p.name, address: p.address, port: p.port, entries: p.knownHosts, rememberIn: p.rememberIn, policy: p.policy }, key).then(
              (w) => {
                warning = w;
                verifiedKey = key;
                deadline.resume();
                verify(!finished);
              },
              (err: unknown) => {
                hostKeyError = err instanceof HostError ? err : new HostError(p.name, String(err), 'host-key-unknown');
                verify(false);
                fail(hostKeyError);
              },
            );
          },
          keepaliveInterval: 0, // keepConnectionAlive's, from 'ready' on
          readyTimeout: 0, // the Deadline above is the bound (it can pause; ssh2's cannot)
          algorithms: { serverHostKey: hostKeyOrder(knownKeyTypes(p.knownHosts, p.address, p.port)) },
        });
      } catch (err) {
        fail(err);
      }
    }
  });

  return {
    done,
    cancel() {
      cancelled ??= new HostError(p.name, 'connection attempt cancelled', 'closed');
      fail(cancelled);
    },
  };
}
