/**
 * Node builtins the cockpit's first frame does not need, loaded on first use:
 * crypto (16 internal modules) on the first host key check, nonce or digest;
 * http, https and tls (~10 ms) on the first health probe, Prometheus query or
 * Docker call. A static import of a builtin runs at start-up, bundled or not.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export const nodeCrypto = (): typeof import('node:crypto') => load('node:crypto') as typeof import('node:crypto');
export const nodeHttp = (): typeof import('node:http') => load('node:http') as typeof import('node:http');
export const nodeHttps = (): typeof import('node:https') => load('node:https') as typeof import('node:https');
export const nodeTls = (): typeof import('node:tls') => load('node:tls') as typeof import('node:tls');
