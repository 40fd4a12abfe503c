/**
 * An append-only JSON-lines file (the audit log, the alert log). Lines are
 * written whole with O_APPEND, so two cockpits sharing the file never
 * interleave within a line; appends are serialised so entries land in the
 * order things happened, and a failed write is reported to its caller
 * without blocking later entries.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';

export class JsonLinesFile {
  private ready: Promise<unknown> | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  append(entry: object): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    this.ready ??= mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const write = this.queue
      .catch(() => {})
      .then(async () => {
        await this.ready;
        await appendFile(this.file, line, { mode: 0o600 });
      });
    this.queue = write;
    return write;
  }

  /** Resolves once everything appended so far is on disk (tests, quitting). */
  flush(): Promise<void> {
    return this.queue.catch(() => {});
  }
}

/** The OS user at the keyboard, as the logs and journals record it. */
export function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
