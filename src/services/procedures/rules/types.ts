import type { Risk } from '../../actionGuard';

/** One reason a command has (at least) a risk. */
export interface Finding {
  risk: Risk;
  reason: string;
}

/**
 * What a command reads on its standard input, for programs that run what they
 * read (sh, bash, psql …): a known text (a here-string, a here-document,
 * `echo … |`), something unknown (a file, another program's output), or
 * nothing given (the terminal).
 */
export type Input = { kind: 'text'; text: string; how: string } | { kind: 'unknown'; how: string } | null;

/** How a rule classifies a command it wraps: another argv, a shell text (sh -c), or SQL (psql -c); and what its input is. */
export interface Recurse {
  argv(argv: string[]): Finding[];
  shell(text: string): Finding[];
  sql(text: string): Finding[];
  /** The standard input of the command being classified (passed on to the commands it wraps). */
  stdin: Input;
}

export type Rule = (args: string[], r: Recurse, program: string) => Finding[];

export const ro = (reason: string): Finding[] => [{ risk: 'read-only', reason }];
export const mut = (reason: string): Finding[] => [{ risk: 'mutating', reason }];
export const destr = (reason: string): Finding[] => [{ risk: 'destructive', reason }];

/** System locations: overwriting a file there can break the host. */
export function isSystemPath(p: string): boolean {
  return /^\/(etc|boot|usr|bin|sbin|lib|lib32|lib64|var\/lib|root)(\/|$)/.test(p) || /^\/dev\/(sd|nvme|vd|xvd|hd|mapper|md|loop)/.test(p);
}

/** Kernel settings: writing one changes the running system at once. */
export function isKernelPath(p: string): boolean {
  return /^\/(proc|sys)\//.test(p);
}

/** Places that swallow output without keeping it. */
export function isSinkPath(p: string): boolean {
  return /^\/dev\/(null|stdout|stderr|tty|fd\/\d+)$/.test(p) || p === '-';
}

/** What writing (or appending) to a file means. */
export function writeFinding(file: string, append: boolean, how: string): Finding[] {
  if (isSinkPath(file)) return [];
  if (isKernelPath(file)) return mut(`${how} kernel setting ${file}`);
  if (isSystemPath(file) && !append) return destr(`${how} overwrites system file ${file}`);
  return mut(`${how} ${append ? 'appends to' : 'writes'} ${file}`);
}
