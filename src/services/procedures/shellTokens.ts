/** The tokens of the shell lexer (shellLexer.ts). Offsets are into the whole text. */
import type { PlaceholderContext } from './model';

export interface Placeholder {
  raw: string;
  start: number;
  end: number;
  context: PlaceholderContext;
  /** The word it belongs to is exactly this placeholder (possibly quoted). */
  wholeWord: boolean;
}

export interface Sub {
  /** The commands a `$(…)` or `` `…` `` runs, lexed. */
  lexed: Lexed;
}

export interface WordToken {
  t: 'word';
  start: number;
  end: number;
  /** The word with quotes removed; expansions are left as written. */
  value: string;
  quoted: boolean;
  /** `NAME=…` with the name unquoted: a variable assignment when it comes before the command name. */
  assignment: boolean;
  subs: Sub[];
  places: Placeholder[];
}
export interface OpToken {
  t: 'op';
  op: string;
  /** A redirection's file descriptor (`2>`). */
  fd?: number;
  start: number;
  end: number;
}
export interface NewlineToken {
  t: 'nl';
  start: number;
  end: number;
}
export interface CommentToken {
  t: 'comment';
  text: string;
  start: number;
  end: number;
}
export interface HeredocToken {
  t: 'heredoc';
  delim: string;
  quoted: boolean;
  /** Offsets of the body (without the closing delimiter line). */
  bodyStart: number;
  /** The body as written. */
  body: string;
  bodyEnd: number;
  start: number;
  end: number;
  subs: Sub[];
  places: Placeholder[];
}
export type Token = WordToken | OpToken | NewlineToken | CommentToken | HeredocToken;

export interface Lexed {
  tokens: Token[];
  start: number;
  end: number;
}

export const OPS = ['&&', '||', ';;', '|&', '&>>', '&>', '<<<', '<<-', '<<', '<&', '<>', '>>', '>&', '>|', ';', '|', '&', '(', ')', '<', '>'];
export const REDIRECTS = new Set(['&>>', '&>', '<<<', '<<-', '<<', '<&', '<>', '>>', '>&', '>|', '<', '>']);
