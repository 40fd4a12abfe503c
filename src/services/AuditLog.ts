import { join } from 'node:path';
import { JsonLinesFile, operatorName } from './JsonLinesFile';

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
  /** How long it lasted (a shell, from its start to its end). */
  durationMs?: number;
}

export function auditLogPath(stateDir: string): string {
  return join(stateDir, 'audit.jsonl');
}

/**
 * Append-only JSON lines, one per action, written before the action's result
 * is shown so a crash never loses what was done. Lines are written whole with
 * O_APPEND, so two cockpits sharing the file never interleave within a line.
 */
export class AuditLog {
  private readonly out: JsonLinesFile;
  private readonly operator = operatorName();

  constructor(readonly file: string) {
    this.out = new JsonLinesFile(file);
  }

  append(e: Omit<AuditEntry, 'time' | 'operator'>): Promise<void> {
    const entry: AuditEntry = { time: new Date().toISOString(), operator: this.operator, ...e };
    return this.out.append(entry);
  }
}
