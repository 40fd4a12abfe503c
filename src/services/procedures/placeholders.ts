/**
 * What counts as a `[placeholder]` in a command. The library writes
 * parameters as `[service_name]`, `'[compromised_email]'`, `[REASON]` or
 * `[LIST ANY ISSUES]`; shell and SQL also use brackets for other things, which
 * must not become parameters:
 *   `[ -f x ]`, `[[ $a -lt 3 ]]`   tests: a space (or a second bracket) follows `[`
 *   `${arr[1]}`, `ARRAY[1]`, `a[i]` subscripts: an identifier character precedes `[`
 *   `grep "[n]ginx"`, `[0-9]`, `[a-z]`, `[[:alpha:]]`   classes: text follows `]`, or a range, digit or `:` inside
 *   `[text](#anchor)`              a Markdown link: `(` follows `]`
 */

const NAME_BODY = /^[A-Za-z][A-Za-z0-9_ .-]*[A-Za-z0-9_]$/;
const RANGE_ONLY = /^([A-Za-z0-9]-[A-Za-z0-9])+$/;

/** Normalised parameter name: lower case, runs of other characters as `_`. */
export function placeholderName(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The environment variable a shell command reads the parameter from. */
export function envNameFor(name: string): string {
  return `RISKCTL_P_${name.toUpperCase()}`;
}

/**
 * If a placeholder starts at `i` (text[i] === '['), its raw name and the
 * offset just past `]`; otherwise null. Looks only at this line.
 */
export function placeholderAt(text: string, i: number): { raw: string; end: number } | null {
  if (text[i] !== '[') return null;
  const before = i > 0 ? text[i - 1]! : '';
  if (/[A-Za-z0-9_\]$[]/.test(before)) return null;
  const close = text.indexOf(']', i + 1);
  if (close < 0) return null;
  const raw = text.slice(i + 1, close);
  if (raw.includes('\n') || raw.length < 2 || raw.length > 60) return null;
  if (!NAME_BODY.test(raw) || RANGE_ONLY.test(raw)) return null;
  const after = text[close + 1] ?? '';
  if (/[A-Za-z0-9_([]/.test(after)) return null;
  return { raw, end: close + 1 };
}

/** Every placeholder in a piece of text (no quoting awareness): for prose and SQL scans. */
export function findPlaceholders(text: string): Array<{ raw: string; name: string; start: number; end: number }> {
  const out: Array<{ raw: string; name: string; start: number; end: number }> = [];
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
    const p = placeholderAt(text, i);
    if (p) out.push({ raw: p.raw, name: placeholderName(p.raw), start: i, end: p.end });
  }
  return out;
}
