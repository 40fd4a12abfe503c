import { alignedDelay, tickerCheckMs } from './refreshTiming';

/**
 * The cockpit's once-a-refresh tick, for what runs once a refresh whether
 * or not data came (the alerts' evaluation, the clock's ages).
 *
 * Figures arriving tick it (`arrived`, at most once in three quarters of a
 * refresh), so those runs share the wakeup that brought the data: an idle
 * cockpit wakes once a refresh, for its data. Its own timer stands in only
 * when nothing arrives: while figures flow it looks on the multiples of
 * `checkMs` (long; Node wakes for a timer even after it is cleared, so it is
 * never re-armed per arrival), and once a whole refresh went by without them
 * it ticks on the refresh ticks (alignedDelay; refreshTiming.ts states the contract) until they come
 * back. A tick nobody listens to arms no timer.
 */
export class RefreshTicker {
  private readonly listeners = new Set<(now: number) => void>();
  private timer: NodeJS.Timeout | null = null;
  private last = -Infinity;
  private lastArrival = -Infinity;
  private readonly checkMs: number;

  constructor(
    private readonly periodMs: number,
    private readonly now: () => number = Date.now,
    checkMs?: number,
  ) {
    if (!(periodMs > 0)) throw new Error(`tick period must be positive, not ${periodMs}`);
    this.checkMs = checkMs ?? tickerCheckMs(periodMs);
  }

  /** Calls fn at every tick while subscribed; returns the unsubscribe function. */
  subscribe(fn: (now: number) => void): () => void {
    this.listeners.add(fn);
    this.arm();
    let on = true;
    return () => {
      if (!on) return;
      on = false;
      this.listeners.delete(fn);
      if (this.listeners.size === 0 && this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
    };
  }

  /** Figures arrived: tick now, unless the last tick is under three quarters of a refresh old. */
  arrived(): void {
    const t = (this.lastArrival = this.now());
    if (t - this.last >= (this.periodMs * 3) / 4) this.fire(t);
  }

  private fire(t: number): void {
    this.last = t;
    for (const fn of [...this.listeners]) fn(t);
  }

  /** Figures arrived within the last refresh (and a quarter's slack). */
  private flowing(t: number): boolean {
    return t - this.lastArrival < (this.periodMs * 5) / 4;
  }

  private arm(): void {
    if (this.timer || this.listeners.size === 0) return;
    // Both on aligned ticks: the look shares its wakeup with other slow loops on the same multiples (the Docker list's).
    const wait = alignedDelay(this.flowing(this.now()) ? this.checkMs : this.periodMs, Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      const t = this.now();
      // Stand in only when nothing arrives; arrivals tick themselves.
      if (!this.flowing(t) && t - this.last >= (this.periodMs * 3) / 4) this.fire(t);
      this.arm();
    }, wait);
    // The tick alone must never keep the process alive.
    this.timer.unref?.();
  }
}
