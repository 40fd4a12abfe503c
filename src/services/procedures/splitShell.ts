/**
 * A shell block → instructions and commands. Comment lines between commands
 * are instructions for the operator; everything else is a command, and a
 * command is everything the shell would read as one: a quoted string or
 * `$(…)` spanning lines (`psql -c "…"`), backslash continuations, a line
 * ending in `|`, `&&` or `||`, a here-document up to its delimiter, and a
 * compound command (`for … done`, `if … fi`, `{ … }`, `( … )`) as a whole.
 */
import { TextError } from './LibraryError';
import { lexShell, REDIRECTS, type Token, type WordToken } from './shellLexer';

export type ShellItem = { type: 'instruction'; text: string; offset: number } | { type: 'command'; start: number; end: number; tokens: Token[] };

const OPENERS: Record<string, string> = { if: 'fi', for: 'done', while: 'done', until: 'done', select: 'done', case: 'esac', '{': '}' };
const CLOSERS = new Set(['fi', 'done', 'esac', '}']);
/** After these words the next word is again a command name. */
const KEEP_CMD_POS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '{', '!', 'time']);
const CONTINUES = new Set(['|', '&&', '||', '|&']);

/** An unquoted word the shell could read as a reserved word. */
function reserved(tok: WordToken): string | null {
  return tok.quoted ? null : tok.value;
}

export function splitShell(text: string): ShellItem[] {
  const { tokens } = lexShell(text);
  const items: ShellItem[] = [];
  const stack: Array<{ close: string; at: number; word: string }> = [];
  let cur: Token[] | null = null;
  let cmdPos = true;
  let afterRedirect = false;
  let last: Token | null = null;

  const finish = (): void => {
    if (cur && cur.length) {
      const significant = cur.filter((t) => t.t !== 'nl');
      items.push({ type: 'command', start: significant[0]!.start, end: significant[significant.length - 1]!.end, tokens: significant });
    }
    cur = null;
    cmdPos = true;
  };

  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]!;
    if (tok.t === 'comment' && cur === null) {
      items.push({ type: 'instruction', text: tok.text.replace(/^#+\s?/, '').trimEnd(), offset: tok.start });
      continue;
    }
    if (tok.t === 'nl') {
      if (cur === null) continue;
      const continued = last?.t === 'op' && CONTINUES.has(last.op);
      if (stack.length === 0 && !continued) {
        // Here-document bodies follow the newline but belong to the command above.
        while (tokens[k + 1]?.t === 'heredoc') cur.push(tokens[++k]!);
        finish();
      } else {
        cur.push(tok);
        cmdPos = true;
      }
      continue;
    }
    cur ??= [];
    cur.push(tok);
    if (tok.t === 'comment' || tok.t === 'heredoc') continue;
    last = tok;
    if (tok.t === 'op') {
      if (REDIRECTS.has(tok.op)) {
        afterRedirect = true;
        continue;
      }
      const top = stack[stack.length - 1];
      if (tok.op === '(' && top?.word !== 'case') stack.push({ close: ')', at: tok.start, word: '(' });
      else if (tok.op === ')' && top?.word !== 'case') {
        if (top?.close !== ')') throw new TextError('unexpected )', tok.start);
        stack.pop();
      }
      cmdPos = true;
      continue;
    }
    if (afterRedirect) {
      afterRedirect = false;
      continue;
    }
    const w = reserved(tok);
    if (cmdPos && w !== null && OPENERS[w]) {
      stack.push({ close: OPENERS[w], at: tok.start, word: w });
    } else if (cmdPos && w !== null && CLOSERS.has(w)) {
      const top = stack.pop();
      if (!top || top.close !== w) throw new TextError(`unexpected "${w}"${top ? ` (the "${top.word}" above needs "${top.close}")` : ''}`, tok.start);
    }
    // An assignment (A=b) may be followed by the command name.
    cmdPos = cmdPos && ((w !== null && KEEP_CMD_POS.has(w)) || tok.assignment);
  }
  if (stack.length) {
    const open = stack[stack.length - 1]!;
    throw new TextError(`"${open.word}" is never closed with "${open.close}"`, open.at);
  }
  if (last?.t === 'op' && CONTINUES.has(last.op) && cur) throw new TextError(`the command ends with "${last.op}" and nothing after it`, last.start);
  finish();
  return items;
}
