/**
 * One health check: an HTTP GET requested ON the host — a TCP connection the
 * host opens to its own loopback (Host.openTcp: one direct-tcpip channel over
 * its SSH connection), so `http://localhost:3000/health` means the host's
 * localhost, exactly as the operations library's `curl -f` does on the box.
 * OK is a 2xx; anything else, or no answer, is down with the reason.
 */
import type { Duplex } from 'node:stream';
import type { Host } from '../../hosts/Host';
import { nodeHttp, nodeHttps, nodeTls } from '../../hosts/lazyBuiltins';
import type { HealthResult } from './types';

const MAX_BODY = 64 * 1024;

function reason(e: unknown, host: Host): string {
  const m = e instanceof Error ? e.message : String(e);
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ECONNREFUSED' || /connection refused/i.test(m)) return 'connection refused';
  if (code === 'ECONNRESET') return 'connection reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'name not resolved';
  // The host's own errors start with its name; the row already says which host.
  return m.replace(new RegExp(`^${host.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `), '');
}

export function probeHealth(
  host: Host,
  endpoint: { name: string; url: string },
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<HealthResult> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const started = performance.now();
  const result = (r: Partial<HealthResult>): HealthResult => ({
    name: endpoint.name,
    url: endpoint.url,
    ok: false,
    status: null,
    latencyMs: null,
    error: null,
    checkedAt: Date.now(),
    ...r,
  });
  let u: URL;
  try {
    u = new URL(endpoint.url);
  } catch {
    return Promise.resolve(result({ error: 'not a URL' }));
  }
  const secure = u.protocol === 'https:';
  const port = Number(u.port || (secure ? 443 : 80));
  const hostname = u.hostname.replace(/^\[|\]$/g, '');
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  const onOuter = () => ctl.abort(new Error('cancelled'));
  opts.signal?.addEventListener('abort', onOuter, { once: true });

  return new Promise<HealthResult>((resolve) => {
    let settled = false;
    const finish = (r: HealthResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onOuter);
      resolve(r);
    };
    const fail = (e: unknown) => {
      const why = ctl.signal.aborted ? ((ctl.signal.reason as Error | undefined)?.message ?? 'aborted') : reason(e, host);
      finish(result({ error: why }));
    };
    const createConnection = (_o: unknown, cb: (err: Error | null, s?: Duplex) => void) => {
      host.openTcp(hostname, port).then(
        (raw) => cb(null, secure ? nodeTls().connect({ socket: raw, servername: hostname, rejectUnauthorized: false }) : raw),
        (e: unknown) => cb(e instanceof Error ? e : new Error(String(e))),
      );
      return undefined;
    };
    const req = (secure ? nodeHttps() : nodeHttp()).request(
      u,
      {
        method: 'GET',
        headers: { 'user-agent': 'riskctl', accept: '*/*', connection: 'close' },
        agent: false,
        signal: ctl.signal,
        createConnection: createConnection as never,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          if (body.length < MAX_BODY) body += c;
        });
        res.on('error', fail);
        res.on('end', () => {
          const latencyMs = Math.round((performance.now() - started) * 10) / 10;
          const ok = status >= 200 && status <= 299;
          const text = body.trim().replace(/\s+/g, ' ').slice(0, 120);
          finish(result({ ok, status, latencyMs, error: ok ? null : `HTTP ${status}${text ? `: ${text}` : ''}` }));
        });
      },
    );
    req.on('error', fail);
    req.end();
  });
}

/** Every endpoint of a host at once; one slow endpoint does not hold up the others beyond its timeout. */
export function probeAll(
  host: Host,
  endpoints: ReadonlyArray<{ name: string; url: string }>,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<HealthResult[]> {
  return Promise.all(endpoints.map((e) => probeHealth(host, e, opts)));
}
