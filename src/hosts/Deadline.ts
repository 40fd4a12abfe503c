/**
 * A time budget that can be paused. A connection attempt gets ~10 s, but the
 * time an operator spends reading an "unknown host key" prompt must not count
 * against it — so ssh2's own readyTimeout (which cannot pause) stays off and
 * this one runs instead.
 */
export class Deadline {
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private remaining: number;
  private stopped = false;
  /** Called once when the budget is used up; may be re-pointed between phases. */
  onExpire: () => void = () => {};

  constructor(readonly totalMs: number) {
    this.remaining = totalMs;
  }

  start(): void {
    if (this.stopped || this.timer) return;
    this.startedAt = Date.now();
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.stopped = true;
        this.onExpire();
      },
      Math.max(0, this.remaining),
    );
  }

  pause(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.remaining -= Date.now() - this.startedAt;
  }

  resume(): void {
    this.start();
  }

  /** Done with it: no expiry from now on (pause/resume become no-ops). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
