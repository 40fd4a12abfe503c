/**
 * A shell command's `[placeholder]`s → references to environment variables,
 * so a value never becomes part of the command text. The runner then sets
 * the variables (src/hosts/shellEnv.ts: `export RISKCTL_P_X='…';`, single-
 * quoted, so the value itself is never parsed) in front of the rewritten
 * command. What each quoting context needs:
 *
 *   bare                 [x]            → "${RISKCTL_P_X}"   (one word: no splitting, no globbing)
 *   in "…"               "a [x]"        → "a ${RISKCTL_P_X}" (an expansion's result is not re-parsed)
 *   in '…'               'a [x]'        → 'a '"${RISKCTL_P_X}"'' (leave the quotes, expand, re-enter)
 *   here-document        <<EOF … [x]    → ${RISKCTL_P_X}
 *   quoted here-document <<'EOF' … [x]  → the delimiter unquoted and every \ $ ` of the body escaped,
 *                                          so the body stays literal and only the reference expands
 *   psql -c "… '[x]' …"  (SQL string)   → '$(printf '%s' "${RISKCTL_P_X}" | sed "s/'/''/g")':
 *                                          the shell cannot run it, and SQL sees one string literal
 *   psql -c "… [x] …"    (SQL code)     → the same, quoted as a SQL string literal
 *   '…' inside "…" for anything else (sh -c "echo '[x]'", ssh …): expanded in place; a value
 *                                          holding ' is refused (valueProblem), since the inner
 *                                          reader would end its quotes there.
 */
import type { PlaceholderContext, ShellQuoting } from './model';
import { envNameFor, placeholderName } from './placeholders';
import { commandPlaceholders } from './shellPlaceholders';
import { lexShell, type HeredocToken, type Token, type WordToken } from './shellLexer';

export interface EnvUse {
  name: string;
  env: string;
  context: PlaceholderContext;
  quoting: ShellQuoting;
  wholeWord: boolean;
}

export interface EnvRewrite {
  /** The command with every placeholder replaced by a variable reference. */
  text: string;
  uses: EnvUse[];
}

const sqlEscaped = (env: string): string => `$(printf '%s' "\${${env}}" | sed "s/'/''/g")`;

function replacement(context: PlaceholderContext, quoting: ShellQuoting, env: string): string {
  switch (context) {
    case 'bare':
      return `"\${${env}}"`;
    case 'single':
      return `'"\${${env}}"'`;
    case 'sql-string':
      return sqlEscaped(env);
    case 'sql-bare':
      if (quoting === 'single') return `'"'${sqlEscaped(env)}'"'`;
      if (quoting === 'bare') return `"'${sqlEscaped(env)}'"`;
      return `'${sqlEscaped(env)}'`;
    default:
      return `\${${env}}`;
  }
}

/** Pairs each `<<` delimiter word with its here-document body, at the top level. */
function heredocPairs(tokens: Token[]): Array<{ delim: WordToken; body: HeredocToken }> {
  const delims: WordToken[] = [];
  const bodies: HeredocToken[] = [];
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.t === 'op' && (t.op === '<<' || t.op === '<<-') && next?.t === 'word') delims.push(next);
    if (t.t === 'heredoc') bodies.push(t);
  });
  return bodies.map((body, i) => ({ delim: delims[i]!, body }));
}

export function rewriteForEnv(command: string): EnvRewrite {
  const { tokens } = lexShell(command);
  const places = commandPlaceholders(tokens);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const uses: EnvUse[] = [];
  for (const p of places) {
    const name = placeholderName(p.raw);
    const env = envNameFor(name);
    edits.push({ start: p.start, end: p.end, text: replacement(p.context, p.quoting, env) });
    uses.push({ name, env, context: p.context, quoting: p.quoting, wholeWord: p.wholeWord });
  }
  for (const { delim, body } of heredocPairs(tokens)) {
    if (!body.quoted || !body.places.length || !delim) continue;
    edits.push({ start: delim.start, end: delim.end, text: delim.value });
    for (let i = body.bodyStart; i < body.bodyEnd; i++) {
      const c = command[i]!;
      if ((c === '\\' || c === '$' || c === '`') && !body.places.some((p) => i >= p.start && i < p.end)) edits.push({ start: i, end: i + 1, text: `\\${c}` });
    }
  }
  edits.sort((a, b) => b.start - a.start);
  let text = command;
  for (const e of edits) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return { text, uses };
}

/** Why a value cannot be handed to this use (null when it can). Types are checked separately (paramTypes.ts). */
export function valueProblem(value: string, use: Pick<EnvUse, 'context' | 'quoting' | 'wholeWord'>): string | null {
  if (value.includes('\0')) return 'contains a NUL byte';
  if (use.context === 'nested-single' && value.includes("'")) return "cannot contain ' here: the value sits inside '…' that another program reads";
  if (use.wholeWord && value.startsWith('-') && (use.quoting === 'bare' || use.quoting === 'double' || use.quoting === 'single')) {
    return 'starts with "-": the program would read it as an option';
  }
  if ((use.context === 'sql-string' || use.context === 'sql-bare') && /\n$/.test(value)) return 'ends with a newline, which the shell would drop';
  return null;
}
