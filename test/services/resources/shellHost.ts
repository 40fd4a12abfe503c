import { execFile } from 'node:child_process';
import type { ExecOptions, ExecResult, Host } from '../../../src/hosts/Host';

/**
 * A test Host that runs commands through a real local shell but calls itself
 * `ssh`, so the collector takes its remote path (one exec of the batched
 * command, parsed in TypeScript) against a real machine without the lab.
 */
export function shellHost(name: string, opts: { kind?: 'ssh' | 'local'; env?: NodeJS.ProcessEnv } = {}) {
  const calls: { command: string; opts: ExecOptions | undefined }[] = [];
  const exec = (command: string, o?: ExecOptions): Promise<ExecResult> => {
    calls.push({ command, opts: o });
    const started = Date.now();
    return new Promise((resolve) => {
      execFile('/bin/sh', ['-c', command], { env: opts.env ?? process.env, timeout: o?.timeoutMs, signal: o?.signal }, (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
        resolve({
          code: e ? (typeof e.code === 'number' ? e.code : null) : 0,
          stdout,
          stderr,
          durationMs: Date.now() - started,
          timedOut: Boolean(e?.killed && !o?.signal?.aborted),
        });
      });
    });
  };
  const unused = () => Promise.reject(new Error('not used by resources'));
  const host: Host = {
    name,
    kind: opts.kind ?? 'ssh',
    status: () => ({ state: 'connected', error: null, since: 0 }),
    onStatus: () => () => {},
    connect: async () => {},
    close: async () => {},
    exec,
    stream: unused,
    openTcp: unused,
    openUnix: unused,
    openShell: unused,
    readFile: unused,
  };
  return { host, calls };
}
