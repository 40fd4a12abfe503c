/**
 * The risk of a shell command: the highest of every simple command it runs
 * (pipelines, lists, loop bodies, command substitutions, wrapped commands
 * such as `sudo`, `docker compose exec`, `find -exec`, `sh -c`, `eval`, and the
 * SQL of `psql -c`), of what an interpreter reads on its input (`bash <<<`,
 * `echo … | sh`, `psql < file`, a here-document into psql), and of every
 * redirection into a file (`: > f` empties f, like truncate). Rules: rules/dispatch.ts.
 */
import { maxRisk, RISK_ORDER, type Risk } from '../actionGuard';
import { classifySql, type Verdict } from './classifySql';
import { classifyArgv } from './rules/dispatch';
import { destr, isSinkPath, mut, writeFinding, type Finding, type Input, type Recurse } from './rules/types';
import { lexShell, type Token } from './shellLexer';
import { simpleCommands, substitutions, type Redirect, type SimpleCommand } from './simpleCommands';

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

/** A command that writes nothing to its output: with `> f` it empties f, like `truncate -s 0 f`. */
function writesNothing(sc: SimpleCommand): boolean {
  const w = sc.words.map((x) => x.value.replace(/\r/g, ''));
  if (w.length === 0) return true;
  const [program, ...args] = w;
  if (program === ':' || program === 'true' || program === 'false') return true;
  if (program === 'cat') return args.length > 0 && args.every((a) => a === '/dev/null');
  if (program === 'echo') return args.length > 0 && args.every((a) => a === '-n' || a === '-ne' || a === '-en') ;
  if (program === 'printf') return args.length === 0 || (args.length === 1 && args[0] === '');
  return false;
}

/** What a program in front of a pipe gives the next one. */
function producedBy(sc: SimpleCommand): Input {
  const w = sc.words.map((x) => x.value);
  const program = w[0] ?? '';
  const args = w.slice(1);
  if (program === 'echo') return { kind: 'text', text: args.filter((a) => !/^-[neE]+$/.test(a)).join(' '), how: 'echo' };
  if (program === 'printf' && args.length) return { kind: 'text', text: args.join(' ').replace(/\\n/g, '\n'), how: 'printf' };
  if (program === 'cat' && args.length === 0) {
    const own = inputOf(sc, null);
    if (own) return { ...own, how: `cat of ${own.how}` };
  }
  return { kind: 'unknown', how: `the output of ${program || 'a command'}` };
}

/** A simple command's standard input: its own redirection, else its pipe, else what the enclosing shell got. */
function inputOf(sc: SimpleCommand, inherited: Input): Input {
  for (let i = sc.redirects.length - 1; i >= 0; i--) {
    const r = sc.redirects[i]!;
    if (r.fd !== undefined && r.fd !== 0) continue;
    if (r.op === '<<<') return { kind: 'text', text: `${r.target}\n`, how: 'a here-string' };
    if ((r.op === '<<' || r.op === '<<-') && r.body !== undefined) return { kind: 'text', text: r.body, how: 'a here-document' };
    if (r.op === '<' || r.op === '<>') return r.target === '/dev/null' ? { kind: 'text', text: '', how: '/dev/null' } : { kind: 'unknown', how: `file ${r.target}` };
  }
  if (sc.pipedFrom === 'unknown') return { kind: 'unknown', how: 'the output of a compound command' };
  if (sc.pipedFrom) return producedBy(sc.pipedFrom);
  return inherited;
}

function findingsOf(tokens: Token[], depth: number, inherited: Input = null): Finding[] {
  if (depth > MAX_DEPTH) return mut('nested too deeply to read: treated as mutating');
  const recurseWith = (stdin: Input): Recurse => {
    const r: Recurse = {
      stdin,
      argv: (argv) => (depth + 1 > MAX_DEPTH ? mut('nested too deeply to read') : classifyArgv(argv, r)),
      shell: (text) => {
        try {
          return findingsOf(lexShell(text).tokens, depth + 1, stdin);
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
    return r;
  };
  const out: Finding[] = [];
  for (const sc of simpleCommands(tokens)) {
    out.push(...classifyArgv(sc.words.map((w) => w.value), recurseWith(inputOf(sc, inherited))));
    const empties = writesNothing(sc);
    for (const r of sc.redirects) {
      const target = r.target.replace(/\r/g, '');
      if (empties && (r.op === '>' || r.op === '>|' || r.op === '&>') && !isSinkPath(target)) out.push(...destr(`${r.op} ${target} with no output empties ${target} (like truncate)`));
      else out.push(...redirectFindings(r));
    }
    if (sc.words.length === 0 && sc.assignments.length) out.push({ risk: 'read-only', reason: 'sets a shell variable' });
  }
  for (const sub of substitutions(tokens)) out.push(...findingsOf(sub.tokens, depth + 1, inherited));
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
