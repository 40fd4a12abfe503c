/**
 * Once a frame fills the terminal, Ink 6 stops diffing: every frame is
 * "clear the screen, scrollback too, then write all of it" — a whole screen of
 * bytes through the pty (and over the operator's SSH session) to change one
 * number, and a flicker on terminals without synchronized output. The cockpit
 * always fills the screen, so every frame took that path.
 *
 * This stdout stands in front of the real one and turns each such full redraw
 * into the rows that changed, addressed absolutely, as curses does. Anything
 * else Ink writes (cursor, synchronized-output marks) passes through untouched.
 * A resize forgets the previous frame, so the next one is drawn whole.
 * Ink's "begin synchronized update" mark is held back and sent with the frame
 * (one write, not three), and dropped with its "end" when nothing changed.
 */
const CLEAR = '\x1b[2J\x1b[3J\x1b[H';
const BSU = '\x1b[?2026h';
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

type Write = NodeJS.WriteStream['write'];

export function frameDiffStdout(real: NodeJS.WriteStream): NodeJS.WriteStream {
  let prev: string[] | null = null;
  real.on('resize', () => {
    prev = null;
  });
  const send = real.write.bind(real) as (...a: unknown[]) => boolean;
  let heldBsu = false;
  let dropEsu = false;
  const write = ((chunk: unknown, ...rest: unknown[]) => {
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
    if (typeof chunk === 'string' && chunk.startsWith(CLEAR)) {
      const next = chunk.slice(CLEAR.length).split('\n');
      bytes = diffFrame(prev, next);
      prev = next;
      if (bytes === '') {
        dropEsu = heldBsu;
        heldBsu = false;
        return true;
      }
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
