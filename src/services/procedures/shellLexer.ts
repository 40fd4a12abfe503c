/**
 * A POSIX-shell lexer, just deep enough for what a procedure needs to know:
 * where one command ends (quotes, `$(…)`, here-documents and line
 * continuations spanning lines), what each word says once unquoted (for the
 * classifier), which command substitutions it runs, and in which quoting
 * context every `[placeholder]` sits (for handing values over safely).
 * It never executes or expands anything. Offsets are into the whole text.
 */
import { TextError } from './LibraryError';
import type { PlaceholderContext } from './model';
import { placeholderAt } from './placeholders';
import { OPS, REDIRECTS, type HeredocToken, type Lexed, type Placeholder, type Sub, type Token, type WordToken } from './shellTokens';

export * from './shellTokens';

class Lexer {
  constructor(readonly text: string) {}

  /** Tokens from `i` until the end, or until an unbalanced `)` when `inSub`. */
  lex(i: number, inSub: boolean): Lexed {
    const tokens: Token[] = [];
    const start = i;
    const pending: Array<{ delim: string; quoted: boolean; strip: boolean; at: number }> = [];
    let depth = 0;
    const text = this.text;
    while (i < text.length) {
      const c = text[i]!;
      if (c === ' ' || c === '\t') {
        i++;
      } else if (c === '\\' && text[i + 1] === '\n') {
        i += 2; // a line continuation between words is just space
      } else if (c === '\n') {
        tokens.push({ t: 'nl', start: i, end: i + 1 });
        i++;
        for (const h of pending.splice(0)) {
          const tok = this.heredoc(i, h);
          tokens.push(tok);
          i = tok.end;
        }
      } else if (c === '#') {
        const e = text.indexOf('\n', i);
        const end = e < 0 ? text.length : e;
        tokens.push({ t: 'comment', text: text.slice(i, end), start: i, end });
        i = end;
      } else if (inSub && c === ')' && depth === 0) {
        return { tokens, start, end: i };
      } else {
        const fd = /^\d+(?=[<>])/.exec(text.slice(i, i + 12));
        const at = fd ? i + fd[0].length : i;
        const op = OPS.find((o) => text.startsWith(o, at));
        if (op && (fd === null || REDIRECTS.has(op))) {
          tokens.push({ t: 'op', op, ...(fd ? { fd: Number(fd[0]) } : {}), start: i, end: at + op.length });
          if (op === '(') depth++;
          if (op === ')') depth--;
          i = at + op.length;
          if (op === '<<' || op === '<<-') {
            const w = this.word(this.skipBlanks(i));
            if (!w) throw new TextError(`${op} needs a delimiter word`, i);
            tokens.push(w);
            pending.push({ delim: w.value, quoted: w.quoted, strip: op === '<<-', at: w.start });
            i = w.end;
          }
        } else {
          const w = this.word(i);
          if (!w) throw new TextError(`unexpected ${JSON.stringify(c)}`, i);
          tokens.push(w);
          i = w.end;
        }
      }
    }
    if (inSub) throw new TextError('unterminated $( … ): no closing )', start - 2);
    if (pending.length) throw new TextError(`here-document <<${pending[0]!.delim} has no body`, pending[0]!.at);
    return { tokens, start, end: i };
  }

  private skipBlanks(i: number): number {
    while (this.text[i] === ' ' || this.text[i] === '\t') i++;
    return i;
  }

  private heredoc(i: number, h: { delim: string; quoted: boolean; strip: boolean; at: number }): HeredocToken {
    const text = this.text;
    let lineStart = i;
    for (;;) {
      if (lineStart >= text.length) throw new TextError(`here-document <<${h.delim} is never closed (no line "${h.delim}")`, h.at);
      const nl = text.indexOf('\n', lineStart);
      const lineEnd = nl < 0 ? text.length : nl;
      const line = text.slice(lineStart, lineEnd);
      if ((h.strip ? line.replace(/^\t+/, '') : line) === h.delim) {
        const places: Placeholder[] = [];
        const subs: Sub[] = [];
        if (h.quoted) this.scanPlaces(i, lineStart, 'heredoc-quoted', places);
        else this.scanExpanding(i, lineStart, 'heredoc', places, subs);
        return { t: 'heredoc', delim: h.delim, quoted: h.quoted, bodyStart: i, body: text.slice(i, lineStart), bodyEnd: lineStart, start: i, end: lineEnd, subs, places };
      }
      lineStart = lineEnd + 1;
    }
  }

  /** Placeholders in text the shell does not interpret (a quoted here-document). */
  private scanPlaces(from: number, to: number, context: PlaceholderContext, places: Placeholder[]): void {
    for (let k = this.text.indexOf('[', from); k >= 0 && k < to; k = this.text.indexOf('[', k + 1)) {
      const p = placeholderAt(this.text, k);
      if (p && p.end <= to) places.push({ raw: p.raw, start: k, end: p.end, context, wholeWord: false });
    }
  }

  /** An unquoted here-document body: `$(…)`, backticks and `\` escapes work, quotes are literal. */
  private scanExpanding(from: number, to: number, context: PlaceholderContext, places: Placeholder[], subs: Sub[]): void {
    let k = from;
    while (k < to) {
      const c = this.text[k]!;
      if (c === '\\') k += 2;
      else if (c === '$' || c === '`') k = this.expansion(k, subs) ?? k + 1;
      else if (c === '[') {
        const p = placeholderAt(this.text, k);
        if (p) places.push({ raw: p.raw, start: k, end: p.end, context, wholeWord: false });
        k = p ? p.end : k + 1;
      } else k++;
    }
  }

  /** `$(…)`, `$((…))`, `${…}`, `` `…` ``, `$'…'` at k: the offset past it, or null for a plain `$`. */
  private expansion(k: number, subs: Sub[]): number | null {
    const text = this.text;
    if (text[k] === '`') {
      let e = k + 1;
      while (e < text.length && text[e] !== '`') e += text[e] === '\\' ? 2 : 1;
      if (e >= text.length) throw new TextError('unterminated backquote', k);
      subs.push({ lexed: new Lexer(text.slice(0, e)).lex(k + 1, false) });
      return e + 1;
    }
    if (text.startsWith('$((', k)) {
      // Arithmetic: only nested $(…) run commands.
      let e = k + 3;
      let depth = 0;
      for (; e < text.length; e++) {
        if (text.startsWith('$(', e) && !text.startsWith('$((', e)) {
          e = this.expansion(e, subs)! - 1;
        } else if (text[e] === '(') depth++;
        else if (text[e] === ')') {
          if (depth === 0 && text[e + 1] === ')') return e + 2;
          depth--;
        }
      }
      throw new TextError('unterminated $(( … ))', k);
    }
    if (text.startsWith('$(', k)) {
      const inner = this.lex(k + 2, true);
      subs.push({ lexed: inner });
      return inner.end + 1;
    }
    if (text.startsWith('${', k)) {
      let depth = 0;
      for (let e = k + 2; e < text.length; e++) {
        if (text[e] === '\\') e++;
        else if (text.startsWith('${', e)) depth++;
        else if (text[e] === '}') {
          if (depth === 0) return e + 1;
          depth--;
        }
      }
      throw new TextError('unterminated ${ … }', k);
    }
    if (text.startsWith("$'", k)) {
      let e = k + 2;
      while (e < text.length && text[e] !== "'") e += text[e] === '\\' ? 2 : 1;
      if (e >= text.length) throw new TextError("unterminated $'…'", k);
      return e + 1;
    }
    return null;
  }

  /** One word at i (null when i starts no word). */
  private word(i: number): WordToken | null {
    const text = this.text;
    const start = i;
    let value = '';
    let quoted = false;
    const subs: Sub[] = [];
    const places: Placeholder[] = [];
    while (i < text.length) {
      const c = text[i]!;
      if (c === ' ' || c === '\t' || c === '\n' || ';&|()<>'.includes(c)) break;
      if (c === '\\') {
        if (text[i + 1] !== '\n') value += text[i + 1] ?? '';
        i += 2;
      } else if (c === "'") {
        quoted = true;
        const e = text.indexOf("'", i + 1);
        if (e < 0) throw new TextError("unterminated ' quote", i);
        this.scanPlaces(i + 1, e, 'single', places);
        value += text.slice(i + 1, e);
        i = e + 1;
      } else if (c === '"') {
        quoted = true;
        const r = this.double(i, subs, places);
        value += r.value;
        i = r.end;
      } else if (c === '$' || c === '`') {
        const e = this.expansion(i, subs);
        const end = e ?? i + 1;
        value += text.slice(i, end);
        i = end;
      } else if (c === '[' && placeholderAt(text, i)) {
        const p = placeholderAt(text, i)!;
        places.push({ raw: p.raw, start: i, end: p.end, context: 'bare', wholeWord: false });
        value += text.slice(i, p.end);
        i = p.end;
      } else {
        value += c;
        i++;
      }
    }
    if (i === start) return null;
    // A placeholder that is the whole word, quoted or not: its value becomes one argument on its own.
    const only = places.length === 1 ? places[0]! : null;
    if (only && value === `[${only.raw}]`) only.wholeWord = true;
    const assignment = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(text.slice(start, i));
    return { t: 'word', start, end: i, value, quoted, assignment, subs, places };
  }

  /** A double-quoted string at i; a `'` inside toggles what a placeholder would sit in for the consumer. */
  private double(i: number, subs: Sub[], places: Placeholder[]): { value: string; end: number } {
    const text = this.text;
    let value = '';
    let inner = false;
    let k = i + 1;
    while (k < text.length && text[k] !== '"') {
      const c = text[k]!;
      if (c === '\\') {
        const n = text[k + 1] ?? '';
        if (n !== '\n') value += '$`"\\'.includes(n) ? n : c + n;
        k += 2;
      } else if (c === '$' || c === '`') {
        const e = this.expansion(k, subs) ?? k + 1;
        value += text.slice(k, e);
        k = e;
      } else {
        if (c === "'") inner = !inner;
        const p = c === '[' ? placeholderAt(text, k) : null;
        if (p) {
          places.push({ raw: p.raw, start: k, end: p.end, context: inner ? 'nested-single' : 'double', wholeWord: false });
          value += text.slice(k, p.end);
          k = p.end;
        } else {
          value += c;
          k++;
        }
      }
    }
    if (k >= text.length) throw new TextError('unterminated " quote', i);
    return { value, end: k + 1 };
  }
}

/** Lexes a whole shell text. Throws TextError (with the offset) on an unterminated quote, substitution or here-document. */
export function lexShell(text: string): Lexed {
  return new Lexer(text).lex(0, false);
}
