/** The answer of one health endpoint. */

/** One health endpoint check (config `health:`), requested ON the host. */
export interface HealthResult {
  name: string;
  url: string;
  ok: boolean;
  /** HTTP status, or null when there was no answer. */
  status: number | null;
  latencyMs: number | null;
  error: string | null;
  /** When this check finished (ms). */
  checkedAt: number;
}
