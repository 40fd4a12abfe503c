/**
 * The risk of a shell command: the highest of every simple command it runs
 * (pipelines, lists, loop bodies, command substitutions, wrapped commands
 * such as `sudo`, `docker compose exec`, `find -exec`, `sh -c`, and the SQL of
 * `psql -c`), and of every redirection into a file. Rules: rules/dispatch.ts.
 */
import { maxRisk, RISK_ORDER, type Risk } from '../actionGuard';
import { classifySql, type Verdict } from './classifySql';
import { classifyArgv } from './rules/dispatch';
import { mut, writeFinding, type Finding, type Recurse } from './rules/types';
import { lexShell, type Token } from './shellLexer';
import { simpleCommands, substitutions, type Redirect } from './simpleCommands';

const MAX_DEPTH = 8;

function redirectFindings(redirect: Redirect): Finding[] {
  const r = { ...redirect, target: redirect.target.replace(/\r/g, '') };
  switch (r.op) {
    case '>':
    case '>|':
    case '&>':
      return writeFinding(r.target, false, `> ${r.target}`);
    case '>>':
    case '&>>':
      return writeFinding(r.target, true, `>> ${r.target}`);
    case '>&':
      return /^(\d+|-)$/.test(r.target) ? [] : writeFinding(r.target, false, `>& ${r.target}`);
    case '<>':
      return mut(`<> opens ${r.target} for writing`);
    default:
      return []; // input redirections read
  }
}

function findingsOf(tokens: Token[], depth: number): Finding[] {
  if (depth > MAX_DEPTH) return mut('nested too deeply to read: treated as mutating');
  const recurse: Recurse = {
    argv: (argv) => (depth + 1 > MAX_DEPTH ? mut('nested too deeply to read') : classifyArgv(argv, recurse)),
    shell: (text) => {
      try {
        return findingsOf(lexShell(text).tokens, depth + 1);
      } catch {
        return mut('an inner shell text that cannot be read: treated as mutating');
      }
    },
    sql: (text) => {
      try {
        const v = classifySql(text);
        return v.reasons.length ? v.reasons.map((reason) => ({ risk: v.risk, reason })) : [{ risk: v.risk, reason: 'empty SQL' }];
      } catch {
        return mut('SQL that cannot be read: treated as mutating');
      }
    },
  };
  const out: Finding[] = [];
  for (const sc of simpleCommands(tokens)) {
    out.push(...classifyArgv(sc.words.map((w) => w.value), recurse));
    for (const r of sc.redirects) out.push(...redirectFindings(r));
    if (sc.words.length === 0 && sc.assignments.length) out.push({ risk: 'read-only', reason: 'sets a shell variable' });
  }
  for (const sub of substitutions(tokens)) out.push(...findingsOf(sub.tokens, depth + 1));
  return out;
}

/** Folds findings into one verdict; the reasons for the final risk come first, each once. */
export function verdictOf(findings: Finding[]): Verdict {
  let risk: Risk = 'read-only';
  for (const f of findings) risk = maxRisk(risk, f.risk);
  const reasons: string[] = [];
  const sorted = [...findings].sort((a, b) => RISK_ORDER[b.risk] - RISK_ORDER[a.risk]);
  for (const f of sorted) if (!reasons.includes(f.reason)) reasons.push(f.reason);
  return { risk, reasons };
}

/** One command's tokens (as splitShell gives them). */
export function classifyShellTokens(tokens: Token[]): Verdict {
  return verdictOf(findingsOf(tokens, 0));
}

/** A shell text (may hold several commands). Throws TextError when it cannot be lexed. */
export function classifyShell(text: string): Verdict {
  return classifyShellTokens(lexShell(text).tokens);
}
