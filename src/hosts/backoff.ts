/**
 * Reconnect delays: exponential, capped, with jitter so that many hosts that
 * dropped together (a switch restart, a laptop waking up) do not all knock
 * again at the same instant.
 */

export interface BackoffOptions {
  /** Delay before the first retry (ms). */
  initialMs: number;
  /** Upper bound of any delay (ms). */
  maxMs: number;
  /** Fraction of the delay that is randomised: 0 = none, 0.5 = delay in [d/2, d]. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, jitter: 0.5 };

/**
 * Delay before retry number `attempt` (0-based): min(max, initial·2^attempt),
 * of which the `jitter` fraction is replaced by a random share. Always within
 * [d·(1-jitter), d], never above maxMs, never negative.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const n = Math.max(0, Math.floor(attempt));
  // 2^n overflows to Infinity for large n, which min() then caps: no special case needed.
  const base = Math.min(opts.maxMs, opts.initialMs * 2 ** n);
  const jitter = Math.min(1, Math.max(0, opts.jitter));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(base * (1 - jitter) + base * jitter * r);
}
