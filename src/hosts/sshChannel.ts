import type { Client, ClientChannel } from 'ssh2';
import type { GroupSignal, ProcessGroup, StdinFeed } from './Host';
import type { Semaphore } from './Semaphore';
import { PidLineSplitter } from './remoteCommand';

/**
 * One command on one exec channel of an established connection, settled
 * exactly once: by the exit (code from the 'exit' event), by the timeout, by
 * the abort signal, or by the connection going away (code null). Whatever
 * settles first wins; the rest only clean up.
 */

export interface ChannelContext {
  client: Client;
  /** Session-channel slots of this connection (sshd's MaxSessions). */
  sessions: Semaphore;
  /** Kill the remote process group (runs on another channel, fire and forget). */
  killGroup(pid: number): void;
  /** Send a signal to the remote process group (on another channel); resolves when the kill has run. */
  signalGroup(pid: number, sig: GroupSignal): Promise<void>;
  /** Call `onDrop` if the connection is lost while the run lasts; returns the untrack function. */
  track(onDrop: () => void): () => void;
}

export interface ChannelRun {
  /** The full remote command text, as built by remoteCommand(). */
  text: string;
  stdin?: string;
  /** Keep stdin open and hand it over (see StreamOptions.onStdin); wins over `stdin`. */
  onStdin?: (stdin: StdinFeed) => void;
  timeoutMs?: number;
  signal?: AbortSignal;
  onStdout: (chunk: Buffer) => void;
  onStderr?: (chunk: Buffer) => void;
  /** Request a pseudo-terminal of this size for the command. */
  pty?: { cols: number; rows: number };
  onProcessGroup?: (group: ProcessGroup) => void;
}

export interface ChannelOutcome {
  code: number | null;
  timedOut: boolean;
}

export function runOnChannel(ctx: ChannelContext, run: ChannelRun): Promise<ChannelOutcome> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let channel: ClientChannel | null = null;
    let release: (() => void) | null = null;
    let exitCode: number | null = null;
    const splitter = new PidLineSplitter(
      run.onStdout,
      run.onProcessGroup
        ? (pid) =>
            run.onProcessGroup!({
              pid,
              signal: (sig) => (settled ? Promise.resolve() : ctx.signalGroup(pid, sig)),
            })
        : undefined,
    );

    const cleanup = () => {
      if (timer) clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      untrack();
      release?.();
      release = null;
    };
    const settle = (outcome: ChannelOutcome | Error) => {
      if (settled) return;
      settled = true;
      cleanup();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    // Stop the remote command for good: the group kill reaches pipelines and
    // children; the signal request and close cover a shell that never printed its PID.
    const kill = () => {
      if (splitter.pid !== null) ctx.killGroup(splitter.pid);
      if (channel) {
        try {
          channel.signal('KILL');
        } catch {
          // the server may not support signals, or the channel is already gone
        }
        channel.close();
      }
    };

    const timer =
      run.timeoutMs !== undefined
        ? setTimeout(() => {
            kill();
            settle({ code: null, timedOut: true });
          }, run.timeoutMs)
        : undefined;
    const onAbort = () => {
      kill();
      settle({ code: null, timedOut: false });
    };
    const untrack = ctx.track(() => settle({ code: null, timedOut: false }));
    if (run.signal?.aborted) return settle({ code: null, timedOut: false });
    run.signal?.addEventListener('abort', onAbort, { once: true });

    ctx.sessions.acquire().then(
      (rel) => {
        if (settled) return rel();
        release = rel;
        open();
      },
      (err: unknown) => settle(err instanceof Error ? err : new Error(String(err))),
    );

    function open() {
      try {
        // TERM as the operator's terminal would set it; the size is the cockpit's.
        const opts = run.pty ? { pty: { cols: run.pty.cols, rows: run.pty.rows, width: 0, height: 0, term: 'xterm' } } : {};
        ctx.client.exec(run.text, opts, (err, ch) => {
          if (err) return settle(err);
          if (settled) return ch.close(); // timed out or aborted while opening
          channel = ch;
          ch.on('data', (c: Buffer) => splitter.push(c));
          ch.stderr.on('data', (c: Buffer) => run.onStderr?.(c));
          ch.on('exit', (code: number | null) => {
            exitCode = typeof code === 'number' ? code : null; // null: killed by a signal
          });
          ch.on('close', () => {
            splitter.flush();
            settle({ code: exitCode, timedOut: false });
          });
          // Unless the caller feeds it, end stdin: a command that reads it must see EOF, not wait forever.
          if (run.onStdin) {
            run.onStdin({
              write: (text) => {
                if (!settled) ch.write(text);
              },
              end: () => {
                if (!settled) ch.end();
              },
              // sshd closes the command's pipes with the channel; no group kill (no extra exec).
              hangUp: () => {
                if (settled) return;
                ch.end();
                ch.close();
              },
            });
          } else if (run.stdin !== undefined) ch.end(run.stdin);
          else ch.end();
        });
      } catch (err) {
        settle(err instanceof Error ? err : new Error(String(err))); // "Not connected"
      }
    }
  });
}
