// Test helper: a TCP relay that can go silent without closing anything — the
// way a frozen host or a dead link looks from our side (no FIN, no RST).
import { connect, createServer, type Server, type Socket } from 'node:net';

export class FreezableProxy {
  port = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private mode: 'relay' | 'silent' | 'refuse' = 'relay';
  /** Bytes relayed from clients to the target so far. */
  upBytes = 0;

  constructor(target: { host: string; port: number }) {
    this.server = createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => {});
      if (this.mode === 'refuse') return void client.destroy(); // the host is gone
      if (this.mode === 'silent') return; // accept, then say nothing: a handshake that never comes
      const up = connect(target);
      this.sockets.add(up);
      up.on('close', () => this.sockets.delete(up));
      up.on('error', () => client.destroy());
      client.on('close', () => up.destroy());
      up.on('close', () => client.destroy());
      client.on('data', (d: Buffer) => (this.upBytes += d.length));
      client.pipe(up);
      up.pipe(client);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  /** Stop relaying on every open connection, and relay nothing on new ones. */
  freeze(): void {
    this.mode = 'silent';
    for (const s of this.sockets) {
      s.unpipe();
      s.pause();
    }
  }

  /** Close every connection and drop new ones at once: the host went away. */
  cut(): void {
    this.mode = 'refuse';
    for (const s of this.sockets) s.destroy();
  }

  /** New connections are relayed again (frozen ones stay dead). */
  thaw(): void {
    this.mode = 'relay';
  }

  close(): void {
    for (const s of this.sockets) s.destroy();
    this.server.close();
  }
}
