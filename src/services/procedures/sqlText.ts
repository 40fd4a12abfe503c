/**
 * PostgreSQL text, lexed just enough to tell code from literals and comments:
 * the classifier must not read `action LIKE '%delete%'` as a DELETE, and a
 * `;` inside a string does not end a statement.
 */
import { TextError } from './LibraryError';

export type SqlSpan = { kind: 'code' | 'string' | 'comment' | 'ident'; start: number; end: number };

/** Splits SQL into code, string literals ('…', E'…', $tag$…$tag$), quoted identifiers and comments. */
export function sqlSpans(text: string): SqlSpan[] {
  const spans: SqlSpan[] = [];
  let codeStart = 0;
  let i = 0;
  const push = (kind: SqlSpan['kind'], start: number, end: number): void => {
    if (start > codeStart) spans.push({ kind: 'code', start: codeStart, end: start });
    spans.push({ kind, start, end });
    codeStart = end;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '-' && text[i + 1] === '-') {
      const e = text.indexOf('\n', i);
      const end = e < 0 ? text.length : e;
      push('comment', i, end);
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      if (e < 0) throw new TextError('unterminated /* comment', i);
      push('comment', i, e + 2);
      i = e + 2;
    } else if (c === "'" || ((c === 'E' || c === 'e') && text[i + 1] === "'" && !/[A-Za-z0-9_]/.test(text[i - 1] ?? ''))) {
      const open = c === "'" ? i : i + 1;
      const escapes = open !== i;
      let k = open + 1;
      for (;;) {
        if (k >= text.length) throw new TextError('unterminated string literal', i);
        if (escapes && text[k] === '\\') k += 2;
        else if (text[k] === "'" && text[k + 1] === "'") k += 2;
        else if (text[k] === "'") break;
        else k++;
      }
      push('string', i, k + 1);
      i = k + 1;
    } else if (c === '"') {
      const e = text.indexOf('"', i + 1);
      if (e < 0) throw new TextError('unterminated quoted identifier', i);
      push('ident', i, e + 1);
      i = e + 1;
    } else if (c === '$' && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i));
      if (!tag) {
        i++;
        continue;
      }
      const e = text.indexOf(tag[0], i + tag[0].length);
      if (e < 0) throw new TextError(`unterminated ${tag[0]} string`, i);
      push('string', i, e + tag[0].length);
      i = e + tag[0].length;
    } else i++;
  }
  if (codeStart < text.length) spans.push({ kind: 'code', start: codeStart, end: text.length });
  return spans;
}

/** The text with strings, identifiers and comments blanked to spaces (offsets and newlines kept). */
export function sqlCodeOnly(text: string): string {
  let out = '';
  for (const s of sqlSpans(text)) {
    const part = text.slice(s.start, s.end);
    out += s.kind === 'code' ? part : part.replace(/[^\n]/g, ' ');
  }
  return out;
}

export type SqlItem = { type: 'instruction'; text: string; offset: number } | { type: 'statement'; text: string; start: number; end: number };

/**
 * A SQL text → instructions and statements, like a shell block: `--` comment
 * lines before a statement are instructions; a statement runs to its `;`
 * (comments inside it stay part of it). Comments after the last statement
 * come back as instructions too; the caller makes them notes.
 */
export function splitSql(text: string): SqlItem[] {
  const code = sqlCodeOnly(text);
  const items: SqlItem[] = [];
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && /\s/.test(text[j]!)) j++;
    if (j >= text.length) break;
    // A comment before any code of the statement: an instruction (one per line).
    if (text.startsWith('--', j) && code[j] === ' ') {
      const nl = text.indexOf('\n', j);
      const end = nl < 0 ? text.length : nl;
      items.push({ type: 'instruction', text: text.slice(j, end).replace(/^--+\s?/, '').trimEnd(), offset: j });
      i = end;
      continue;
    }
    if (text.startsWith('/*', j) && code[j] === ' ') {
      const close = text.indexOf('*/', j);
      items.push({ type: 'instruction', text: text.slice(j + 2, close).trim(), offset: j });
      i = close + 2;
      continue;
    }
    const semi = code.indexOf(';', j);
    const end = semi < 0 ? text.length : semi + 1;
    items.push({ type: 'statement', text: text.slice(j, end).trimEnd(), start: j, end });
    i = end;
  }
  return items;
}

/** The keywords of the code, upper-cased, with their offsets. */
export function sqlWords(text: string): Array<{ word: string; at: number }> {
  const code = sqlCodeOnly(text);
  const out: Array<{ word: string; at: number }> = [];
  for (const m of code.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) out.push({ word: m[0].toUpperCase(), at: m.index });
  return out;
}
