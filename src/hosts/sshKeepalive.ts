/**
 * The connection's keepalive, as OpenSSH's ServerAliveInterval and
 * ServerAliveCountMax: any data from the server proves it alive; after a whole
 * interval without any, a request the server must answer is sent; after
 * `countMax` such requests without an answer, the connection is dropped with
 * "Keepalive timeout" (sshErrors: "no answer to keepalives"). ssh2's own
 * keepalive is turned off (keepaliveInterval 0): it restarts its clock only on
 * some replies, so a connection whose traffic is one long-lived channel (the
 * resources sampler) would ping every interval.
 *
 * The request is `cancel-tcpip-forward` for a forward that does not exist
 * (ssh2's public `unforwardIn`): a global request with a reply, which every
 * server sends (RFC 4254 §4: a failure where it has nothing to cancel), and
 * which changes nothing on the host.
 */

/** What the keepalive needs of an ssh2 Client: its public unforwardIn. */
export interface KeepaliveClient {
  unforwardIn(bindAddr: string, bindPort: number, cb: (err?: Error | null) => void): unknown;
}

/** What it needs of the transport under SSH: its data, its end, and a way to drop it. */
export interface KeepaliveSocket {
  on(event: 'data', fn: () => void): unknown;
  once(event: 'close', fn: () => void): unknown;
  destroy(err?: Error): unknown;
}

export interface KeepaliveTimers {
  setInterval(fn: () => void, ms: number): { unref?(): unknown };
  clearInterval(t: unknown): void;
}

/** Starts the keepalive on a ready connection; it stops by itself when the socket closes. 0 ms: none. */
export function keepConnectionAlive(
  client: KeepaliveClient,
  socket: KeepaliveSocket,
  intervalMs: number,
  countMax: number,
  timers: KeepaliveTimers = globalThis,
): void {
  if (!(intervalMs > 0)) return;
  let heard = true;
  let unanswered = 0;
  socket.on('data', () => {
    heard = true;
  });
  const timer = timers.setInterval(() => {
    if (heard) {
      // Data came within the last interval: nothing to ask.
      heard = false;
      unanswered = 0;
      return;
    }
    if (++unanswered > countMax) {
      timers.clearInterval(timer);
      socket.destroy(Object.assign(new Error('Keepalive timeout'), { level: 'client-timeout' }));
      return;
    }
    try {
      client.unforwardIn('127.0.0.1', 0, () => {});
    } catch {
      // Not connected any more: the socket's close ends this timer.
    }
  }, intervalMs);
  timer.unref?.();
  socket.once('close', () => timers.clearInterval(timer));
}
