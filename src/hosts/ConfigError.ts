/**
 * A config problem an operator can fix: it names the file, the line (and
 * column, for YAML syntax) and the field. The CLI prints `message` alone (no
 * stack) and exits 2.
 */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly field: string | null,
    readonly problem: string,
    readonly column: number | null = null,
  ) {
    super(`${file}${line ? `:${line}${column ? `:${column}` : ''}` : ''}: ${field ? `${field}: ` : ''}${problem}`);
    this.name = 'ConfigError';
  }
}
