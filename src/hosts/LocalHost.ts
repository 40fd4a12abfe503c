import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  HostError,
  type ExecOptions,
  type ExecResult,
  type Host,
  type HostListener,
  type HostStatus,
  type ProcessGroup,
  type ShellOptions,
  type ShellSession,
  type StdinFeed,
  type StreamOptions,
} from './Host';
import { HostStatusTracker } from './HostStatusTracker';
import { errnoText } from './errnoText';
import { DEFAULT_READ_MAX_BYTES } from './limits';
import { isEnvName } from './shellEnv';

/**
 * This machine as a Host. Commands run under `/bin/sh -c` in their own process
 * group, so a timeout or abort kills the whole pipeline, not just the shell.
 */
export class LocalHost implements Host {
  readonly kind = 'local' as const;
  private readonly cell = new HostStatusTracker();

  constructor(readonly name: string = 'local') {}

  status(): HostStatus {
    return this.cell.get();
  }

  onStatus(listener: HostListener): () => void {
    return this.cell.subscribe(listener);
  }

  async connect(): Promise<void> {
    this.cell.set('connected');
  }

  async close(): Promise<void> {
    this.cell.set('idle');
  }

  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const started = Date.now();
    const { code, timedOut } = await this.run(
      command,
      opts,
      (c) => out.push(c),
      (c) => err.push(c),
    );
    return {
      code,
      // Decode once at the end: a multi-byte character may straddle two chunks.
      stdout: Buffer.concat(out).toString('utf8'),
      stderr: Buffer.concat(err).toString('utf8'),
      durationMs: Date.now() - started,
      timedOut,
    };
  }

  async stream(command: string, opts: StreamOptions): Promise<number | null> {
    const { code } = await this.run(command, opts, opts.onStdout, opts.onStderr, opts.onStdin, opts.onProcessGroup);
    return code;
  }

  openTcp(host: string, port: number): Promise<Duplex> {
    return this.openSocket(
      () => netConnect({ host, port }),
      `${host}:${port}`,
      (s) => s.setNoDelay(true),
    );
  }

  openUnix(path: string): Promise<Duplex> {
    return this.openSocket(() => netConnect({ path }), path);
  }

  /**
   * The operator's $SHELL as a login shell in their home folder, on this
   * process's own terminal (stdio inherited): the kernel gives it the size and
   * SIGWINCH, so there is nothing to pipe and nothing to resize.
   */
  async openShell(opts: ShellOptions): Promise<ShellSession> {
    const shell = process.env.SHELL || '/bin/sh';
    const child = spawn(shell, ['-l'], { stdio: 'inherit', cwd: homedir(), env: { ...process.env, TERM: opts.term } });
    const exit = new Promise<number | null>((resolve, reject) => {
      child.once('error', (e) => reject(new HostError(this.name, `cannot run ${shell} (${errnoText(e)})`, 'io')));
      child.once('close', (code) => resolve(code));
    });
    // A spawn failure surfaces here, before the caller waits on exit.
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      exit.catch(reject);
    });
    return {
      output: null,
      write: () => {},
      resize: () => {},
      exit,
      close: () => {
        child.kill('SIGHUP');
      },
    };
  }

  async readFile(path: string, opts: { maxBytes?: number } = {}): Promise<Buffer> {
    const max = opts.maxBytes ?? DEFAULT_READ_MAX_BYTES;
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (e) {
      throw new HostError(this.name, `cannot read ${path} (${errnoText(e)})`, 'io');
    }
    try {
      // Read up to one byte past the limit rather than trusting stat: /proc files report size 0.
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const buf = Buffer.alloc(Math.min(64 * 1024, max + 1 - total));
        if (buf.length === 0) break;
        const { bytesRead } = await handle.read(buf, 0, buf.length, null);
        if (bytesRead === 0) break;
        chunks.push(buf.subarray(0, bytesRead));
        total += bytesRead;
      }
      if (total > max) throw new HostError(this.name, `${path} is larger than ${max} bytes`, 'io');
      return Buffer.concat(chunks);
    } catch (e) {
      if (e instanceof HostError) throw e;
      throw new HostError(this.name, `cannot read ${path} (${errnoText(e)})`, 'io');
    } finally {
      await handle.close();
    }
  }

  private openSocket(make: () => Socket, what: string, tune?: (s: Socket) => void): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      const sock = make();
      sock.once('connect', () => {
        sock.removeAllListeners('error');
        tune?.(sock);
        resolve(sock);
      });
      sock.once('error', (e) => reject(new HostError(this.name, `cannot connect to ${what} (${errnoText(e)})`, 'io')));
    });
  }

  /** Spawn, feed stdin, deliver output, and settle on exit, timeout or abort. */
  private run(
    command: string,
    opts: { env?: Record<string, string>; stdin?: string; timeoutMs?: number; signal?: AbortSignal },
    onStdout: (c: Buffer) => void,
    onStderr?: (c: Buffer) => void,
    onStdin?: (stdin: StdinFeed) => void,
    onProcessGroup?: (group: ProcessGroup) => void,
  ): Promise<{ code: number | null; timedOut: boolean }> {
    for (const name of Object.keys(opts.env ?? {})) {
      // Same rule as over SSH, so a command that works here works on every host.
      if (!isEnvName(name)) throw new HostError(this.name, `invalid environment variable name ${JSON.stringify(name)}`, 'config');
    }
    if (opts.signal?.aborted) return Promise.resolve({ code: null, timedOut: false });
    return new Promise((resolve, reject) => {
      const child = spawn('/bin/sh', ['-c', command], {
        env: { ...process.env, ...opts.env },
        stdio: [opts.stdin === undefined && !onStdin ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        detached: true, // own process group: kill(-pid) reaches every process of the pipeline
      });
      let timedOut = false;
      let killed = false;
      const killGroup = () => {
        killed = true;
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      };
      const timer =
        opts.timeoutMs !== undefined
          ? setTimeout(() => {
              timedOut = true;
              killGroup();
            }, opts.timeoutMs)
          : undefined;
      const onAbort = () => killGroup();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => {
        if (timer) clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
      };
      const pid = child.pid;
      if (onProcessGroup && pid) {
        onProcessGroup({
          pid,
          signal: async (sig) => {
            try {
              process.kill(-pid, `SIG${sig}`);
            } catch {
              // already gone
            }
          },
        });
      }
      child.stdout!.on('data', onStdout);
      child.stderr!.on('data', (c: Buffer) => onStderr?.(c));
      if (onStdin) {
        const stdin = child.stdin!;
        stdin.on('error', () => {}); // the command may exit without reading: EPIPE is fine
        const hangUp = () => {
          stdin.end();
          child.stdout!.destroy();
          child.stderr!.destroy();
        };
        onStdin({ write: (text) => void (stdin.writable && stdin.write(text)), end: () => stdin.end(), hangUp });
      } else if (opts.stdin !== undefined) {
        child.stdin!.on('error', () => {}); // the command may exit without reading: EPIPE is fine
        child.stdin!.end(opts.stdin);
      }
      child.once('error', (e) => {
        done();
        reject(new HostError(this.name, `cannot run /bin/sh (${errnoText(e)})`, 'io'));
      });
      child.once('close', (code) => {
        done();
        resolve({ code: killed ? null : code, timedOut });
      });
    });
  }
}
