/**
 * Slow facts that ride along with a host's resources polls instead of each
 * costing an exec channel and a wakeup of its own (the bench counts channels
 * per poll).
 *
 * Another service asks `ride(piece)`; the host's resources collector, when it
 * carries (a remote host with its poller running), takes the queued pieces
 * together — in the wakeup of the sample that finds them, into one exec of
 * their own beside the sampler; without a sampler, at the start of its next
 * poll, into that poll's exec — and settles each with its output and exit
 * status. `ride` resolves null — "run it yourself" — at once
 * when nothing carries for that host (headless commands, a local host), and
 * after a bounded wait when no poll took or finished it in time (the poller
 * stopped, idle or hung) or the poll failed. Nothing ever waits forever.
 */
import { checkPiece, rideTimeout, type RidePiece, type RideResult } from './rideScript';

/** Timers, injected so the fallback timing can be tested without sleeping. */
export interface RideClock {
  /** Calls fn after ms; returns the cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export const systemRideClock: RideClock = {
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return () => clearTimeout(t);
  },
};

/** Seconds of piece timeouts one poll takes on at most (df's 5 s + this stays under the poll's 10 s). */
export const DEFAULT_RIDE_BUDGET_SECONDS = 4;
/** At most this many pieces in one poll. */
export const MAX_RIDES_PER_POLL = 8;

export interface TakenPiece {
  readonly piece: RidePiece;
  /** The piece's result, or null when it did not run (the poll failed or was cut short). */
  settle(result: RideResult | null): void;
}

interface Waiting {
  piece: RidePiece;
  state: 'queued' | 'taken' | 'done';
  finish: (r: RideResult | null) => void;
}

export interface RideQueueOptions {
  clock?: RideClock;
  budgetSeconds?: number;
}

export class RideQueue {
  private queue: Waiting[] = [];
  /** How long a piece may wait for a carrier's poll to take and finish it; null: no carrier. */
  private carrierWaitMs: number | null = null;
  private readonly clock: RideClock;
  private readonly budget: number;

  constructor(opts: RideQueueOptions = {}) {
    this.clock = opts.clock ?? systemRideClock;
    this.budget = opts.budgetSeconds ?? DEFAULT_RIDE_BUDGET_SECONDS;
  }

  /**
   * A carrier (the host's remote resources collector) will take pieces; a
   * piece waits at most waitMs for it. Returns the detach function.
   */
  attach(waitMs: number): () => void {
    if (!(waitMs > 0)) throw new Error(`ride wait must be positive, not ${waitMs}`);
    this.carrierWaitMs = waitMs;
    return () => {
      this.carrierWaitMs = null;
      for (const w of this.queue.splice(0)) w.finish(null);
    };
  }

  get carried(): boolean {
    return this.carrierWaitMs !== null;
  }

  /** How many pieces wait for a poll (for tests). */
  get pending(): number {
    return this.queue.length;
  }

  /**
   * The piece's result from a resources poll, or null: run it yourself (no
   * carrier, not taken or not finished within the wait, the poll failed).
   * Rejects on a bad piece, or with the signal's reason once it aborts.
   */
  ride(piece: RidePiece, signal?: AbortSignal): Promise<RideResult | null> {
    checkPiece(piece);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const waitMs = this.carrierWaitMs;
    if (waitMs === null) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      const end = (then: () => void) => {
        if (w.state === 'done') return;
        if (w.state === 'queued') this.queue = this.queue.filter((x) => x !== w);
        w.state = 'done';
        cancel();
        signal?.removeEventListener('abort', onAbort);
        then();
      };
      const w: Waiting = { piece, state: 'queued', finish: (r) => end(() => resolve(r)) };
      const onAbort = () => end(() => reject(signal!.reason));
      const cancel = this.clock.after(waitMs, () => w.finish(null));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(w);
    });
  }

  /**
   * For the carrier, at the start of a poll: the queued pieces this poll runs,
   * oldest first, as many as fit the budget of timeout seconds (at least one).
   * Every taken piece must be settled, whatever becomes of the poll.
   */
  take(): TakenPiece[] {
    const taken: Waiting[] = [];
    let seconds = 0;
    for (const w of this.queue) {
      const t = rideTimeout(w.piece);
      if (taken.length >= MAX_RIDES_PER_POLL || (taken.length > 0 && seconds + t > this.budget)) break;
      taken.push(w);
      seconds += t;
    }
    this.queue = this.queue.slice(taken.length);
    for (const w of taken) w.state = 'taken';
    return taken.map((w) => ({ piece: w.piece, settle: (r) => w.finish(r) }));
  }
}

/** One queue per host, shared by the resources pollers and the services that ask. */
export class RideRegistry {
  private queues = new Map<string, RideQueue>();

  constructor(private readonly opts: RideQueueOptions = {}) {}

  for(host: string): RideQueue {
    let q = this.queues.get(host);
    if (!q) this.queues.set(host, (q = new RideQueue(this.opts)));
    return q;
  }
}
