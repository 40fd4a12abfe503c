/**
 * Ink 6 redraws the whole frame on every commit: under the terminal height it
 * erases the previous frame line by line and writes every line again
 * (log-update); at the height it clears the screen, scrollback too. Either way
 * a whole screen of bytes goes through the pty — and over the operator's SSH
 * session — to change one number, with a flicker on terminals without
 * synchronized output.
 *
 * This stdout stands in front of the real one and turns each such redraw into
 * the rows that changed, addressed absolutely, as curses does. It relies on
 * what the cockpit guarantees: the alternate screen, and every frame drawn from
 * its top row. Anything else Ink writes (cursor, synchronized-output marks)
 * passes through untouched. A resize forgets the previous frame, so the next
 * one is drawn whole. Ink's "begin synchronized update" mark, the frame and its
 * "end" mark go out as one write, not three (each write to a pty is a syscall
 * and a wakeup of the terminal: a third of the idle cockpit's tty cost), and
 * both marks are dropped when nothing changed.
 */
const CLEAR = '\x1b[2J\x1b[3J\x1b[H';
/** log-update's eraseLines(n): erase a line and go up, n − 1 times, erase the top one, column 1. */
const ERASE_LINES = /^(?:\x1b\[2K\x1b\[1A)*\x1b\[2K\x1b\[G/;
const BSU = '\x1b[?2026h';
const RESIZE_SETTLE_MS = 1000;
const ESU = '\x1b[?2026l';

const at = (row: number) => `\x1b[${row + 1};1H`;
const ERASE_REST_OF_LINE = '\x1b[0m\x1b[K';

/** The bytes that turn the screen showing `prev` into `next` (both: one string per row). `prev` null: draw it all. */
export function diffFrame(prev: readonly string[] | null, next: readonly string[]): string {
  let out = prev === null ? CLEAR : '';
  for (let row = 0; row < next.length; row++) {
    const line = next[row]!;
    if (prev !== null && prev[row] === line) continue;
    out += at(row) + line + ERASE_REST_OF_LINE;
  }
  // Rows the previous frame had and this one lacks are blanked.
  if (prev !== null) for (let row = next.length; row < prev.length; row++) if (prev[row] !== '') out += at(row) + ERASE_REST_OF_LINE;
  return out;
}

/**
 * The rows of a full redraw, or null for any other write. After an erase
 * redraw the cursor goes where log-update leaves it (the row below the frame),
 * so its next erase, if it ever reaches the terminal, still lands right.
 */
function frameOf(chunk: string): { lines: string[]; after: string } | null {
  if (chunk.startsWith(CLEAR)) return { lines: chunk.slice(CLEAR.length).split('\n'), after: '' };
  const erase = ERASE_LINES.exec(chunk);
  if (erase === null) return null;
  const lines = chunk.slice(erase[0].length).split('\n');
  // A frame ends with a newline; nothing may follow it (no cursor placement).
  if (lines.pop() !== '') return null;
  return { lines, after: at(lines.length) };
}

type Write = NodeJS.WriteStream['write'];

export function frameDiffStdout(real: NodeJS.WriteStream): NodeJS.WriteStream {
  let prev: string[] | null = null;
  // For a moment after a resize Ink draws the old tree in the new size (it
  // wraps, it may not fit, the screen scrolls): frames are drawn whole until
  // the new layout has settled.
  let wholeUntil = 0;
  real.on('resize', () => {
    prev = null;
    wholeUntil = Date.now() + RESIZE_SETTLE_MS;
  });
  const send = real.write.bind(real) as (...a: unknown[]) => boolean;
  let heldBsu = false;
  let dropEsu = false;
  // A synchronized frame waiting for its end mark. Ink writes the mark in the
  // same turn; should it ever not, the frame still goes out at the turn's end.
  let pending: string | null = null;
  const flush = () => {
    if (pending === null) return;
    const bytes = pending;
    pending = null;
    send(bytes);
  };
  const write = ((chunk: unknown, ...rest: unknown[]) => {
    if (chunk === ESU && pending !== null) {
      const bytes = pending + ESU;
      pending = null;
      return send(bytes, ...rest);
    }
    flush();
    if (chunk === BSU) {
      if (heldBsu) send(BSU);
      heldBsu = true;
      return true;
    }
    if (chunk === ESU && dropEsu) {
      dropEsu = false;
      return true;
    }
    let bytes = chunk;
    const frame = typeof chunk === 'string' ? frameOf(chunk) : null;
    // A whole frame written as it is (Ink's first, or its redraw in the old size
    // right after a resize) may have scrolled the screen: what it shows is no
    // longer known, so the next frame is drawn whole.
    if (frame === null && typeof chunk === 'string' && chunk.includes('\n')) prev = null;
    if (frame !== null) {
      const rows = diffFrame(prev, frame.lines);
      bytes = rows === '' ? '' : rows + frame.after;
      prev = Date.now() < wholeUntil ? null : frame.lines;
      if (bytes === '') {
        dropEsu = heldBsu;
        heldBsu = false;
        return true;
      }
    }
    if (heldBsu && typeof bytes === 'string' && rest.length === 0) {
      pending = BSU + bytes;
      heldBsu = false;
      queueMicrotask(flush);
      return true;
    }
    if (heldBsu && typeof bytes === 'string') bytes = BSU + bytes;
    else if (heldBsu) send(BSU);
    heldBsu = false;
    return send(bytes, ...rest);
  }) as Write;
  return new Proxy(real, {
    get(target, prop) {
      if (prop === 'write') return write;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
