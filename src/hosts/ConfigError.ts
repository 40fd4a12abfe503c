/**
 * A config problem an operator can fix: it names the file, the line and the
 * field. The CLI prints `message` alone (no stack) and exits 2.
 */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly field: string | null,
    readonly problem: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${problem}`);
    this.name = 'ConfigError';
  }
}
