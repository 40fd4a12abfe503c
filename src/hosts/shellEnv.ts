/**
 * Handing values to a remote shell command without letting them become code.
 *
 * ssh2's `env` option needs `AcceptEnv` on the server, which we cannot assume,
 * so values travel as `export NAME='value';` assignments in front of the
 * command. Inside single quotes the shell interprets nothing at all, so any
 * byte sequence (quotes, `$(...)`, backticks, newlines) stays literal; the
 * command text then refers to "$NAME" and never contains the value itself.
 */

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when `name` can be used as a shell variable name. */
export function isEnvName(name: string): boolean {
  return NAME.test(name);
}

/**
 * Quote a value for a POSIX shell: wrap in single quotes and write each
 * embedded single quote as '\'' (close, escaped quote, reopen).
 */
export function shellQuote(value: string): string {
  if (value.includes('\0')) {
    // A C string ends at NUL: the shell would silently truncate the value.
    throw new Error('a shell value cannot contain a NUL byte');
  }
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** `export A='1'; export B='2'; ` for the given variables, in a stable order. */
export function envAssignments(env: Record<string, string> | undefined): string {
  if (!env) return '';
  let out = '';
  for (const name of Object.keys(env).sort()) {
    if (!isEnvName(name)) {
      // Refusing ticks guessing: a bad name would otherwise be parsed as a command.
      throw new Error(`invalid environment variable name ${JSON.stringify(name)}`);
    }
    out += `export ${name}=${shellQuote(env[name] ?? '')}; `;
  }
  return out;
}

/** The command as the remote shell should receive it, with `env` set first. */
export function withEnv(command: string, env: Record<string, string> | undefined): string {
  return envAssignments(env) + command;
}
