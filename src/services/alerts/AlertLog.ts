/**
 * The alert log: `$XDG_STATE_HOME/riskctl/alerts.jsonl`, append-only JSON
 * lines — who, when, what, comment — for every state change (fired,
 * resolved, acknowledged, silenced) and every maintenance window's start and
 * end. Lines are written whole with O_APPEND, so two cockpits sharing the file
 * never interleave within a line.
 */
import { join } from 'node:path';
import { JsonLinesFile } from '../JsonLinesFile';
import type { Alert } from './types';

export type AlertEvent = 'fired' | 'resolved' | 'acknowledged' | 'silenced' | 'maintenance-start' | 'maintenance-end';

export interface AlertLogEntry {
  time: string;
  event: AlertEvent;
  /** Who: the operator for their actions, "riskctl" for what the rules decided. */
  by: string;
  host: string | null;
  severity?: string;
  rule?: string;
  target?: string;
  source?: string;
  value?: number | string | null;
  threshold?: number | string | null;
  message?: string;
  procedure?: string;
  comment?: string;
  expected?: boolean;
  silenceId?: string;
  until?: string;
}

export function alertLogPath(stateDir: string): string {
  return join(stateDir, 'alerts.jsonl');
}

/** The alert's own fields, as the log records them. */
export function alertFields(a: Alert): Omit<AlertLogEntry, 'time' | 'event' | 'by'> {
  return {
    host: a.host,
    severity: a.severity,
    rule: a.rule,
    target: a.target,
    source: a.source,
    value: a.value,
    threshold: a.threshold,
    message: a.message,
    procedure: a.procedure,
    ...(a.expected ? { expected: true } : {}),
  };
}

export class AlertLog {
  private readonly out: JsonLinesFile;

  constructor(
    readonly file: string,
    private clock: () => number = Date.now,
  ) {
    this.out = new JsonLinesFile(file);
  }

  append(e: Omit<AlertLogEntry, 'time'>): Promise<void> {
    return this.out.append({ time: new Date(this.clock()).toISOString(), ...e });
  }

  /** Resolves once everything appended so far is on disk (tests, quitting). */
  flush(): Promise<void> {
    return this.out.flush();
  }
}
