import { PassThrough, type Duplex } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import {
  HostError,
  type ExecOptions,
  type ExecResult,
  type Host,
  type HostListener,
  type HostStatus,
  type ShellOptions,
  type ShellSession,
  type StreamOptions,
} from './Host';
import type { HostConfig } from './HostConfig';
import { DEFAULT_READ_MAX_BYTES } from './limits';
import { killGroupCommand, remoteCommand, signalGroupCommand } from './remoteCommand';
import { runOnChannel, type ChannelContext, type ChannelOutcome, type ChannelRun } from './sshChannel';
import { SshLink, type SshLinkOptions } from './SshLink';
import { HostStatusTracker } from './HostStatusTracker';

export type { UnknownHostKey, UnknownHostKeyPolicy } from './hostKeyCheck';

export interface SshHostOptions extends Omit<SshLinkOptions, 'resolveHost'> {
  /** Finds the SshHost of another configured host, for ProxyJump (`ssh.jump`). */
  resolveHost?: (name: string) => SshHost | undefined;
}

/**
 * A host behind SSH. ONE ssh2 connection (see SshLink) carries everything:
 * exec and stream as session channels, openTcp as `direct-tcpip`, openUnix as
 * `direct-streamlocal@openssh.com`, readFile as an exec of `head -c`, openShell
 * as a `shell` session channel with a pty.
 */
export class SshHost implements Host {
  readonly kind = 'ssh' as const;
  readonly name: string;
  private readonly cell = new HostStatusTracker();
  private readonly link: SshLink;

  constructor(
    readonly config: HostConfig,
    options: SshHostOptions = {},
  ) {
    this.name = config.name;
    this.link = new SshLink(config, options, this.cell);
  }

  status(): HostStatus {
    return this.cell.get();
  }

  onStatus(listener: HostListener): () => void {
    return this.cell.subscribe(listener);
  }

  /** Connect now. Idempotent; also cuts a reconnect wait short, and is the way out of a refusal. */
  connect(): Promise<void> {
    return this.link.connect();
  }

  async close(): Promise<void> {
    this.link.close();
  }

  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const started = Date.now();
    const r = await this.run(command, opts, { onStdout: (c) => out.push(c), onStderr: (c) => err.push(c) });
    return {
      code: r.code,
      // Decode once at the end: a multi-byte character may straddle two chunks.
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
      durationMs: Date.now() - started,
      timedOut: r.timedOut,
    };
  }

  async stream(command: string, opts: StreamOptions): Promise<number | null> {
    return (
      await this.run(command, opts, {
        onStdout: opts.onStdout,
        onStderr: opts.onStderr,
        onStdin: opts.onStdin,
        pty: opts.pty,
        onProcessGroup: opts.onProcessGroup,
      })
    ).code;
  }

  openTcp(host: string, port: number): Promise<Duplex> {
    return this.openForward(`${host}:${port}`, (c, cb) => c.forwardOut('127.0.0.1', 0, host, port, cb));
  }

  openUnix(path: string): Promise<Duplex> {
    return this.openForward(path, (c, cb) => c.openssh_forwardOutStreamLocal(path, cb));
  }

  /**
   * The user's login shell, as `ssh HOST` starts it (sshd runs it as a login
   * shell on a `shell` request), on a new session channel of the one
   * connection. The channel holds one of the connection's session slots while it lasts.
   */
  async openShell(opts: ShellOptions): Promise<ShellSession> {
    const client = this.link.requireClient();
    const release = await this.link.sessions.acquire();
    let untrack = () => {};
    try {
      const ch = await new Promise<ClientChannel>((resolve, reject) => {
        untrack = this.link.track(() => reject(new HostError(this.name, 'connection lost while opening a shell', 'unreachable')));
        try {
          client.shell({ term: opts.term, cols: opts.cols, rows: opts.rows, width: 0, height: 0 }, (err, channel) =>
            err ? reject(this.channelError(err, 'cannot open a shell')) : resolve(channel),
          );
        } catch (e) {
          reject(this.channelError(e, 'cannot open a shell'));
        }
      });
      untrack();
      let code: number | null = null;
      ch.on('exit', (c: number | null) => {
        code = typeof c === 'number' ? c : null;
      });
      const exit = new Promise<number | null>((resolve) => {
        let done = false;
        const end = () => {
          if (done) return;
          done = true;
          stopTracking();
          release();
          resolve(code);
        };
        const stopTracking = this.link.track(end);
        ch.on('close', end);
      });
      // Under a pty the shell's stderr arrives with its stdout; what sshd still sends apart is shown too.
      const output = new PassThrough();
      ch.pipe(output);
      ch.stderr.pipe(output, { end: false });
      return {
        output,
        write: (data) => {
          if (ch.writable) ch.write(data);
        },
        resize: (cols, rows) => {
          try {
            ch.setWindow(rows, cols, 0, 0);
          } catch {
            // the channel is closing
          }
        },
        exit,
        close: () => {
          try {
            ch.signal('HUP');
          } catch {
            // the server may not support signals
          }
          ch.close();
        },
      };
    } catch (e) {
      untrack();
      release();
      throw e;
    }
  }

  async readFile(path: string, opts: { maxBytes?: number } = {}): Promise<Buffer> {
    const max = opts.maxBytes ?? DEFAULT_READ_MAX_BYTES;
    if (!Number.isSafeInteger(max) || max < 0) throw new HostError(this.name, `bad maxBytes ${max}`, 'config');
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    // The path travels as a variable (never as command text); head -c stops at the
    // limit on the host, so an oversized file is never shipped whole.
    const r = await this.run(
      `head -c ${max + 1} -- "$RISKCTL_PATH"`,
      { env: { RISKCTL_PATH: path }, timeoutMs: 30_000 },
      { onStdout: (c) => out.push(c), onStderr: (c) => err.push(c) },
    );
    if (r.code !== 0) {
      const stderr = Buffer.concat(err).toString('utf8').trim();
      const why = r.timedOut ? 'timed out' : r.code === null ? 'connection lost' : stderr.split(': ').pop() || `exit ${r.code}`;
      throw new HostError(this.name, `cannot read ${path} (${why})`, r.code === null && !r.timedOut ? 'unreachable' : 'io');
    }
    const data = Buffer.concat(out);
    if (data.length > max) throw new HostError(this.name, `${path} is larger than ${max} bytes`, 'io');
    return data;
  }

  private async run(
    command: string,
    opts: ExecOptions,
    sinks: Pick<ChannelRun, 'onStdout' | 'onStderr' | 'onStdin' | 'pty' | 'onProcessGroup'>,
  ): Promise<ChannelOutcome> {
    let text: string;
    try {
      text = remoteCommand(command, opts.env);
    } catch (e) {
      throw new HostError(this.name, e instanceof Error ? e.message : String(e), 'config');
    }
    const client = this.link.requireClient();
    try {
      const run = { text, stdin: opts.stdin, timeoutMs: opts.timeoutMs, signal: opts.signal, ...sinks };
      return await runOnChannel(this.channelContext(client), run);
    } catch (e) {
      throw this.channelError(e, 'cannot run command');
    }
  }

  private channelContext(client: Client): ChannelContext {
    return {
      client,
      sessions: this.link.sessions,
      killGroup: (pid) => {
        try {
          client.exec(killGroupCommand(pid), (err, ch) => {
            if (err) return;
            ch.resume();
            ch.stderr.resume();
            ch.end();
          });
        } catch {
          // the connection is already gone, and with it the process group's lifeline
        }
      },
      signalGroup: (pid, sig) =>
        new Promise<void>((resolve) => {
          try {
            client.exec(signalGroupCommand(pid, sig), (err, ch) => {
              if (err) return resolve();
              ch.on('close', () => resolve());
              ch.resume();
              ch.stderr.resume();
              ch.end();
            });
          } catch {
            resolve(); // the connection is gone, and the group with it (a hang-up)
          }
        }),
      track: (onDrop) => this.link.track(onDrop),
    };
  }

  private openForward(what: string, open: (c: Client, cb: (err: Error | undefined, ch: Duplex) => void) => void): Promise<Duplex> {
    const client = this.link.requireClient();
    return new Promise((resolve, reject) => {
      const untrack = this.link.track(() => reject(new HostError(this.name, `connection lost while opening ${what}`, 'unreachable')));
      const done = (err: unknown, ch?: Duplex) => {
        untrack();
        if (err || !ch) reject(this.channelError(err, `cannot connect to ${what} on the host`));
        else resolve(ch);
      };
      try {
        open(client, done);
      } catch (e) {
        done(e);
      }
    });
  }

  private channelError(e: unknown, doing: string): HostError {
    if (e instanceof HostError) return e;
    const msg = e instanceof Error ? e.message.replace(/^\(SSH\) Channel open failure: /, '') : String(e);
    if (!this.link.isConnected()) return new HostError(this.name, `${doing}: not connected (${msg})`, 'unreachable');
    return new HostError(this.name, `${doing} (${msg.toLowerCase()})`, 'io');
  }
}
