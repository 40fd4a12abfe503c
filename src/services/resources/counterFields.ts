/**
 * The counters of a /proc line, read without splitting it: the fields are
 * runs of decimal digits between spaces or tabs, read as they are scanned, so
 * a line of sixteen counters allocates nothing. Numbers past 2^53 (petabytes
 * of traffic) come out as nearly as Number() gives them.
 */

const isBlank = (c: number) => c === 32 || c === 9;

/** Blanks a /proc line may hold around its fields: spaces, tabs, the carriage return of a CRLF line end, vertical tabs and form feeds. */
export const isLineBlank = (c: number) => c === 32 || c === 9 || c === 13 || c === 11 || c === 12;

/** The index of the first character at or after `at` (before `end`) that is not a line blank; `end` when there is none. */
export function skipLineBlanks(text: string, at: number, end: number): number {
  while (at < end && isLineBlank(text.charCodeAt(at))) at++;
  return at;
}

/** Calls `fn` with each line of `text`, a trailing carriage return left out, without splitting the text into an array. */
export function forEachLine(text: string, fn: (line: string) => void): void {
  let from = 0;
  while (from < text.length) {
    let eol = text.indexOf('\n', from);
    if (eol === -1) eol = text.length;
    fn(text.slice(from, eol > from && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol));
    from = eol + 1;
  }
}

/**
 * Up to `max` counters of `line` from index `at` into `out` (its length set
 * to how many were read). False when a field is not a whole non-negative
 * number: such a line is not the counters it claims to be.
 */
export function readCounters(line: string, at: number, out: number[], max: number): boolean {
  let n = 0;
  let i = at;
  const end = line.length;
  while (n < max) {
    while (i < end && isBlank(line.charCodeAt(i))) i++;
    if (i >= end) break;
    let v = 0;
    const from = i;
    for (; i < end; i++) {
      const c = line.charCodeAt(i);
      if (isBlank(c)) break;
      if (c < 48 || c > 57) return false;
      v = v * 10 + (c - 48);
    }
    if (i === from) break;
    out[n++] = v;
  }
  out.length = n;
  return true;
}

/** Index just past the `count`th field of `line` from `at` (fields separated by spaces or tabs); -1 when there are fewer. */
export function skipFields(line: string, at: number, count: number): number {
  let i = at;
  const end = line.length;
  for (let k = 0; k < count; k++) {
    while (i < end && isBlank(line.charCodeAt(i))) i++;
    if (i >= end) return -1;
    while (i < end && !isBlank(line.charCodeAt(i))) i++;
  }
  return i;
}

/** The `index`th field of `line` (0 first), '' when there is none. */
export function fieldAt(line: string, index: number): string {
  const start = skipFields(line, 0, index);
  if (start === -1) return '';
  let i = start;
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  const from = i;
  while (i < line.length && !isBlank(line.charCodeAt(i))) i++;
  return line.slice(from, i);
}
