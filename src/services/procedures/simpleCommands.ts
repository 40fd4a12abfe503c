/**
 * Tokens of one shell command → the simple commands it runs (`a | b && c`
 * runs three), with their arguments unquoted and their redirections, and
 * every command substitution anywhere in it. Reserved words of compound
 * commands are dropped: `for f in *; do rm "$f"; done` runs `rm "$f"`.
 */
import { REDIRECTS, type HeredocToken, type Lexed, type Token, type WordToken } from './shellLexer';

export interface Redirect {
  op: string;
  fd?: number;
  target: string;
  /** A here-document's body (`<<` / `<<-`). */
  body?: string;
}

export interface SimpleCommand {
  /** The command's words after assignments (argv[0] is the program). */
  words: WordToken[];
  assignments: WordToken[];
  redirects: Redirect[];
  /**
   * What feeds its standard input through a pipe: the simple command before
   * `|`, or 'unknown' when that is a compound command (`{ …; } | sh`).
   */
  pipedFrom?: SimpleCommand | 'unknown';
}

const SKIP = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '{', '}', '!', 'time', 'esac']);
/** Headers whose words are not a command (`for x in a b c`), up to the next ; or newline. */
const HEADERS = new Set(['for', 'case', 'select']);

export function simpleCommands(tokens: Token[]): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let cur: SimpleCommand = { words: [], assignments: [], redirects: [] };
  let inHeader = false;
  // Here-document bodies come after the line, in the order of their `<<`.
  const bodies = tokens.filter((t): t is HeredocToken => t.t === 'heredoc').map((t) => t.body);
  let nextBody = 0;
  const end = (): SimpleCommand | null => {
    const done = cur.words.length || cur.assignments.length || cur.redirects.length ? cur : null;
    // An empty command keeps its pipe: `a |` NEWLINE `b` pipes a into b.
    if (done) {
      out.push(done);
      cur = { words: [], assignments: [], redirects: [] };
    }
    return done;
  };
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]!;
    if (tok.t === 'comment' || tok.t === 'heredoc') continue;
    if (tok.t === 'nl') {
      inHeader = false;
      end();
      continue;
    }
    if (tok.t === 'op') {
      if (REDIRECTS.has(tok.op)) {
        const next = tokens[k + 1];
        const target = next?.t === 'word' ? next.value : '';
        if (next?.t === 'word') k++;
        const body = tok.op === '<<' || tok.op === '<<-' ? bodies[nextBody++] : undefined;
        if (!inHeader) cur.redirects.push({ op: tok.op, ...(tok.fd === undefined ? {} : { fd: tok.fd }), target, ...(body === undefined ? {} : { body }) });
      } else {
        if (tok.op === ';' || tok.op === ';;') inHeader = false;
        const done = end();
        if (tok.op === '|' || tok.op === '|&') cur.pipedFrom = done ?? 'unknown';
      }
      continue;
    }
    if (inHeader) continue;
    const first = cur.words.length === 0 && cur.assignments.length === 0;
    if (cur.words.length === 0 && !tok.quoted && (SKIP.has(tok.value) || HEADERS.has(tok.value)) && first) {
      if (HEADERS.has(tok.value)) inHeader = true;
      continue;
    }
    if (cur.words.length === 0 && tok.assignment) cur.assignments.push(tok);
    else cur.words.push(tok);
  }
  end();
  return out;
}

/** Every `$(…)` / backquote directly in these tokens (words and here-document bodies); nested ones are inside each. */
export function substitutions(tokens: Token[]): Lexed[] {
  const out: Lexed[] = [];
  for (const t of tokens) {
    if (t.t === 'word' || t.t === 'heredoc') for (const s of (t as WordToken | HeredocToken).subs) out.push(s.lexed);
  }
  return out;
}
