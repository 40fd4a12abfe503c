/**
 * http, https and tls take ~10 ms to load, and the cockpit needs them only
 * when it first probes a health endpoint, asks Prometheus or talks to Docker.
 * A static import of a builtin runs at start-up, bundled or not; these load on
 * first use instead.
 */
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export const nodeHttp = (): typeof import('node:http') => load('node:http') as typeof import('node:http');
export const nodeHttps = (): typeof import('node:https') => load('node:https') as typeof import('node:https');
export const nodeTls = (): typeof import('node:tls') => load('node:tls') as typeof import('node:tls');
