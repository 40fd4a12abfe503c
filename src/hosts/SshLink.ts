import { homedir, userInfo } from 'node:os';
import type { Client } from 'ssh2';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff';
import { errnoText } from './errnoText';
import { HostError } from './Host';
import type { HostConfig } from './HostConfig';
import type { UnknownHostKeyPolicy } from './hostKeyCheck';
import { readKnownHostsFiles, riskctlKnownHostsPath, userKnownHostsPath } from './knownHosts';
import { Semaphore } from './Semaphore';
import { identityFilesFor, planAuth } from './sshAuth';
import { startConnect, type Attempt, type ConnectedClient } from './sshConnect';
import { loadSsh2 } from './loadSsh2';
import { lostReason } from './sshErrors';
import { resolveJump, tcpSocket, viaJump, type JumpHost } from './sshTransport';
import type { HostStatusTracker } from './HostStatusTracker';

export interface SshLinkOptions {
  /** Finds another configured host by name, for ProxyJump (`ssh.jump`). */
  resolveHost?: (name: string) => JumpHost | undefined;
  /** Asked about keys no known_hosts file lists. Without it, unknown keys are refused. */
  onUnknownHostKey?: UnknownHostKeyPolicy;
  /** riskctl's own known_hosts (always read; accepted keys are appended here). Default riskctlKnownHostsPath(). */
  ownKnownHostsFile?: string;
  /** The user's OpenSSH file, read unless the host sets `ssh.knownHosts`. Default ~/.ssh/known_hosts. */
  userKnownHostsFile?: string;
  /** ssh-agent socket; default $SSH_AUTH_SOCK; null disables the agent. */
  agentSocket?: string | null;
  /** Default 4000: with the count below, a silent peer is dropped after ~12 s (interval × (count + 1)). */
  keepaliveIntervalMs?: number;
  /** Unanswered keepalives tolerated; the next one missing drops the connection. Default 2. */
  keepaliveCountMax?: number;
  /** Budget for TCP connect + handshake + login, prompt time excluded. Default 10000. */
  readyTimeoutMs?: number;
  /** Reconnect delays. Default 500 ms doubling to 30 s, half jittered. */
  backoff?: Partial<BackoffOptions>;
  /** Concurrent exec/stream channels (sshd's MaxSessions defaults to 10); more wait their turn. */
  maxSessions?: number;
}

/** Refusals: retrying cannot help, and must not happen behind the operator's back. */
const REFUSALS = new Set(['auth', 'host-key-changed', 'host-key-unknown', 'config']);

/**
 * The one SSH connection of a host and its life: connect, keep alive, notice
 * the loss, reconnect with backoff forever until close() — except after a
 * refusal (host key, auth, config), which waits for an explicit connect().
 * Everything riding on a lost connection is settled at once (`track`).
 */
export class SshLink {
  readonly sessions: Semaphore;
  private readonly backoff: BackoffOptions;
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private attempt: Attempt | null = null;
  private wanted = false;
  /** Bumped by close(): results of attempts from before it are dropped. */
  private generation = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private unwatchJump: (() => void) | null = null;
  private failures = 0;
  private lastError: HostError | null = null;
  private readonly inflight = new Set<() => void>();

  constructor(
    private readonly config: HostConfig,
    private readonly options: SshLinkOptions,
    private readonly cell: HostStatusTracker,
  ) {
    this.sessions = new Semaphore(options.maxSessions ?? 10);
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  private get name(): string {
    return this.config.name;
  }

  connect(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.wanted = true;
    this.clearRetry(); // an explicit connect does not wait out the backoff
    if (!this.connecting) {
      this.cell.set('connecting', this.cell.get().error);
      this.connecting = this.tryConnect(true);
    }
    return this.connecting;
  }

  close(): void {
    this.wanted = false;
    this.generation++;
    this.clearRetry();
    this.unwatch();
    this.attempt?.cancel();
    this.attempt = null;
    this.connecting = null;
    const client = this.client;
    this.client = null;
    this.dropInflight(new HostError(this.name, 'closed', 'closed'));
    client?.end();
    this.cell.set('idle');
  }

  /** The live client, or a HostError at once: nothing waits on a host that is down. */
  requireClient(): Client {
    if (this.client) return this.client;
    const state = this.cell.get().state;
    if (state === 'error' && this.lastError) throw this.lastError;
    if (state === 'idle') throw new HostError(this.name, 'not connected', 'closed');
    const why = this.lastError ? ` (${this.plain(this.lastError)})` : '';
    throw new HostError(this.name, `not connected${why}`, 'unreachable');
  }

  isConnected(): boolean {
    return this.client !== null;
  }

  /** Call `onDrop` when the connection is lost or closed; returns the untrack function. */
  track(onDrop: () => void): () => void {
    this.inflight.add(onDrop);
    return () => {
      this.inflight.delete(onDrop);
    };
  }

  private tryConnect(explicit: boolean): Promise<void> {
    const gen = this.generation;
    const p: Promise<void> = this.openOnce(explicit)
      .then(
        ({ client, warning }) => {
          if (gen !== this.generation) {
            client.end(); // close() came while we were connecting
            throw new HostError(this.name, 'closed while connecting', 'closed');
          }
          this.adopt(client, warning);
        },
        (err: unknown) => {
          const e = err instanceof HostError ? err : new HostError(this.name, String(err), 'unreachable');
          if (gen !== this.generation) throw e;
          this.lastError = e;
          if (REFUSALS.has(e.code)) {
            this.wanted = false; // no retry until the operator calls connect() again
            this.unwatch();
            this.cell.set('error', this.plain(e));
          } else {
            this.scheduleRetry(this.plain(e));
          }
          throw e;
        },
      )
      .finally(() => {
        if (this.connecting === p) this.connecting = null;
      });
    return p;
  }

  private async openOnce(explicit: boolean): Promise<ConnectedClient> {
    const gen = this.generation;
    const ssh = this.config.ssh;
    if (!ssh) throw new HostError(this.name, `has no ssh settings (${this.config.origin})`, 'config');
    const jump = resolveJump(this.config, this.options.resolveHost);
    // A background retry leaves a jump host to its own reconnect loop; an explicit
    // connect (or a jump host nobody has connected yet) connects it first.
    if (jump && (explicit || jump.status().state === 'idle')) {
      await jump.connect().catch((e: unknown) => {
        throw new HostError(this.name, `cannot reach jump host ${jump.name}: ${e instanceof Error ? e.message : String(e)}`, 'unreachable');
      });
    }
    const ssh2 = await loadSsh2();
    const username = ssh.user ?? userInfo().username;
    const target = `${ssh.host}:${ssh.port}`;
    const agent = this.options.agentSocket === undefined ? process.env.SSH_AUTH_SOCK : (this.options.agentSocket ?? undefined);
    const keyFiles = identityFilesFor(ssh.identityFiles, agent, process.env.HOME || homedir());
    const auth = await planAuth(username, keyFiles, agent, (d) => ssh2.utils.parseKey(d));
    if (auth.methods.length === 0) {
      const why = auth.skipped.join(', ') || 'no identity file and no ssh-agent';
      throw new HostError(this.name, `no way to log in as ${username}@${target}: ${why}`, 'auth');
    }
    const own = this.options.ownKnownHostsFile ?? riskctlKnownHostsPath();
    // ssh.knownHosts replaces the user's file; our own file (keys the operator accepted) always counts.
    const files = [ssh.knownHosts ?? this.options.userKnownHostsFile ?? userKnownHostsPath(), own];
    const knownHosts = await readKnownHostsFiles(files).catch((e: unknown) => {
      throw new HostError(this.name, `cannot read known_hosts (${errnoText(e)})`, 'config');
    });
    if (gen !== this.generation) throw new HostError(this.name, 'closed while connecting', 'closed');
    this.attempt = startConnect({
      name: this.name,
      ssh2,
      address: ssh.host,
      port: ssh.port,
      username,
      where: jump ? `${target} via ${jump.name}` : target,
      openSocket: jump ? () => viaJump(this.name, jump, ssh.host, ssh.port) : (signal) => tcpSocket(this.name, ssh.host, ssh.port, signal),
      auth,
      knownHosts,
      rememberIn: own,
      policy: this.options.onUnknownHostKey,
      keepaliveIntervalMs: this.options.keepaliveIntervalMs ?? 4_000,
      keepaliveCountMax: this.options.keepaliveCountMax ?? 2,
      readyTimeoutMs: this.options.readyTimeoutMs ?? 10_000,
    });
    return this.attempt.done;
  }

  private adopt(client: Client, warning: string | null): void {
    this.unwatch();
    this.client = client;
    this.attempt = null;
    this.failures = 0;
    this.lastError = null;
    let lastErr: (Error & { level?: string; code?: string }) | null = null;
    client.on('error', (e: Error) => (lastErr = e));
    client.once('close', () => this.lost(client, lastErr));
    this.cell.set('connected', warning);
  }

  private lost(client: Client, err: (Error & { level?: string; code?: string }) | null): void {
    if (this.client !== client) return;
    this.client = null;
    const e = new HostError(this.name, `connection lost (${lostReason(err)})`, 'unreachable');
    this.lastError = e;
    this.dropInflight(e);
    if (this.wanted) this.scheduleRetry(this.plain(e));
    else this.cell.set('idle');
  }

  private scheduleRetry(reason: string): void {
    this.clearRetry();
    const delay = backoffDelay(this.failures++, this.backoff);
    this.cell.set('disconnected', `${reason}; retrying in ${(delay / 1000).toFixed(1)} s`);
    this.retryTimer = setTimeout(() => this.retryNow(), delay);
    this.watchJump();
  }

  private retryNow(): void {
    this.clearRetry();
    if (!this.wanted || this.client || this.connecting) return;
    this.connecting = this.tryConnect(false);
    this.connecting.catch(() => {}); // the outcome shows in status(); nobody awaits a background retry
  }

  /**
   * Behind a jump host, our retries cannot succeed before it is back; when it
   * is, try at once instead of sleeping out a backoff that may have grown to 30 s.
   */
  private watchJump(): void {
    if (this.unwatchJump) return;
    let jump: JumpHost | null;
    try {
      jump = resolveJump(this.config, this.options.resolveHost);
    } catch {
      return; // a config error surfaces from the attempt itself
    }
    this.unwatchJump =
      jump?.onStatus((s) => {
        if (s.state === 'connected' && this.retryTimer) this.retryNow();
      }) ?? null;
  }

  private unwatch(): void {
    this.unwatchJump?.();
    this.unwatchJump = null;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Settle everything riding on the lost connection now, rather than let it hang. */
  private dropInflight(err: HostError): void {
    const drops = [...this.inflight];
    this.inflight.clear();
    for (const drop of drops) drop();
    this.sessions.failWaiting(err);
  }

  /** The error text without our own "name: " prefix (the status already belongs to this host). */
  private plain(e: HostError): string {
    const prefix = `${this.name}: `;
    return e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  }
}
