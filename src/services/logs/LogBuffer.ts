/**
 * A source's lines in a ring of fixed capacity: a flood of a million lines
 * costs the same memory as ten thousand (k9s #1188 and lazydocker #492 are
 * what this must never become). Lines carry a sequence number, so a paused
 * view keeps its place while new lines push old ones out.
 */

export interface LogLine {
  /** 1, 2, 3 … in arrival order, never reused. */
  seq: number;
  text: string;
  /** When the line was written (Docker's timestamp), or received (files); ms since epoch. */
  ts: number;
  stream: 'out' | 'err';
}

/** Longer lines are cut here: with the line count this bounds the buffer's memory. */
export const MAX_LINE_CHARS = 4096;
export const DEFAULT_BUFFER_LINES = 10_000;

export class LogBuffer {
  private ring: Array<LogLine | undefined>;
  private start = 0;
  private count = 0;
  private nextSeq = 1;

  constructor(readonly capacity: number = DEFAULT_BUFFER_LINES) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`log buffer capacity must be a positive integer (got ${capacity})`);
    this.ring = new Array<LogLine | undefined>(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Lines ever pushed (what was dropped is total - length). */
  get total(): number {
    return this.nextSeq - 1;
  }

  push(text: string, ts: number, stream: LogLine['stream'] = 'out'): void {
    const line: LogLine = { seq: this.nextSeq++, text: text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)}…` : text, ts, stream };
    if (this.count < this.capacity) {
      this.ring[(this.start + this.count) % this.capacity] = line;
      this.count++;
    } else {
      this.ring[this.start] = line;
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** The i-th line held, 0 = oldest. */
  at(i: number): LogLine | undefined {
    if (i < 0 || i >= this.count) return undefined;
    return this.ring[(this.start + i) % this.capacity];
  }

  /** Index of the line with this sequence number, or of the nearest older one still held (-1: none). */
  indexOfSeq(seq: number): number {
    const first = this.at(0);
    if (!first || seq < first.seq) return -1;
    // Sequence numbers are consecutive inside the ring.
    return Math.min(this.count - 1, seq - first.seq);
  }

  last(): LogLine | undefined {
    return this.at(this.count - 1);
  }

  clear(): void {
    this.ring = new Array<LogLine | undefined>(this.capacity);
    this.start = 0;
    this.count = 0;
  }
}
