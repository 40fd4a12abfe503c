/**
 * A SQL statement's `[placeholder]`s → bound query parameters ($1, $2 …),
 * so a value is data to the server and never SQL text. The library writes
 * values as `'[compromised_email]'` (a literal that is only the placeholder:
 * it becomes `$1`), bare `[x]` (becomes `$1`), or inside a longer literal
 * `'%[x]%'` (becomes `('%' || $1::text || '%')`). Placeholders in comments
 * are ignored; one in an E'…' or $$…$$ string cannot be bound and is an error.
 */
import { TextError } from './LibraryError';
import { findPlaceholders } from './placeholders';
import { sqlSpans } from './sqlText';

export interface BoundSql {
  text: string;
  /** Parameter names, in $n order ($1 is params[0]). */
  params: string[];
}

/** Placeholders of a SQL text outside comments, with offsets into it. */
export function sqlPlaceholders(text: string): Array<{ raw: string; name: string; start: number; end: number }> {
  const out: Array<{ raw: string; name: string; start: number; end: number }> = [];
  for (const s of sqlSpans(text)) {
    if (s.kind !== 'code' && s.kind !== 'string') continue;
    for (const p of findPlaceholders(text.slice(s.start, s.end))) out.push({ ...p, start: p.start + s.start, end: p.end + s.start });
  }
  return out;
}

export function bindSql(statement: string): BoundSql {
  const params: string[] = [];
  const ref = (name: string): string => {
    let i = params.indexOf(name);
    if (i < 0) i = params.push(name) - 1;
    return `$${i + 1}`;
  };
  let out = '';
  for (const s of sqlSpans(statement)) {
    const part = statement.slice(s.start, s.end);
    const places = s.kind === 'code' || s.kind === 'string' ? findPlaceholders(part) : [];
    if (places.length === 0) {
      out += part;
    } else if (s.kind === 'code') {
      let k = 0;
      for (const p of places) {
        out += part.slice(k, p.start) + ref(p.name);
        k = p.end;
      }
      out += part.slice(k);
    } else {
      if (!part.startsWith("'")) throw new TextError(`cannot bind [${places[0]!.raw}] inside an E'…' or $$…$$ string`, s.start);
      const only = places.length === 1 && part === `'[${places[0]!.raw}]'`;
      if (only) {
        out += ref(places[0]!.name);
        continue;
      }
      // Split the literal around each placeholder and concatenate.
      const body = part.slice(1, -1);
      const pieces: string[] = [];
      let k = 0;
      for (const p of places) {
        const lit = body.slice(Math.max(0, k), p.start - 1);
        if (lit) pieces.push(`'${lit}'`);
        pieces.push(`${ref(p.name)}::text`);
        k = p.end - 1;
      }
      const tail = body.slice(k);
      if (tail) pieces.push(`'${tail}'`);
      out += `(${pieces.join(' || ')})`;
    }
  }
  return { text: out, params };
}
