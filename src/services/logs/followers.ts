/**
 * Following one log source until its stream ends: a container's output
 * through Docker's logs API (stdout and stderr demultiplexed, Docker's own
 * timestamps), or a host log file through `tail -F` over the host's stream
 * (rotation and truncation followed by tail itself).
 */
import type Dockerode from 'dockerode';
import type { Host } from '../../hosts/Host';
import { DockerFrames, splitTimestamp } from './dockerFrames';
import { LineSplitter } from './LineSplitter';
import type { LogLine } from './LogBuffer';

export type LineSink = (text: string, ts: number, stream: LogLine['stream']) => void;

export interface ContainerFollow {
  /** Lines of history to start with. */
  tail: number;
  /** Only lines at or after this time (ms): a re-follow after a gap resumes where it stopped. */
  sinceMs?: number;
  signal: AbortSignal;
}

/** Resolves when Docker ends the stream (the container stopped) or the signal aborts. */
export async function followContainer(d: Dockerode, id: string, opts: ContainerFollow, sink: LineSink): Promise<void> {
  const c = d.getContainer(id);
  const info = await c.inspect({ abortSignal: opts.signal });
  const stream = (await c.logs({
    follow: true,
    stdout: true,
    stderr: true,
    timestamps: true,
    tail: opts.tail,
    // Docker takes seconds with a fraction.
    ...(opts.sinceMs !== undefined ? { since: (opts.sinceMs / 1000).toFixed(3) } : {}),
    abortSignal: opts.signal,
  } as Dockerode.ContainerLogsOptions & { follow: true })) as NodeJS.ReadableStream & { destroy(): void };
  const splitters = { out: new LineSplitter(), err: new LineSplitter() };
  const emit = (kind: 'out' | 'err', lines: string[]) => {
    for (const l of lines) {
      const [ts, text] = splitTimestamp(l, Date.now());
      sink(text, ts, kind);
    }
  };
  // With a TTY Docker sends the raw bytes; without one, frames that say stdout or stderr.
  const frames = info.Config?.Tty ? null : new DockerFrames((kind, payload) => emit(kind, splitters[kind].push(payload)));
  await new Promise<void>((resolve) => {
    const done = () => {
      emit('out', splitters.out.end());
      emit('err', splitters.err.end());
      opts.signal.removeEventListener('abort', done);
      stream.destroy();
      resolve();
    };
    stream.on('data', (chunk: Buffer) => (frames ? frames.push(chunk) : emit('out', splitters.out.push(chunk))));
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', done);
    opts.signal.addEventListener('abort', done, { once: true });
    // Aborted while the logs request was answered: no 'abort' event comes any more, and the stream would flow on unread by anyone.
    if (opts.signal.aborted) done();
  });
}

export interface FileFollow {
  tail: number;
  signal: AbortSignal;
}

/** `tail -F` of one file on the host; resolves with tail's exit when the stream ends. */
export async function followFile(host: Host, path: string, opts: FileFollow, sink: LineSink): Promise<number | null> {
  const out = new LineSplitter();
  const err = new LineSplitter();
  const now = () => Date.now();
  // The path travels as a variable, never as command text. exec: the channel's
  // process is tail itself, so killing it on abort leaves nothing behind.
  const code = await host.stream('exec tail -n "$RISKCTL_TAIL" -F -- "$RISKCTL_PATH"', {
    env: { RISKCTL_PATH: path, RISKCTL_TAIL: String(Math.max(0, Math.floor(opts.tail))) },
    signal: opts.signal,
    onStdout: (c) => {
      for (const l of out.push(c)) sink(l, now(), 'out');
    },
    // tail's own notes ("file truncated", "has become inaccessible") are worth seeing, marked as stderr.
    onStderr: (c) => {
      for (const l of err.push(c)) sink(l, now(), 'err');
    },
  });
  for (const l of out.end()) sink(l, now(), 'out');
  return code;
}

/**
 * The files the host's `logs:` globs match now, expanded by the host's shell.
 * The patterns travel in a variable: unquoted expansion with IFS set to a
 * newline splits them and expands the globs, and never runs what is in them.
 */
export async function listLogFiles(host: Host, globs: readonly string[], signal?: AbortSignal): Promise<string[]> {
  if (globs.length === 0) return [];
  const script = 'IFS=\'\n\'; for f in $RISKCTL_GLOBS; do [ -f "$f" ] && printf \'%s\\n\' "$f"; done; exit 0';
  const r = await host.exec(script, { env: { RISKCTL_GLOBS: globs.join('\n') }, timeoutMs: 10_000, signal });
  if (r.code !== 0) throw new Error(`cannot list log files on ${host.name}: ${r.stderr.trim() || (r.timedOut ? 'timed out' : `exit ${r.code}`)}`);
  return [...new Set(r.stdout.split('\n').filter(Boolean))].sort();
}
