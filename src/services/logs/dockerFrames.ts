/**
 * Docker's multiplexed log stream (containers without a TTY): frames of an
 * 8-byte header — stream (1 stdout, 2 stderr), three zero bytes, a 32-bit
 * big-endian length — then the payload. Frames arrive cut anywhere.
 */

export type FrameSink = (stream: 'out' | 'err', payload: Buffer) => void;

export class DockerFrames {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly sink: FrameSink) {}

  push(chunk: Buffer): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buf.length >= 8) {
      const size = buf.readUInt32BE(4);
      if (buf.length < 8 + size) break;
      const kind = buf[0];
      this.sink(kind === 2 ? 'err' : 'out', buf.subarray(8, 8 + size));
      buf = buf.subarray(8 + size);
    }
    // Copy the remainder: keeping a view would pin the whole chunk in memory.
    this.pending = Buffer.from(buf);
  }
}

/** "2026-11-27T03:17:37.999339742Z text" → [ms, text]; a line without one keeps `fallback`. */
export function splitTimestamp(line: string, fallback: number): [number, string] {
  const sp = line.indexOf(' ');
  if (sp < 20 || sp > 40) return [fallback, line];
  const ms = Date.parse(line.slice(0, sp));
  return Number.isFinite(ms) ? [ms, line.slice(sp + 1)] : [fallback, line];
}
