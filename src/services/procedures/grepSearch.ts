/**
 * Whether a shell command is a grep search, for the fence attribute
 * `no-match` (fenceInfo.ts): grep exits 0 when it selected lines, 1 when it
 * selected none and 2 on an error, so for such a command exit 1 can mean
 * "found nothing" — and only then is the runner allowed to read it so.
 *
 * A grep search here is ONE pipeline whose last stage runs grep (egrep,
 * fgrep, zgrep; directly or through `sudo`): the pipeline's exit status is
 * that grep's. Lists (`a && grep`, `a; grep`, `grep || true`), background
 * jobs and compound commands are not: there, exit 1 may come from something
 * else. (Without pipefail an earlier stage's exit status is lost anyway; its
 * error messages are not — stderr joins the output, and a no-match must
 * print nothing.)
 */
import { REDIRECTS, type Token } from './shellTokens';
import { simpleCommands } from './simpleCommands';

const GREPS = new Set(['grep', 'egrep', 'fgrep', 'zgrep']);
const COMPOUND = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'select', '{', '}', '!']);

export function endsInGrep(tokens: Token[]): boolean {
  // Trailing newlines and comments end the command; anything else between stages must be a plain `|`.
  const body = tokens.filter((t) => t.t !== 'comment');
  while (body.length && body[body.length - 1]!.t === 'nl') body.pop();
  for (const [k, t] of body.entries()) {
    if (t.t === 'nl') {
      // A newline right after `|` continues the pipeline; any other separates commands.
      const prev = body[k - 1];
      if (!(prev?.t === 'op' && prev.op === '|')) return false;
    }
    if (t.t === 'op' && !REDIRECTS.has(t.op) && t.op !== '|') return false;
    if (t.t === 'word' && !t.quoted && COMPOUND.has(t.value)) {
      const prev = body[k - 1];
      // Reserved words only count in command position (after a `|`, or first).
      if (k === 0 || (prev?.t === 'op' && prev.op === '|') || prev?.t === 'nl') return false;
    }
  }
  const last = simpleCommands(body).at(-1);
  if (!last) return false;
  let words = last.words.map((w) => w.value);
  if (words[0] === 'sudo') {
    words = words.slice(1);
    while (words[0]?.startsWith('-')) words = words.slice(1); // sudo's own options (-n, -E …) take no argument here
  }
  const prog = words[0]?.split('/').at(-1) ?? '';
  return GREPS.has(prog);
}
