/**
 * A source's lines in a ring bounded by count and by bytes: a flood of a
 * million lines costs the same memory as ten thousand (k9s #1188 and
 * lazydocker #492 are what this must never become). Lines carry a sequence
 * number, so a paused view keeps its place while new lines push old ones out.
 *
 * The text is stored as UTF-8 bytes in one buffer, the rest of a line in
 * typed arrays: no object and no string per line is kept. That matters twice
 * under a flood. A string cut out of a chunk (split, slice) is a view into the
 * whole chunk, so a ring of short strings can hold every chunk they came from;
 * a copy of the bytes holds only the line. And every kept line lives long
 * enough to reach V8's old generation and die there: at 10 000 lines a second
 * that garbage grows the heap by tens of MB between full collections. Bytes
 * in a preallocated buffer are neither. A line is decoded
 * again only when read — a screenful per frame.
 */

export interface LogLine {
  /** 1, 2, 3 … in arrival order, never reused. */
  seq: number;
  text: string;
  /** When the line was written (Docker's timestamp), or received (files); ms since epoch. */
  ts: number;
  stream: 'out' | 'err';
}

/** Longer lines are cut here (an ellipsis marks the cut). */
export const MAX_LINE_CHARS = 4096;
export const DEFAULT_BUFFER_LINES = 10_000;
/** The bytes a buffer may hold, per line of its capacity: 10 000 lines → 10 MiB. Longer lines mean fewer of them. */
export const BYTES_PER_LINE = 1024;
/** Where the byte store starts; it doubles up to its bound as lines need it. */
const INITIAL_BYTES = 64 * 1024;

/** A line cut at MAX_LINE_CHARS, never between the halves of a surrogate pair, with an ellipsis. */
function cutLine(text: string): string {
  const c = text.charCodeAt(MAX_LINE_CHARS - 1);
  const end = c >= 0xd800 && c <= 0xdbff ? MAX_LINE_CHARS - 1 : MAX_LINE_CHARS;
  return `${text.slice(0, end)}…`;
}

export class LogBuffer {
  /** Most lines held. */
  readonly capacity: number;
  /** Most text bytes held (UTF-8). */
  readonly maxBytes: number;
  private data: Buffer;
  private off: Uint32Array;
  private len: Uint32Array;
  private tss: Float64Array;
  private err: Uint8Array;
  /** Slot of the oldest line; lines occupy slots start … start + count - 1 (mod capacity). */
  private start = 0;
  private count = 0;
  /** Where the next line's bytes go in data. */
  private write = 0;
  private held = 0;
  private nextSeq = 1;

  constructor(capacity: number = DEFAULT_BUFFER_LINES, maxBytes: number = capacity * BYTES_PER_LINE) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`log buffer capacity must be a positive integer (got ${capacity})`);
    // Room for at least one line cut at its bound, whatever its characters.
    this.maxBytes = Math.max(Math.floor(maxBytes), MAX_LINE_CHARS * 3 + 4);
    this.capacity = capacity;
    this.data = Buffer.allocUnsafe(Math.min(INITIAL_BYTES, this.maxBytes));
    this.off = new Uint32Array(capacity);
    this.len = new Uint32Array(capacity);
    this.tss = new Float64Array(capacity);
    this.err = new Uint8Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Lines ever pushed (those no longer held: total - length). */
  get total(): number {
    return this.nextSeq - 1;
  }

  /** Bytes the lines held take in the store: their UTF-8 text and a newline each. */
  get bytes(): number {
    return this.held;
  }

  /** Bytes allocated for text: grows with need up to maxBytes, whatever strings the lines came from. */
  get storageBytes(): number {
    return this.data.length;
  }

  push(text: string, ts: number, stream: LogLine['stream'] = 'out'): void {
    const t = text.length > MAX_LINE_CHARS ? cutLine(text) : text;
    const n = Buffer.byteLength(t, 'utf8');
    if (this.count === this.capacity) this.dropOldest();
    // One byte more, a newline after the text: no line is empty in the store, so no two start at one place.
    this.makeRoom(n + 1);
    // Buffer#write copies: nothing of `text` (or the chunk it was cut from) stays referenced.
    if (n > 0) this.data.write(t, this.write, n, 'utf8');
    this.data[this.write + n] = 0x0a;
    const slot = (this.start + this.count) % this.capacity;
    this.off[slot] = this.write;
    this.len[slot] = n;
    this.tss[slot] = ts;
    this.err[slot] = stream === 'err' ? 1 : 0;
    this.count++;
    this.write += n + 1;
    this.held += n + 1;
    this.nextSeq++;
  }

  /** The i-th line held, 0 = oldest (decoded afresh: a caller may keep it, the buffer does not). */
  at(i: number): LogLine | undefined {
    if (i < 0 || i >= this.count) return undefined;
    const slot = (this.start + i) % this.capacity;
    const o = this.off[slot]!;
    return {
      seq: this.nextSeq - this.count + i,
      text: this.data.toString('utf8', o, o + this.len[slot]!),
      ts: this.tss[slot]!,
      stream: this.err[slot] ? 'err' : 'out',
    };
  }

  /** Index of the line with this sequence number, or of the nearest older one still held (-1: none). */
  indexOfSeq(seq: number): number {
    if (this.count === 0) return -1;
    const first = this.nextSeq - this.count;
    if (seq < first) return -1;
    // Sequence numbers are consecutive inside the ring.
    return Math.min(this.count - 1, seq - first);
  }

  last(): LogLine | undefined {
    return this.at(this.count - 1);
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
    this.write = 0;
    this.held = 0;
    if (this.data.length > INITIAL_BYTES) this.data = Buffer.allocUnsafe(Math.min(INITIAL_BYTES, this.maxBytes));
  }

  private dropOldest(): void {
    this.held -= this.len[this.start]! + 1;
    this.start = (this.start + 1) % this.capacity;
    this.count--;
    if (this.count === 0) this.write = 0;
  }

  /**
   * Makes [write, write + n) free. The bytes are a circular queue: going
   * forward from `write`, the lines held come oldest first, so the lines in
   * the way are the oldest ones. A line never wraps: one that does not fit
   * before the end starts again at 0, and the lines still past `write` (the
   * previous lap's, the oldest) go then. Before dropping lines for room the
   * store grows, up to maxBytes — only then: free bytes at the start are used first.
   */
  private makeRoom(n: number): void {
    for (;;) {
      if (this.write + n > this.data.length) {
        // Lines past `write` would be dropped by going back to 0: grow first. With
        // none there (the line bound already dropped the old lap), go back to 0 —
        // growing at every lap's end doubled a flood's store up to its bound, a
        // line of 100 bytes or not, and left each smaller copy for the GC.
        const pastWrite = this.count > 0 && this.off[this.start]! >= this.write;
        if (pastWrite && this.grow(n)) continue;
        while (this.count > 0 && this.off[this.start]! >= this.write) this.dropOldest();
        this.write = 0;
      }
      if (this.count === 0) return;
      // Lines behind `write` are newer: only the oldest can be in the way, if it starts inside the range.
      const o = this.off[this.start]!;
      if (o < this.write || o >= this.write + n) return;
      if (!this.grow(n)) this.dropOldest();
    }
  }

  /** A bigger store (twice, or what the lines held need, at most maxBytes) with the lines packed at its start. False: it is at its bound. */
  private grow(n: number): boolean {
    if (this.data.length >= this.maxBytes) return false;
    let size = this.data.length * 2;
    while (size < this.held + n) size *= 2;
    const next = Buffer.allocUnsafe(Math.min(size, this.maxBytes));
    let w = 0;
    for (let i = 0; i < this.count; i++) {
      const slot = (this.start + i) % this.capacity;
      const o = this.off[slot]!;
      const l = this.len[slot]! + 1;
      this.data.copy(next, w, o, o + l);
      this.off[slot] = w;
      w += l;
    }
    this.data = next;
    this.write = w;
    return true;
  }
}
