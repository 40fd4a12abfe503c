/**
 * One block shell on a host (script.ts): started with a pseudo-terminal of
 * the cockpit's size, fed one command at a time over stdin, each command's
 * output and exit status read back between markers.
 *
 * A command can be stopped (the operator's key, or its timeout): SIGINT to
 * the shell's process group, again after a grace period, then SIGTERM; the
 * shell's trap ends the command's function and the shell waits for the next
 * command. Only a command that outlives all three is killed with its shell
 * (SIGKILL to the group), and the session is over.
 *
 * Over SSH the shell's terminal is the channel's: when the connection goes
 * (riskctl killed, the network lost), sshd closes it and the kernel hangs up
 * the shell's process group, so nothing of the step lives on.
 */
import { nodeCrypto } from '../../../hosts/lazyBuiltins';
import { HostError, type Host, type ProcessGroup, type StdinFeed } from '../../../hosts/Host';
import { commandChunk, framed, loaderCommand, preludeChunk, ShellLineReader, type ShellLine, type ShellName } from './script';
import { terminalText } from './terminalText';

/** Between the stop signals: SIGINT, SIGINT, SIGTERM, then SIGKILL of the whole shell. */
export const STOP_GRACE_MS = 2_000;

export interface TerminalSize {
  cols: number;
  rows: number;
}

export const DEFAULT_TERMINAL: TerminalSize = { cols: 80, rows: 24 };

/** The block's shell is not on the host: nothing ran. */
export class ShellMissingError extends Error {
  constructor(
    readonly host: string,
    readonly shell: ShellName,
  ) {
    super(`${host} has no ${shell} (the block's shell): nothing was run`);
    this.name = 'ShellMissingError';
  }
}

export interface ShellSessionOptions {
  host: Host;
  shell: ShellName;
  /** Shell variables set before the first command (name → value); sent over stdin only. */
  vars: Record<string, string>;
  cwd?: string;
  terminal?: TerminalSize;
  /** Ends the session (the run was cancelled). */
  signal?: AbortSignal;
}

/** How a command ended. */
export type CommandEnd =
  /** It ran to its end and exited with `code`. */
  | { kind: 'exited'; code: number }
  /** Stopped on purpose: by the operator, or at its timeout. `killedShell` when only a SIGKILL of the shell ended it. */
  | { kind: 'stopped'; by: 'operator' | 'timeout'; killedShell: boolean }
  /** The shell could not read it (a syntax error): it never ran. */
  | { kind: 'unreadable' }
  /** The shell ended while it ran (it called `exit`, was killed, or the connection was lost). */
  | { kind: 'shell-ended'; code: number | null; why: string };

export interface CommandRun {
  /** Plain text (terminalText): no terminal control sequences. */
  output: string;
  end: CommandEnd;
  durationMs: number;
}

export interface RunCommandOptions {
  /** Stop the command after this long (CommandEnd stopped by 'timeout'); none: no limit. */
  timeoutMs?: number;
  /** Each piece of output as plain text, as it comes. */
  onOutput?: (text: string) => void;
  /** The command has begun on the host. */
  onBegin?: () => void;
}

interface Pending {
  index: number;
  /** Its chunk went to the shell (a READY before that is the one it waited for). */
  sent: boolean;
  begun: boolean;
  output: string;
  started: number;
  stopping: 'operator' | 'timeout' | null;
  /** A stop asked for before the command began: sent once it has (never while the shell reads the chunk). */
  deferred: 'operator' | 'timeout' | null;
  killed: boolean;
  opts: RunCommandOptions;
  resolve: (r: CommandRun) => void;
}

export class ShellSession {
  private readonly sessionNonce = nodeCrypto().randomBytes(8).toString('hex');
  private readonly markNonce = nodeCrypto().randomBytes(8).toString('hex');
  private readonly reader: ShellLineReader;
  private readonly decoder = new TextDecoder();
  private stdin: StdinFeed | null = null;
  private group: ProcessGroup | null = null;
  private ready = false;
  private readyWaiters: Array<(ok: boolean) => void> = [];
  private noShell = false;
  private ended = false;
  private exitCode: number | null = null;
  private endWhy = '';
  private preOutput = '';
  private current: Pending | null = null;
  private signalling: Promise<void> = Promise.resolve();
  private count = 0;
  readonly done: Promise<void>;

  private constructor(private readonly opts: ShellSessionOptions) {
    this.reader = new ShellLineReader(this.sessionNonce, this.markNonce, (l) => this.onLine(l));
    const size = opts.terminal ?? DEFAULT_TERMINAL;
    this.done = opts.host
      .stream(loaderCommand(opts.shell, this.sessionNonce), {
        signal: opts.signal,
        pty: { cols: size.cols, rows: size.rows },
        onStdin: (s) => (this.stdin = s),
        onProcessGroup: (g) => (this.group = g),
        onStdout: (b) => this.reader.push(this.decoder.decode(b, { stream: true })),
        onStderr: (b) => this.reader.push(this.decoder.decode(b, { stream: true })),
      })
      .then(
        (code) => this.onEnd(code, code === null ? 'the shell was killed or the connection lost' : `the shell exited (status ${code})`),
        (e: unknown) => this.onEnd(null, e instanceof Error ? e.message : String(e)),
      );
  }

  /**
   * Start the block's shell and set its variables and folder. Rejects with
   * ShellMissingError when the host has no such shell (nothing ran), or a
   * HostError when the shell could not be started.
   */
  static async open(opts: ShellSessionOptions): Promise<ShellSession> {
    const s = new ShellSession(opts);
    if (!(await s.waitReady())) throw s.startError();
    s.ready = false;
    s.stdin!.write(framed(preludeChunk(opts.vars, opts.cwd)));
    if (!(await s.waitReady())) throw s.startError();
    return s;
  }

  get alive(): boolean {
    return !this.ended;
  }

  /** Whether a command is running now. */
  get running(): boolean {
    return this.current !== null;
  }

  /** Run one command; resolves when it ended, however it ended (never rejects). */
  run(text: string, opts: RunCommandOptions = {}): Promise<CommandRun> {
    if (this.current) throw new Error('a command is already running in this shell');
    const index = this.count++;
    return new Promise<CommandRun>((resolve) => {
      // Current at once, so a stop asked for from now on is kept (deferred until the command begins).
      const p: Pending = { index, sent: false, begun: false, output: '', started: Date.now(), stopping: null, deferred: null, killed: false, opts, resolve };
      this.current = p;
      let timer: NodeJS.Timeout | undefined;
      if (opts.timeoutMs !== undefined) timer = setTimeout(() => this.stop('timeout'), opts.timeoutMs);
      p.resolve = (r) => {
        if (timer) clearTimeout(timer);
        if (this.current === p) this.current = null;
        resolve(r);
      };
      void this.send(p, text);
    });
  }

  private async send(p: Pending, text: string): Promise<void> {
    await this.signalling; // a stop signal sent around the last command's end must land before the next chunk
    if (!(await this.waitReady())) return p.resolve({ output: '', end: { kind: 'shell-ended', code: this.exitCode, why: this.endWhy }, durationMs: 0 });
    if (this.current !== p) return;
    this.ready = false;
    p.sent = true;
    this.stdin!.write(framed(commandChunk(text, p.index, this.markNonce)));
  }


  /**
   * Stop the command in progress (the operator's key). False when none runs
   * or a stop is already under way.
   */
  stopCurrent(): boolean {
    return this.stop('operator');
  }

  /** End the shell: it hangs up (over SSH), or reads the end of its input. */
  close(): Promise<void> {
    if (!this.ended) this.stdin?.hangUp();
    return this.done;
  }

  private stop(by: 'operator' | 'timeout'): boolean {
    const p = this.current;
    if (!p || p.stopping || p.deferred || this.ended) return false;
    if (!p.begun) {
      p.deferred = by;
      return true;
    }
    p.stopping = by;
    void this.escalate(p);
    return true;
  }

  private async escalate(p: Pending): Promise<void> {
    const steps: Array<'INT' | 'TERM' | 'KILL'> = ['INT', 'INT', 'TERM', 'KILL'];
    for (const sig of steps) {
      if (this.current !== p || this.ended) return;
      if (sig === 'KILL') p.killed = true;
      const sent = this.group ? this.group.signal(sig) : Promise.resolve();
      this.signalling = sent;
      await sent;
      if (sig === 'KILL') this.stdin?.hangUp();
      await new Promise((r) => setTimeout(r, STOP_GRACE_MS));
    }
  }

  private waitReady(): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    if (this.ready) return Promise.resolve(true);
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private startError(): Error {
    if (this.noShell) return new ShellMissingError(this.opts.host.name, this.opts.shell);
    const said = terminalText(this.preOutput).trim().split('\n').slice(-3).join(' / ');
    return new HostError(this.opts.host.name, `cannot start ${this.opts.shell} for the block (${this.endWhy}${said ? `: ${said}` : ''})`, 'io');
  }

  private onLine(l: ShellLine): void {
    const p = this.current;
    switch (l.kind) {
      case 'ready':
        if (p?.sent) {
          // Ready again without the end marker: the shell could not read the command (a syntax error).
          this.current = null;
          p.resolve({ output: p.output, end: { kind: 'unreadable' }, durationMs: Date.now() - p.started });
        }
        this.ready = true;
        for (const w of this.readyWaiters.splice(0)) w(true);
        return;
      case 'no-shell':
        this.noShell = true;
        return;
      case 'begin':
        if (p && l.index === p.index && !p.begun) {
          p.begun = true;
          p.started = Date.now();
          p.opts.onBegin?.();
          if (p.deferred) {
            const by = p.deferred;
            p.deferred = null;
            this.stop(by);
          }
        }
        return;
      case 'end':
        if (!p || l.index !== p.index) return;
        this.current = null;
        p.resolve({
          output: p.output,
          end: p.stopping ? { kind: 'stopped', by: p.stopping, killedShell: false } : { kind: 'exited', code: l.code },
          durationMs: Date.now() - p.started,
        });
        return;
      case 'text':
        if (p?.begun) {
          const t = terminalText(l.text);
          p.output += t;
          p.opts.onOutput?.(t);
        } else if (!p) this.preOutput = (this.preOutput + l.text).slice(-2000);
        return;
    }
  }

  private onEnd(code: number | null, why: string): void {
    this.reader.end();
    this.ended = true;
    this.exitCode = code;
    this.endWhy = why;
    for (const w of this.readyWaiters.splice(0)) w(false);
    const p = this.current;
    if (!p) return;
    this.current = null;
    const end: CommandEnd = p.stopping && p.killed ? { kind: 'stopped', by: p.stopping, killedShell: true } : { kind: 'shell-ended', code, why };
    p.resolve({ output: p.output, end, durationMs: Date.now() - p.started });
  }
}
