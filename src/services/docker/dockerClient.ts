/**
 * A dockerode client whose every HTTP connection is the Docker socket opened
 * ON the host: for an SSH host a `direct-streamlocal` channel over the host's
 * one SSH connection, for the local host the local socket. dockerode's own
 * `protocol: 'ssh'` is never used: it opens a new SSH connection per call
 * (~250 ms each) and assumes /var/run/docker.sock.
 */
import type { Agent } from 'node:http';
import { inspect } from 'node:util';
import type { Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import type { Host } from '../../hosts/Host';
import { nodeHttp } from '../../hosts/lazyBuiltins';

/** An http.Agent that never dials TCP: each connection is host.openUnix(path). Defined on first use: node:http loads then. */
const defineHostSocketAgent = () =>
  class HostSocketAgent extends nodeHttp().Agent {
    constructor(
      private readonly host: Host,
      private readonly path: string,
    ) {
      // No keep-alive: an idle pooled channel would need socket methods (setKeepAlive,
      // ref/unref) an SSH channel does not have, and opening one costs a round trip only.
      super({ keepAlive: false });
    }

    override createConnection(_opts: unknown, cb?: (err: Error | null, s: Duplex) => void): Duplex | undefined {
      this.host.openUnix(this.path).then(
        (s) => cb?.(null, s),
        (e: unknown) => cb?.(e instanceof Error ? e : new Error(String(e)), undefined as unknown as Duplex),
      );
      // undefined: Node's agent waits for the callback.
      return undefined;
    }

    /**
     * docker-modem logs every request with util.inspect(options, { showHidden,
     * depth: null }) even when its debug output is off; without this it would
     * walk the whole SSH client behind `host` on every call (most of the CPU a
     * services screen costs).
     */
    [inspect.custom](): string {
      return `HostSocketAgent(${this.host.name}:${this.path})`;
    }
  };
let HostSocketAgent: ReturnType<typeof defineHostSocketAgent> | null = null;
const hostSocketAgent = (host: Host, path: string): Agent => new (HostSocketAgent ??= defineHostSocketAgent())(host, path);

/** dockerode is loaded on first use only: most start-ups never touch Docker. */
export async function dockerFor(host: Host, socketPath: string): Promise<Dockerode> {
  const { default: Docker } = await import('dockerode');
  // socketPath only makes docker-modem speak plain HTTP over "a socket"; the agent
  // decides which socket that is.
  const opts = { socketPath, agent: hostSocketAgent(host, socketPath) };
  return new Docker(opts as Dockerode.DockerOptions);
}
