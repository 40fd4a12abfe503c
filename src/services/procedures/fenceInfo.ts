/**
 * A fence's info string: the language, then optional attributes in braces,
 * in the spirit of Runme (```` ```bash {risk=mutating param.email=email} ````).
 *
 *   info   = lang [ "{" attr *( " " attr ) "}" ]
 *   attr   = key [ "=" value ]
 *   key    = letter *( letter / digit / "-" / "_" / "." )
 *   value  = bare / '"' *( char / '\"' / '\\' ) '"'      bare: no space, quote, brace, "="
 *
 * Keys (anything else is an error, so a typo never silently drops a guard):
 *   risk=read-only|mutating|destructive   raises every command of the block to at least this
 *   risk-override="why"                   with risk=: the stated risk replaces the classifier's, even lower
 *   param.NAME=TYPE                       the type of [NAME] (email, ip, service, backup-file, text, lines)
 *   db=NAME                               sql blocks: the database (default: the host's configured one)
 *   timeout=30s|5m|1h|500ms               how long the runner lets each command run
 *   interactive[=true|false]              needs a terminal: the runner hands it to the operator
 *   evidence="soc2/x_{date}.csv"          sql blocks: save the result as CSV evidence under this name
 *   no-match                              shell blocks: a command whose last stage is grep (grepSearch.ts) that
 *                                         exits 1 and prints nothing found nothing: recorded as "no match", not a
 *                                         failure. Every other command, exit code or output still fails as before;
 *                                         a block without such a command is an error.
 *   on-error=continue                     failures are expected: a command that exits non-zero does not stop the
 *                                         block; the commands after it still run (the failure is recorded)
 */
import { TextError } from './LibraryError';
import type { BlockAttributes, ParamType, Risk } from './model';
import { PARAM_TYPES } from './paramTypes';
import { placeholderName } from './placeholders';

export interface FenceInfo {
  /** As written, lower-cased ("bash", "sql", "" when none). */
  lang: string;
  /** What the runner does with it. Unknown or missing languages are shown, never run. */
  kind: 'shell' | 'sql' | 'manual';
  attributes: BlockAttributes;
}

const SHELL_LANGS = new Set(['bash', 'sh', 'shell', 'zsh']);
const SQL_LANGS = new Set(['sql', 'psql', 'postgresql', 'pgsql']);
const RISKS = new Set<string>(['read-only', 'mutating', 'destructive']);

function parseDuration(v: string, at: number): number {
  const m = /^(\d+)(ms|s|m|h)$/.exec(v);
  if (!m) throw new TextError(`timeout=${v}: expected a duration like 30s, 5m, 1h or 500ms`, at);
  const n = Number(m[1]);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return n * unit;
}

/** Splits `key=value key2="a b"` into pairs; offsets are into the whole info string. */
function tokenize(body: string, base: number): Array<{ key: string; value: string | null; at: number }> {
  const out: Array<{ key: string; value: string | null; at: number }> = [];
  let i = 0;
  while (i < body.length) {
    if (/\s/.test(body[i]!)) {
      i++;
      continue;
    }
    const start = i;
    const km = /^[A-Za-z][A-Za-z0-9_.-]*/.exec(body.slice(i));
    if (!km) throw new TextError(`unexpected ${JSON.stringify(body[i])} in fence attributes`, base + i);
    i += km[0].length;
    let value: string | null = null;
    if (body[i] === '=') {
      i++;
      if (body[i] === '"') {
        let v = '';
        i++;
        for (;;) {
          if (i >= body.length) throw new TextError(`unterminated quoted value for ${km[0]}`, base + start);
          const c = body[i]!;
          if (c === '"') break;
          if (c === '\\' && i + 1 < body.length) {
            v += body[i + 1];
            i += 2;
          } else {
            v += c;
            i++;
          }
        }
        i++;
        value = v;
      } else {
        const vm = /^[^\s"{}=]+/.exec(body.slice(i));
        if (!vm) throw new TextError(`${km[0]}= needs a value`, base + i);
        value = vm[0];
        i += vm[0].length;
      }
    }
    if (i < body.length && !/\s/.test(body[i]!)) throw new TextError(`expected a space after ${km[0]}`, base + i);
    out.push({ key: km[0], value, at: base + start });
  }
  return out;
}

export function parseFenceInfo(lang: string | null | undefined, meta: string | null | undefined): FenceInfo {
  const l = (lang ?? '').toLowerCase();
  const attributes: BlockAttributes = { params: {}, interactive: false };
  const kind = SHELL_LANGS.has(l) ? 'shell' : SQL_LANGS.has(l) ? 'sql' : 'manual';
  const m = (meta ?? '').trim();
  if (m === '') return { lang: l, kind, attributes };
  // mdast hands us everything after the language as `meta`; the offset counts from there.
  const open = m.indexOf('{');
  if (open !== 0 || !m.endsWith('}')) throw new TextError(`fence attributes must be one {…} group after the language, got ${JSON.stringify(m)}`, 0);
  const seen = new Set<string>();
  for (const { key, value, at } of tokenize(m.slice(1, -1), 1)) {
    if (seen.has(key)) throw new TextError(`${key} is given twice`, at);
    seen.add(key);
    const need = (): string => {
      if (value === null || value === '') throw new TextError(`${key} needs a value`, at);
      return value;
    };
    if (key === 'risk') {
      const v = need();
      if (!RISKS.has(v)) throw new TextError(`risk=${v}: expected read-only, mutating or destructive`, at);
      attributes.risk = v as Risk;
    } else if (key === 'risk-override') {
      attributes.riskOverride = need();
    } else if (key.startsWith('param.')) {
      const name = placeholderName(key.slice(6));
      const v = need();
      if (!name) throw new TextError(`${key}: no parameter name`, at);
      if (!(PARAM_TYPES as readonly string[]).includes(v)) throw new TextError(`${key}=${v}: expected one of ${PARAM_TYPES.join(', ')}`, at);
      attributes.params[name] = v as ParamType;
    } else if (key === 'db') {
      const v = need();
      if (!/^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/.test(v)) throw new TextError(`db=${v}: not a database name`, at);
      attributes.db = v;
    } else if (key === 'timeout') {
      attributes.timeoutMs = parseDuration(need(), at);
    } else if (key === 'interactive') {
      if (value !== null && value !== 'true' && value !== 'false') throw new TextError(`interactive=${value}: expected true or false`, at);
      attributes.interactive = value !== 'false';
    } else if (key === 'evidence') {
      const v = need();
      // A relative path under the run's evidence folder: no escaping it.
      if (v.startsWith('/') || v.split('/').includes('..')) throw new TextError(`evidence=${v}: must be a relative path without ..`, at);
      attributes.evidence = v;
    } else if (key === 'no-match') {
      if (value !== null) throw new TextError(`no-match takes no value (got no-match=${value})`, at);
      attributes.noMatch = true;
    } else if (key === 'on-error') {
      if (value !== 'continue') throw new TextError(`on-error=${value ?? ''}: expected on-error=continue (stopping at the first failure is the default)`, at);
      attributes.onError = 'continue';
    } else {
      throw new TextError(`unknown fence attribute ${JSON.stringify(key)} (known: risk, risk-override, param.NAME, db, timeout, interactive, evidence, no-match, on-error)`, at);
    }
  }
  if (attributes.riskOverride !== undefined && attributes.risk === undefined) {
    throw new TextError('risk-override needs risk= to say which risk it states', 0);
  }
  if ((attributes.db !== undefined || attributes.evidence !== undefined) && kind !== 'sql') {
    throw new TextError(`${attributes.db !== undefined ? 'db' : 'evidence'}= applies to sql blocks only`, 0);
  }
  if (attributes.noMatch && kind !== 'shell') throw new TextError('no-match applies to shell blocks only', 0);
  return { lang: l, kind, attributes };
}
