import type { UiEvent } from '../screens/uiStore';

export interface Outcome {
  ok: boolean;
  message: string;
}

/**
 * An action started from a key runs in the background; whatever it ends in —
 * its result or an exception — lands on the status line, never unhandled.
 */
export function reportOutcome(dispatch: (e: UiEvent) => void, task: Promise<Outcome>): void {
  task.then(
    (r) => dispatch({ type: 'message', text: r.message, level: r.ok ? 'info' : 'error' }),
    (err: unknown) => dispatch({ type: 'message', text: err instanceof Error ? err.message : String(err), level: 'error' }),
  );
}
