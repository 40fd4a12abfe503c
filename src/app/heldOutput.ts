/**
 * What Ink writes to: the terminal, through a gate the cockpit closes while a
 * shell owns the terminal. Ink keeps rendering underneath (the stores keep
 * updating); its frames are dropped until the gate opens, and the cockpit then
 * draws a whole frame again. Everything else Ink reads of its stdout (size,
 * resize events, isTTY) is the terminal's.
 */
import { EventEmitter } from 'node:events';

export class HeldOutput extends EventEmitter {
  private held = false;

  constructor(private readonly out: NodeJS.WriteStream) {
    super();
    out.on('resize', () => this.emit('resize'));
  }

  get isTTY(): boolean {
    return this.out.isTTY === true;
  }

  get columns(): number {
    return this.out.columns;
  }

  get rows(): number {
    return this.out.rows;
  }

  get writable(): boolean {
    return this.out.writable;
  }

  get destroyed(): boolean {
    return this.out.destroyed;
  }

  get writableEnded(): boolean {
    return this.out.writableEnded;
  }

  /** Drop every write from now until release(). */
  hold(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
  }

  write(chunk: string | Uint8Array, encoding?: BufferEncoding | ((err?: Error | null) => void), cb?: (err?: Error | null) => void): boolean {
    const done = typeof encoding === 'function' ? encoding : cb;
    if (this.held) {
      done?.();
      return true;
    }
    return typeof encoding === 'string' ? this.out.write(chunk, encoding, done) : this.out.write(chunk, done);
  }

  /** Ink's type for its stdout: this stands in for the terminal's stream. */
  asStream(): NodeJS.WriteStream {
    return this as unknown as NodeJS.WriteStream;
  }
}
