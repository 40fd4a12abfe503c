/**
 * What the headless commands print. Their text holds remote parts (host and
 * container names, errors, alert labels, a run's command output), so it is
 * made inert like everything on the cockpit's screens; JSON gets DEL and the
 * C1 controls escaped as \u00XX (JSON.stringify escapes only C0, and a
 * terminal acts on C1 too), which leaves the value the same.
 */
import { inertText } from '../../services/inertText';

/** Where a command writes: the process's stdout and stderr, or a test's buffers. */
export interface CommandOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export function printText(out: CommandOutput, text: string): void {
  out.stdout.write(inertText(text));
}

export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function printJson(out: CommandOutput, value: unknown): void {
  out.stdout.write(`${jsonText(value)}\n`);
}
