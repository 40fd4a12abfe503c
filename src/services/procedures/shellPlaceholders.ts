/**
 * Every `[placeholder]` in a lexed shell command, with the context that
 * decides how its value must be handed over: the shell's quoting, and — for
 * the text of `psql -c "…"` — whether it sits in a SQL string literal or in
 * SQL code.
 */
import type { PlaceholderContext, ShellQuoting } from './model';
import { baseName } from './argScan';
import type { Placeholder, Token } from './shellLexer';
import { simpleCommands } from './simpleCommands';

export interface ContextualPlaceholder extends Placeholder {
  quoting: ShellQuoting;
}

function quotingOf(c: PlaceholderContext): ShellQuoting {
  if (c === 'nested-single') return 'double';
  if (c === 'bare' || c === 'double' || c === 'single' || c === 'heredoc' || c === 'heredoc-quoted') return c;
  return 'none';
}

/** Placeholders at every level: words, here-document bodies, and inside `$(…)`. */
export function collectPlaceholders(tokens: Token[]): Placeholder[] {
  const out: Placeholder[] = [];
  for (const t of tokens) {
    if (t.t !== 'word' && t.t !== 'heredoc') continue;
    out.push(...t.places);
    for (const s of t.subs) out.push(...collectPlaceholders(s.lexed.tokens));
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Offsets [start, end) of the words that are SQL text for psql (`-c TEXT`, `--command=TEXT`). */
function psqlSqlRanges(tokens: Token[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const visit = (toks: Token[]): void => {
    for (const sc of simpleCommands(toks)) {
      const at = sc.words.findIndex((w) => baseName(w.value) === 'psql');
      if (at < 0) continue;
      for (let i = at + 1; i < sc.words.length; i++) {
        const w = sc.words[i]!;
        const prev = sc.words[i - 1]!.value;
        if (prev === '-c' || prev === '--command' || w.value.startsWith('--command=') || /^-c./.test(w.value)) ranges.push([w.start, w.end]);
      }
    }
    for (const t of toks) if (t.t === 'word') for (const s of t.subs) visit(s.lexed.tokens);
  };
  visit(tokens);
  return ranges;
}

/** The placeholders of one command, with psql's SQL text recognised. */
export function commandPlaceholders(tokens: Token[]): ContextualPlaceholder[] {
  const sql = psqlSqlRanges(tokens);
  return collectPlaceholders(tokens).map((p) => {
    const quoting = quotingOf(p.context);
    const inSql = sql.some(([s, e]) => p.start >= s && p.end <= e);
    if (!inSql) return { ...p, quoting };
    return { ...p, quoting, context: p.context === 'nested-single' ? 'sql-string' : 'sql-bare' };
  });
}
