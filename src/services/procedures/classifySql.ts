/**
 * The risk of SQL, statement by statement, from its keywords (never from
 * inside string literals or comments). Unknown statements are mutating: when
 * in doubt, the higher risk.
 *
 *   read-only    SELECT, WITH … SELECT, SHOW, EXPLAIN (without ANALYZE), VALUES, TABLE, BEGIN/COMMIT …
 *   mutating     INSERT, UPDATE … WHERE, ANALYZE, VACUUM, REINDEX, CLUSTER, CREATE, ALTER, GRANT, REVOKE,
 *                SET, COPY, CALL, DO, LOCK, REFRESH, and SELECTs calling functions that act
 *                (pg_terminate_backend, pg_cancel_backend, pg_reload_conf, setval, nextval …)
 *   destructive  DELETE, DROP, TRUNCATE, UPDATE without WHERE, VACUUM FULL, ALTER … DROP, and
 *                a DELETE/UPDATE/INSERT/DROP/TRUNCATE anywhere inside another statement (WITH … DELETE)
 *
 * A read-only statement that calls a function the classifier does not know
 * to be a read-only built-in (sqlFunctions.ts) is mutating: `SELECT
 * purge_expired()` runs whatever the function does. A `DO $$ … $$` block runs
 * its body: the body is classified (strings included, for EXECUTE 'DROP …'),
 * and it is at least mutating.
 */
import { maxRisk, type Risk } from '../actionGuard';
import { unknownFunctions } from './sqlFunctions';
import { splitSql, sqlSpans, sqlWords } from './sqlText';

export interface Verdict {
  risk: Risk;
  reasons: string[];
}

const READ = new Set(['SELECT', 'WITH', 'SHOW', 'EXPLAIN', 'VALUES', 'TABLE', 'BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'DISCARD', 'FETCH', 'CLOSE', 'DECLARE', 'LISTEN', 'UNLISTEN']);
const MUTATE = new Set(['INSERT', 'ANALYZE', 'ANALYSE', 'VACUUM', 'REINDEX', 'CLUSTER', 'CREATE', 'ALTER', 'GRANT', 'REVOKE', 'COMMENT', 'SET', 'RESET', 'COPY', 'CALL', 'DO', 'LOCK', 'REFRESH', 'CHECKPOINT', 'NOTIFY', 'PREPARE', 'EXECUTE', 'IMPORT', 'SECURITY', 'MERGE', 'UPDATE']);
const DESTROY = new Set(['DELETE', 'DROP', 'TRUNCATE']);
/** Functions that act on the server even inside a SELECT. */
const ACTING_FUNCTIONS = new Set([
  'PG_TERMINATE_BACKEND',
  'PG_CANCEL_BACKEND',
  'PG_RELOAD_CONF',
  'PG_ROTATE_LOGFILE',
  'PG_SWITCH_WAL',
  'SET_CONFIG',
  'SETVAL',
  'NEXTVAL',
  'PG_ADVISORY_LOCK',
  'PG_CREATE_RESTORE_POINT',
  'PG_STAT_RESET',
  'PG_STAT_STATEMENTS_RESET',
  'LO_IMPORT',
  'LO_EXPORT',
  'DBLINK_EXEC',
]);
const DESTROYING_FUNCTIONS = new Set(['PG_DROP_REPLICATION_SLOT', 'LO_UNLINK', 'PG_FILE_UNLINK', 'PG_TRUNCATE']);

/** One statement's verdict. */
export function classifyStatement(statement: string): Verdict {
  const trimmed = statement.trim();
  if (trimmed.startsWith('\\')) {
    // psql's own commands: \d… and \l only describe; \i, \copy, \! and friends act.
    return /^\\(d\S*|l\+?|x|timing|conninfo)(\s|$)/.test(trimmed)
      ? { risk: 'read-only', reasons: ['psql describe command'] }
      : { risk: 'mutating', reasons: ['psql meta-command: treated as mutating'] };
  }
  const words = sqlWords(statement).map((w) => w.word);
  const first = words[0];
  if (first === undefined) return { risk: 'read-only', reasons: [] };
  const has = (w: string): boolean => words.includes(w);
  let risk: Risk;
  let reason: string;
  if (first === 'UPDATE') {
    [risk, reason] = has('WHERE') ? ['mutating', 'UPDATE … WHERE changes rows'] : ['destructive', 'UPDATE without WHERE rewrites every row'];
  } else if (first === 'VACUUM' && has('FULL')) {
    [risk, reason] = ['destructive', 'VACUUM FULL locks and rewrites whole tables'];
  } else if (first === 'ALTER' && (has('DROP') || has('RENAME'))) {
    [risk, reason] = ['destructive', `ALTER … ${has('DROP') ? 'DROP' : 'RENAME'} removes or renames what others use`];
  } else if (first === 'EXPLAIN' && has('ANALYZE')) {
    // EXPLAIN ANALYZE runs the statement it explains.
    const inner = classifyStatement(statement.replace(/^\s*EXPLAIN\s*(\([^)]*\)|ANALYZE|VERBOSE|\s)*/i, ''));
    return { risk: inner.risk, reasons: ['EXPLAIN ANALYZE runs the statement', ...inner.reasons] };
  } else if (first === 'DO') {
    return classifyDo(statement);
  } else if (DESTROY.has(first)) {
    [risk, reason] = ['destructive', `${first} removes data or objects`];
  } else if (MUTATE.has(first)) {
    [risk, reason] = ['mutating', `${first} changes the database`];
  } else if (READ.has(first)) {
    [risk, reason] = ['read-only', `${first} only reads`];
  } else {
    [risk, reason] = ['mutating', `unknown statement ${first}: treated as mutating`];
  }
  const reasons = [reason];
  // Data-modifying parts inside a reading statement (WITH d AS (DELETE …) SELECT …, SELECT … INTO t).
  for (const w of words.slice(1)) {
    if (DESTROY.has(w) && risk !== 'destructive' && first !== 'ALTER' && first !== 'GRANT' && first !== 'REVOKE' && first !== 'CREATE') {
      risk = 'destructive';
      reasons.push(`contains ${w}`);
    }
    if (ACTING_FUNCTIONS.has(w)) {
      risk = maxRisk(risk, 'mutating');
      reasons.push(`calls ${w.toLowerCase()}()`);
    }
    if (DESTROYING_FUNCTIONS.has(w)) {
      risk = 'destructive';
      reasons.push(`calls ${w.toLowerCase()}()`);
    }
  }
  if (risk === 'read-only' && first === 'SELECT' && has('INTO')) {
    risk = 'mutating';
    reasons.push('SELECT … INTO creates a table');
  }
  if (risk === 'read-only' && (has('INSERT') || has('UPDATE') || has('MERGE'))) {
    risk = 'mutating';
    reasons.push('contains a data-modifying statement');
  }
  if (risk === 'read-only') {
    const unknown = unknownFunctions(statement);
    if (unknown.length) {
      risk = 'mutating';
      reasons.unshift(`calls ${unknown.map((f) => `${f.toLowerCase()}()`).join(', ')}: not a known read-only function, treated as mutating`);
    }
  }
  return { risk, reasons };
}

/** `DO [LANGUAGE x] $$ body $$`: what the body runs, at least mutating. */
function classifyDo(statement: string): Verdict {
  const bodies = sqlSpans(statement)
    .filter((s) => s.kind === 'string')
    .map((s) => statement.slice(s.start, s.end).replace(/^\$[A-Za-z0-9_]*\$|\$[A-Za-z0-9_]*\$$/g, '').replace(/^E?'|'$/g, ''));
  let risk: Risk = 'mutating';
  const reasons = ['DO runs a PL/pgSQL block'];
  for (const body of bodies) {
    // Words anywhere in the body, strings included: EXECUTE 'DROP TABLE ' || t runs what the string says.
    const words = new Set(body.toUpperCase().match(/[A-Z_][A-Z0-9_]*/g) ?? []);
    for (const w of DESTROY) {
      if (words.has(w)) {
        risk = 'destructive';
        reasons.push(`its body contains ${w}`);
      }
    }
    for (const w of DESTROYING_FUNCTIONS) {
      if (words.has(w)) {
        risk = 'destructive';
        reasons.push(`its body calls ${w.toLowerCase()}()`);
      }
    }
    if (words.has('UPDATE') && !/\bUPDATE\b[\s\S]*\bWHERE\b/i.test(body)) {
      risk = 'destructive';
      reasons.push('its body has an UPDATE without WHERE');
    }
  }
  return { risk, reasons };
}

/** Every statement of a SQL text: the highest risk, with each reason once. */
export function classifySql(text: string): Verdict {
  let risk: Risk = 'read-only';
  const reasons: string[] = [];
  for (const item of splitSql(text)) {
    if (item.type !== 'statement') continue;
    const v = classifyStatement(item.text);
    risk = maxRisk(risk, v.risk);
    for (const r of v.reasons) if (!reasons.includes(r)) reasons.push(r);
  }
  return { risk, reasons };
}
