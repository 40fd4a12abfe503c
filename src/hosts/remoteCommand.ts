import { withEnv } from './shellEnv';

/**
 * The command text sent over an SSH exec channel, and the means to kill it.
 *
 * sshd runs each command as `$SHELL -c TEXT` in a new session (setsid), so the
 * shell's PID is also the process group of everything the command starts.
 * Closing the channel or sending the "signal" request reaches only that shell:
 * a `tail -f log | grep x` would live on until it next writes. So the text
 * first prints the shell's PID on stdout (consumed here, never shown to the
 * caller), and a timeout or abort runs `kill -9 -PID` on another channel.
 */

/** Prefix that reports the session's PID as the first line of stdout. */
const PID_PREFIX = `printf '%s\\n' "$$"; `;

/**
 * Texts of commands without env, shared: every host's long-lived sampler runs
 * the same kilobytes of script, and its channel holds the text while it runs.
 */
const plainTexts = new Map<string, string>();

export function remoteCommand(command: string, env: Record<string, string> | undefined): string {
  if (env !== undefined && Object.keys(env).length > 0) return PID_PREFIX + withEnv(command, env);
  let text = plainTexts.get(command);
  if (text === undefined) {
    text = PID_PREFIX + withEnv(command, env);
    // Bounded: commands built from values (paths, names) must not pile up over a long session.
    if (plainTexts.size >= 64) plainTexts.clear();
    plainTexts.set(command, text);
  }
  return text;
}

/** `kill -9 -PID`: the form dash, bash and busybox sh all accept for a process group. */
export function killGroupCommand(pid: number): string {
  if (!Number.isSafeInteger(pid) || pid <= 1) throw new Error(`not a process group id: ${pid}`);
  return `kill -9 -${pid} 2>/dev/null; kill -9 ${pid} 2>/dev/null; true`;
}

/** `kill -INT -PID` (or TERM, KILL) for the process group, silent when it is gone. */
export function signalGroupCommand(pid: number, sig: 'INT' | 'TERM' | 'KILL'): string {
  if (!Number.isSafeInteger(pid) || pid <= 1) throw new Error(`not a process group id: ${pid}`);
  return `kill -${sig} -${pid} 2>/dev/null; true`;
}

/**
 * Strips the PID line off the front of stdout and passes everything after it
 * through untouched, whatever the chunk boundaries.
 */
export class PidLineSplitter {
  pid: number | null = null;
  private head: Buffer | null = Buffer.alloc(0);

  constructor(
    private readonly onData: (chunk: Buffer) => void,
    private readonly onPid?: (pid: number) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.head === null) {
      this.onData(chunk);
      return;
    }
    const buf = Buffer.concat([this.head, chunk]);
    const nl = buf.indexOf(0x0a);
    if (nl === -1) {
      // A PID is a few digits; anything longer means the prefix did not run as
      // expected (not a POSIX shell?). Give the bytes to the caller rather than eat them.
      if (buf.length > 32) this.release(buf);
      else this.head = buf;
      return;
    }
    // Under a pseudo-terminal the line ends in \r\n.
    const line = buf.subarray(0, nl).toString('latin1').replace(/\r$/, '');
    if (/^\d+$/.test(line)) {
      this.pid = Number(line);
      this.onPid?.(this.pid);
      this.release(buf.subarray(nl + 1));
    } else {
      this.release(buf);
    }
  }

  /** At end of stream: whatever was held back belongs to the caller. */
  flush(): void {
    if (this.head && this.head.length > 0) this.onData(this.head);
    this.head = null;
  }

  private release(rest: Buffer): void {
    this.head = null;
    if (rest.length > 0) this.onData(rest);
  }
}
