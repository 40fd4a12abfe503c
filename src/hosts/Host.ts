import type { Duplex } from 'node:stream';

/** Connection state of one host, as the operator sees it. */
export type HostState = 'idle' | 'connecting' | 'connected' | 'disconnected' | 'error';

export interface ExecOptions {
  /** Kill the command after this long; the result then has `timedOut: true`. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Values handed to the command as environment variables. They are never
   * spliced into the command text, so no quoting context can turn them into code.
   */
  env?: Record<string, string>;
  stdin?: string;
}

export interface ExecResult {
  /** Exit code; null when the command was killed (timeout, abort, lost connection). */
  code: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
}

/** The open stdin of a streaming command: what is written reaches it as it is. */
export interface StdinFeed {
  write(text: string): void;
  /** End of input: a command reading it sees EOF. */
  end(): void;
  /**
   * Hang up without a kill: the command sees EOF and loses its stdout, so it
   * ends at its next write (SIGPIPE, or the write's error), on its own. The
   * stream settles at once over SSH (code null), when the command ends locally.
   */
  hangUp(): void;
}

export interface StreamOptions {
  signal?: AbortSignal;
  env?: Record<string, string>;
  onStdout: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /**
   * Keep the command's stdin open and hand it over once the command runs.
   * Without it stdin is closed at once, so a command that reads it sees EOF.
   */
  onStdin?: (stdin: StdinFeed) => void;
  /**
   * Run under a pseudo-terminal of this size (SSH): the command sees a terminal
   * on stdin, stdout and stderr (so both arrive on stdout), and its process group
   * gets a hang-up when the connection goes. A local host runs without one.
   */
  pty?: { cols: number; rows: number };
  /** Handed the command's process group once it is known, to signal it while the stream lasts. */
  onProcessGroup?: (group: ProcessGroup) => void;
}

export type GroupSignal = 'INT' | 'TERM' | 'KILL';

/** The process group of a running command (its shell's PID), signalled out of band. */
export interface ProcessGroup {
  readonly pid: number;
  /** Resolves once the signal has been sent (over SSH: the kill ran on another channel). */
  signal(sig: GroupSignal): Promise<void>;
}

/** The terminal an interactive shell gets: the operator's own size and TERM. */
export interface ShellOptions {
  cols: number;
  rows: number;
  /** TERM as the operator's terminal sets it. */
  term: string;
}

/**
 * An interactive session on a pseudo-terminal: the operator's keys go in as
 * they are typed, the terminal's bytes come out as they are (it is the
 * operator's own shell, shown the way ssh shows it).
 */
export interface ShellSession {
  /**
   * What the session's terminal prints; null when the shell runs on this
   * process's own terminal (a local shell), which then needs no piping.
   */
  readonly output: NodeJS.ReadableStream | null;
  write(data: string | Buffer): void;
  resize(cols: number, rows: number): void;
  /** Settles when the session ends: the exit code, null when killed or the connection went. */
  readonly exit: Promise<number | null>;
  /** Hang up: the shell gets SIGHUP, as when a terminal closes. */
  close(): void;
}

export interface HostStatus {
  state: HostState;
  /** Last error in words an operator can act on, or null. */
  error: string | null;
  /** When the state last changed (ms since epoch). */
  since: number;
}

export type HostListener = (status: HostStatus) => void;

/**
 * The only way to touch a machine. Services speak to this interface and never
 * know whether the host is this machine or one behind SSH.
 */
export interface Host {
  readonly name: string;
  readonly kind: 'local' | 'ssh';
  status(): HostStatus;
  /** Subscribe to state changes; returns the unsubscribe function. */
  onStatus(listener: HostListener): () => void;
  /** Connect (idempotent). Rejects with a HostError naming the host. */
  connect(): Promise<void>;
  /** Close for good: no reconnect after this until connect() is called again. */
  close(): Promise<void>;
  exec(command: string, opts?: ExecOptions): Promise<ExecResult>;
  /** Run a long-lived command, delivering output as it comes; resolves with the exit code. */
  stream(command: string, opts: StreamOptions): Promise<number | null>;
  /** A TCP connection opened ON the host (e.g. to its own 127.0.0.1:5432). */
  openTcp(host: string, port: number): Promise<Duplex>;
  /** A unix socket connection opened ON the host (e.g. the Docker socket). */
  openUnix(path: string): Promise<Duplex>;
  /**
   * An interactive login shell on the host, as `ssh HOST` gives one: over SSH
   * a new channel of the host's one connection with a pty of this size; the
   * local host runs the operator's $SHELL on this process's terminal.
   */
  openShell(opts: ShellOptions): Promise<ShellSession>;
  /** Read a (small) file on the host. Rejects when missing or larger than maxBytes. */
  readFile(path: string, opts?: { maxBytes?: number }): Promise<Buffer>;
}

/** An error that already names its host and reads well on screen, without a stack. */
export class HostError extends Error {
  constructor(
    readonly host: string,
    message: string,
    readonly code: 'unreachable' | 'auth' | 'host-key-unknown' | 'host-key-changed' | 'timeout' | 'closed' | 'config' | 'io' = 'io',
  ) {
    super(`${host}: ${message}`);
    this.name = 'HostError';
  }
}
