/**
 * Bytes → lines. Output arrives in chunks that cut lines (and multi-byte
 * characters) anywhere; the rest waits for the next chunk. A line that never
 * ends is flushed at a bound, so a stream without newlines cannot grow it.
 */
import { StringDecoder } from 'node:string_decoder';
import { MAX_LINE_CHARS } from './LogBuffer';

export class LineSplitter {
  private decoder = new StringDecoder('utf8');
  private rest = '';

  push(chunk: Buffer): string[] {
    const text = this.rest + this.decoder.write(chunk);
    const parts = text.split('\n');
    this.rest = parts.pop() ?? '';
    if (this.rest.length > MAX_LINE_CHARS * 4) {
      parts.push(this.rest);
      this.rest = '';
    }
    return parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  }

  /** What is left when the stream ends (a last line without newline). */
  end(): string[] {
    const last = this.rest + this.decoder.end();
    this.rest = '';
    return last ? [last] : [];
  }
}
