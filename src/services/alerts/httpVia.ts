/**
 * A small JSON-over-HTTP client that reaches a URL either directly or through
 * a configured host: the platform's Prometheus listens on its host's loopback,
 * so riskctl opens a TCP connection ON that host (host.openTcp, one SSH
 * channel) and speaks HTTP over it. node's http.request takes the stream
 * through `createConnection`; https wraps it in TLS first.
 */
import type { Duplex } from 'node:stream';
import type { Host } from '../../hosts/Host';
import { nodeHttp, nodeHttps, nodeTls } from '../../hosts/lazyBuiltins';

export interface HttpEndpoint {
  /** Base URL: http://127.0.0.1:9090 (a path prefix is kept). */
  url: string;
  /** Reach it from this host; undefined: directly from this machine. */
  via?: Host;
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const MAX_BODY = 8 * 1024 * 1024;

function connector(via: Host, u: URL): (opts: unknown, cb: (err: Error | null, s?: Duplex) => void) => undefined {
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  // Brackets of an IPv6 literal are URL syntax, not part of the address.
  const hostname = u.hostname.replace(/^\[|\]$/g, '');
  return (_opts, cb) => {
    via.openTcp(hostname, port).then(
      (raw) => cb(null, u.protocol === 'https:' ? nodeTls().connect({ socket: raw, servername: hostname }) : raw),
      (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))),
    );
    return undefined;
  };
}

/** One request; resolves with the parsed JSON body (null for an empty one). Rejects on non-2xx. */
export function requestJson(
  ep: HttpEndpoint,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<unknown> {
  const base = new URL(ep.url);
  const u = new URL(base.pathname.replace(/\/$/, '') + path, base);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const lib = u.protocol === 'https:' ? nodeHttps() : nodeHttp();
  const where = ep.via ? `${u.origin} via ${ep.via.name}` : u.origin;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method,
        headers: {
          accept: 'application/json',
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
        },
        timeout: opts.timeoutMs ?? 5000,
        signal: opts.signal,
        // No keep-alive: one request, one channel, closed after it.
        agent: false,
        ...(ep.via ? { createConnection: connector(ep.via, u) as never } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY) req.destroy(new HttpError(`${where}${u.pathname}: answer larger than ${MAX_BODY} bytes`, res.statusCode ?? null));
          else chunks.push(c);
        });
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status > 299) {
            reject(new HttpError(`${where}${u.pathname}: HTTP ${status}${text ? `: ${text.trim().slice(0, 200)}` : ''}`, status));
            return;
          }
          try {
            resolve(text.trim() === '' ? null : JSON.parse(text));
          } catch {
            reject(new HttpError(`${where}${u.pathname}: not JSON`, status));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new HttpError(`${where}${u.pathname}: no answer within ${(opts.timeoutMs ?? 5000) / 1000} s`, null)));
    req.on('error', (e) => reject(e instanceof HttpError ? e : new HttpError(`${where}: ${e.message}`, null)));
    req.end(payload);
  });
}
