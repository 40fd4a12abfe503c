import { ConfigError } from '../../hosts/ConfigError';

/**
 * A library an operator must fix: names file:line. A ConfigError so the CLI
 * prints it as one line and exits 2, like any other configuration mistake.
 */
export class LibraryError extends ConfigError {
  constructor(file: string, line: number | null, problem: string) {
    super(file, line, null, problem);
    this.name = 'LibraryError';
  }
}

/** A problem found inside a text (a fence's info string, a shell block) before its position in the file is known. */
export class TextError extends Error {
  /** `offset` is the index in the text, so the caller can turn it into a line. */
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'TextError';
  }
}
