/**
 * Why the Docker engine cannot be read, in words an operator can act on.
 * Over SSH a failed stream-local forward only says "open failed" (OpenSSH
 * does not pass the errno on), so on failure one small command on the host
 * tells a missing socket from a refused one from a permission problem.
 */
import type { Host } from '../../hosts/Host';

export const DOCKER_UNAVAILABLE = 'Docker unavailable';

const PROBE = [
  'if [ -S "$RISKCTL_SOCK" ]; then',
  '  if [ -r "$RISKCTL_SOCK" ] && [ -w "$RISKCTL_SOCK" ]; then echo refused; else echo denied; fi',
  'elif [ -e "$RISKCTL_SOCK" ]; then echo notsocket; else echo missing; fi',
].join('\n');

export function probeText(result: string, socket: string, user: string | null): string | null {
  switch (result.trim()) {
    case 'missing':
      return `no socket at ${socket} (dockerd not running, or docker.socket set wrong)`;
    case 'refused':
      return `${socket} exists but no engine answers (dockerd stopped?)`;
    case 'denied':
      return `permission denied on ${socket}${user ? ` (is ${user} in the docker group?)` : ''}`;
    case 'notsocket':
      return `${socket} is not a socket`;
    default:
      return null;
  }
}

/** Local errno codes → the same words the remote probe gives. */
function errnoReason(e: NodeJS.ErrnoException, socket: string): string | null {
  switch (e.code) {
    case 'ENOENT':
      return probeText('missing', socket, null);
    case 'ECONNREFUSED':
      return probeText('refused', socket, null);
    case 'EACCES':
    case 'EPERM':
      return probeText('denied', socket, process.env.USER ?? null);
    default:
      return null;
  }
}

const msg = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The engine answered with an HTTP error (dockerode: "(HTTP code 404) no such container - …"). */
export function isHttpError(e: unknown): e is Error & { statusCode: number } {
  return e instanceof Error && typeof (e as { statusCode?: unknown }).statusCode === 'number';
}

/**
 * "Docker unavailable: no socket at /var/run/docker.sock (…)". A lost or
 * missing host connection is said as such (the host's own error is on screen).
 */
export async function describeDockerError(e: unknown, host: Host, socket: string, user: string | null, signal?: AbortSignal): Promise<string> {
  if (isHttpError(e)) return `Docker error: ${msg(e).replace(/^\(HTTP code (\d+)\)\s*/, 'HTTP $1 ')}`.trim();
  if (host.status().state !== 'connected') return `${DOCKER_UNAVAILABLE}: ${host.name} is not connected`;
  let reason = host.kind === 'local' ? errnoReason(e as NodeJS.ErrnoException, socket) : null;
  if (reason === null && host.kind === 'ssh') {
    try {
      const r = await host.exec(PROBE, { env: { RISKCTL_SOCK: socket }, timeoutMs: 5000, signal });
      reason = r.code === 0 ? probeText(r.stdout, socket, user) : null;
    } catch {
      // The probe is a courtesy; the original error still stands.
    }
  }
  return `${DOCKER_UNAVAILABLE}: ${reason ?? msg(e).replace(new RegExp(`^${host.name}: `), '')}`;
}

/**
 * describeDockerError with a memory: the probe behind the words is an exec on
 * the host, and a host without Docker would otherwise run one every poll. The
 * same failure is described again at most once a minute — or, for an engine
 * nobody configured and never seen (`longMemory`), once every fifteen
 * minutes: on a fleet without Docker its retries come every five, and what
 * they find does not change.
 */
export class DockerFailureDescriber {
  private last: { raw: string; text: string; at: number } | null = null;

  constructor(
    private readonly host: Host,
    private readonly socket: string,
    private readonly user: string | null,
    private readonly ttlMs = 60_000,
    private readonly longTtlMs = 15 * 60_000,
  ) {}

  async describe(e: unknown, longMemory = false): Promise<string> {
    const raw = msg(e);
    const c = this.last;
    const ttl = longMemory ? this.longTtlMs : this.ttlMs;
    if (c && c.raw === raw && Date.now() - c.at < ttl && this.host.status().state === 'connected') return c.text;
    const text = await describeDockerError(e, this.host, this.socket, this.user);
    this.last = { raw, text, at: Date.now() };
    return text;
  }
}
