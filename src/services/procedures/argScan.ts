/**
 * getopt-style reading of an argument list, enough for the classifier to
 * find a subcommand or an option's value (`-f FILE`, `-fFILE`, `--file=F`,
 * bundled short flags `-czf`). It knows only the options it is told take a value.
 */

export interface Scanned {
  /** Non-option arguments, in order. */
  positional: string[];
  /** Options by name (`-f` → "f", `--file` → "file"); a flag has the value true. */
  options: Map<string, string | true>;
  /** Index in the input of the first positional (args.length when none). */
  firstPositional: number;
}

/**
 * @param valued option names (without dashes) that take a value
 * @param stopAtPositional stop reading options at the first positional (sudo, docker exec: the rest is another command)
 */
export function scanArgs(args: string[], valued: readonly string[] = [], stopAtPositional = false): Scanned {
  const takes = new Set(valued);
  const options = new Map<string, string | true>();
  const positional: string[] = [];
  let firstPositional = args.length;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      if (firstPositional === args.length && i + 1 < args.length) firstPositional = i + 1;
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) options.set(name, a.slice(eq + 1));
      else if (takes.has(name) && i + 1 < args.length) options.set(name, args[++i]!);
      else options.set(name, true);
    } else if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      for (let k = 1; k < a.length; k++) {
        const c = a[k]!;
        if (takes.has(c)) {
          const rest = a.slice(k + 1);
          options.set(c, rest !== '' ? rest : (args[++i] ?? ''));
          break;
        }
        options.set(c, true);
      }
    } else {
      if (firstPositional === args.length) firstPositional = i;
      if (stopAtPositional) {
        positional.push(...args.slice(i));
        break;
      }
      positional.push(a);
    }
  }
  return { positional, options, firstPositional };
}

/** The value of the first of these options that is set (a string), if any. */
export function optionValue(s: Scanned, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = s.options.get(n);
    if (typeof v === 'string') return v;
  }
  return undefined;
}

export function hasOption(s: Scanned, ...names: string[]): boolean {
  return names.some((n) => s.options.has(n));
}

export function baseName(program: string): string {
  return program.slice(program.lastIndexOf('/') + 1);
}
