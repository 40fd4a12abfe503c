import { appendFile, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';

export type AuditResult = 'ok' | 'failed' | 'refused' | 'cancelled';

export interface AuditEntry {
  time: string;
  /** The OS user at the keyboard. */
  operator: string;
  host: string;
  /** What was acted on: a container, a backend pid, a procedure step. */
  target: string;
  action: string;
  result: AuditResult;
  detail?: string;
}

export function auditLogPath(stateDir: string): string {
  return join(stateDir, 'audit.jsonl');
}

function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/**
 * Append-only JSON lines, one per action, written before the action's result
 * is shown so a crash never loses what was done. Lines are written whole with
 * O_APPEND, so two cockpits sharing the file never interleave within a line.
 */
export class AuditLog {
  private ready: Promise<unknown> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly operator = operatorName();

  constructor(readonly file: string) {}

  append(e: Omit<AuditEntry, 'time' | 'operator'>): Promise<void> {
    const entry: AuditEntry = { time: new Date().toISOString(), operator: this.operator, ...e };
    const line = `${JSON.stringify(entry)}\n`;
    this.ready ??= mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    // Serialised so entries land in the order the actions happened.
    // A failed write is reported to its caller and does not block later entries.
    const write = this.queue.catch(() => {}).then(async () => {
      await this.ready;
      await appendFile(this.file, line, { mode: 0o600 });
    });
    this.queue = write;
    return write;
  }
}
