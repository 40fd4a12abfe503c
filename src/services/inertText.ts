/**
 * Text from elsewhere — logs, command output, names, labels, queries, error
 * bodies, procedure text — made inert before it can reach a terminal. A
 * terminal acts on control characters, not only shows them: ESC starts
 * sequences that retitle the window (OSC 0/2), write the clipboard (OSC 52),
 * plant hyperlinks (OSC 8), move the cursor or clear the screen (CSI), or
 * talk to the terminal itself (DCS, APC, PM, SOS); C1 characters (U+0080–
 * U+009F) are the same introducers in one character; `\r` sends the cursor
 * back to overwrite the line's start.
 *
 * Every such character is replaced by a visible one, so a sequence shows as
 * what it is and does nothing: `\x1b]0;PWNED\x07` → `␛]0;PWNED␇`.
 * - C0 controls except tab and newline → their Control Pictures (U+2400 +
 *   code: ␀ … ␛ … ␟), DEL → ␡. Replacing the ESC alone disarms any sequence
 *   it starts: what follows it is printable text.
 * - C1 controls → `\x9b`-style hex (Unicode has no pictures for them).
 * - `\r\n` → `\n`; any other `\r` → ␍.
 * - Lone UTF-16 surrogates (a string that was never valid UTF-8/16) → U+FFFD,
 *   as bytes that are not UTF-8 become U+FFFD where they are decoded.
 *
 * `inertLine` is the same for one-line places (a name, a label, a table
 * cell): newline → ␊ and tab → a space too, so a value can never add a row.
 *
 * The result is branded `InertText`: a type for fields that hold remote text
 * once it went through here.
 */

declare const inertBrand: unique symbol;
/** A string that went through inertText or inertLine. */
export type InertText = string & { readonly [inertBrand]: true };

/** What needs replacing, in either form (the fast path: most lines have none). */
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSAFE_TEXT_G = /\r\n|[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_LINE = /[\x00-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSAFE_LINE_G = /[\x00-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The visible stand-in of one unsafe character (or `\r\n`). */
function visible(ch: string): string {
  if (ch === '\r\n') return '\n';
  const c = ch.charCodeAt(0);
  if (c < 0x20) return String.fromCharCode(0x2400 + c);
  if (c === 0x7f) return '\u2421';
  if (c <= 0x9f) return `\\x${c.toString(16)}`;
  return '\ufffd';
}

/** Multi-line text made inert: tab and newline stay, every other control shows as a visible character. */
export function inertText(s: string): InertText {
  return (UNSAFE.test(s) ? s.replace(UNSAFE_TEXT_G, visible) : s) as InertText;
}

/** One-line text made inert: as inertText, and a newline shows as ␊, a tab as a space. */
export function inertLine(s: string): InertText {
  if (!UNSAFE_LINE.test(s)) return s as InertText;
  return s.replace(UNSAFE_LINE_G, (ch) => (ch === '\t' ? ' ' : visible(ch))) as InertText;
}

const isPlain = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * A value with inertText applied to every string in it — in arrays and plain
 * objects, keys too — for records whose fields come from elsewhere (a poll's
 * snapshot, an alert, a run's lines). Copy on write: what needs no change is
 * returned as the very same object, so a store's unchanged parts keep their
 * identity (selectors and memos compare by reference). Class instances,
 * functions and buffers are left as they are.
 */
export function inertStrings<T>(value: T): T {
  if (typeof value === 'string') return inertText(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      // Numbers and the like (a history of 150 samples) need no call.
      if (typeof v === 'number' || (typeof v !== 'string' && (typeof v !== 'object' || v === null))) continue;
      const w = inertStrings(v);
      if (w !== v) (out ??= value.slice())[i] = w;
    }
    return (out ?? value) as T;
  }
  if (!isPlain(value)) return value;
  const from = value as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  // for…in over own keys, not Object.keys or entries: no array or pair allocated per object of every snapshot a poll brings.
  for (const k in from) {
    if (!Object.hasOwn(from, k)) continue;
    const v = from[k];
    const key = inertKey(k);
    const w = typeof v === 'number' || typeof v === 'boolean' ? v : inertStrings(v);
    if (w === v && key === k) continue;
    out ??= { ...from };
    if (key !== k) delete out[k];
    out[key] = w;
  }
  return (out ?? value) as T;
}

/** Keys found inert before (field names, mostly the program's own), up to a bound: remote keys cannot grow it without end. */
const INERT_KEYS = new Set<string>();
const INERT_KEYS_MAX = 4096;

function inertKey(k: string): string {
  if (INERT_KEYS.has(k)) return k;
  const key = inertText(k);
  if (key === k && INERT_KEYS.size < INERT_KEYS_MAX) INERT_KEYS.add(k);
  return key;
}
