/**
 * ~/.pgpass, read the way libpq reads it: `host:port:database:user:password`
 * per line, `#` comments, `\:` and `\\` escapes, `*` matching anything in the
 * first four fields, and the first matching line wins.
 */

export interface PgpassEntry {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
}

/** Splits one line on unescaped colons, undoing the escapes. */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
    } else if (c === ':') {
      out.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur);
  return out;
}

export function parsePgpass(text: string): PgpassEntry[] {
  const entries: PgpassEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.startsWith('#')) continue;
    const f = fields(raw);
    // libpq skips lines with too few fields, and ends the password at the next unescaped colon.
    if (f.length < 5) continue;
    const [host, port, database, user, password] = f as [string, string, string, string, string];
    entries.push({ host, port, database, user, password });
  }
  return entries;
}

export interface PgpassQuery {
  host: string;
  port: number;
  database: string;
  user: string;
}

const matches = (pattern: string, value: string) => pattern === '*' || pattern === value;

export function lookupPgpass(entries: readonly PgpassEntry[], q: PgpassQuery): string | null {
  for (const e of entries) {
    if (matches(e.host, q.host) && matches(e.port, String(q.port)) && matches(e.database, q.database) && matches(e.user, q.user)) {
      return e.password;
    }
  }
  return null;
}
