/**
 * Slow facts that run batched with a host's resources polls instead of each
 * costing an exec channel and a wakeup of its own (the bench counts channels
 * per poll).
 *
 * Another service asks `runBatched(command)`; the host's resources collector, when it
 * batches (a remote host with its poller running), takes the queued commands
 * together — in the wakeup of the sample that finds them, into one exec of
 * their own beside the sampler; without a sampler, at the start of its next
 * poll, into that poll's exec — and settles each with its output and exit
 * status. `batch` resolves null — "run it yourself" — at once
 * when nothing batches for that host (headless commands, a local host), and
 * after a bounded wait when no poll took or finished it in time (the poller
 * stopped, idle or hung) or the poll failed. Nothing ever waits forever.
 */
import { checkBatchedCommand, batchedCommandTimeout, type BatchedCommand, type BatchedCommandResult } from './batchedCommandScript';

/** Timers, injected so the fallback timing can be tested without sleeping. */
export interface BatchClock {
  /** Calls fn after ms; returns the cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export const systemBatchClock: BatchClock = {
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return () => clearTimeout(t);
  },
};

/** Seconds of command timeouts one poll takes on at most (df's 5 s + this stays under the poll's 10 s). */
export const DEFAULT_BATCH_BUDGET_SECONDS = 4;
/** At most this many commands in one poll. */
export const MAX_BATCHED_PER_POLL = 8;

export interface TakenCommand {
  readonly command: BatchedCommand;
  /** The command's result, or null when it did not run (the poll failed or was cut short). */
  settle(result: BatchedCommandResult | null): void;
}

const NOTHING_TAKEN: readonly TakenCommand[] = [];

interface Waiting {
  command: BatchedCommand;
  state: 'queued' | 'taken' | 'done';
  finish: (r: BatchedCommandResult | null) => void;
}

export interface BatchedCommandQueueOptions {
  clock?: BatchClock;
  budgetSeconds?: number;
}

export class BatchedCommandQueue {
  private queue: Waiting[] = [];
  /** How long a command may wait for a poller's poll to take and finish it; null: no poller. */
  private pollerWaitMs: number | null = null;
  private readonly clock: BatchClock;
  private readonly budget: number;

  constructor(opts: BatchedCommandQueueOptions = {}) {
    this.clock = opts.clock ?? systemBatchClock;
    this.budget = opts.budgetSeconds ?? DEFAULT_BATCH_BUDGET_SECONDS;
  }

  /**
   * A poller (the host's remote resources collector) will take commands; a
   * command waits at most waitMs for it. Returns the detach function.
   */
  attach(waitMs: number): () => void {
    if (!(waitMs > 0)) throw new Error(`batch wait must be positive, not ${waitMs}`);
    this.pollerWaitMs = waitMs;
    return () => {
      this.pollerWaitMs = null;
      for (const w of this.queue.splice(0)) w.finish(null);
    };
  }

  get polled(): boolean {
    return this.pollerWaitMs !== null;
  }

  /** How many commands wait for a poll (for tests). */
  get pending(): number {
    return this.queue.length;
  }

  /**
   * The command's result from a resources poll, or null: run it yourself (no
   * poller, not taken or not finished within the wait, the poll failed).
   * Rejects on a bad command, or with the signal's reason once it aborts.
   */
  runBatched(command: BatchedCommand, signal?: AbortSignal): Promise<BatchedCommandResult | null> {
    checkBatchedCommand(command);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const waitMs = this.pollerWaitMs;
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
      const w: Waiting = { command, state: 'queued', finish: (r) => end(() => resolve(r)) };
      const onAbort = () => end(() => reject(signal!.reason));
      const cancel = this.clock.after(waitMs, () => w.finish(null));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(w);
    });
  }

  /**
   * For the poller, at the start of a poll: the queued commands this poll runs,
   * oldest first, as many as fit the budget of timeout seconds (at least one).
   * Every taken command must be settled, whatever becomes of the poll.
   */
  take(): readonly TakenCommand[] {
    // The usual poll: nothing queued, nothing made.
    if (this.queue.length === 0) return NOTHING_TAKEN;
    const taken: Waiting[] = [];
    let seconds = 0;
    for (const w of this.queue) {
      const t = batchedCommandTimeout(w.command);
      if (taken.length >= MAX_BATCHED_PER_POLL || (taken.length > 0 && seconds + t > this.budget)) break;
      taken.push(w);
      seconds += t;
    }
    this.queue = this.queue.slice(taken.length);
    for (const w of taken) w.state = 'taken';
    return taken.map((w) => ({ command: w.command, settle: (r) => w.finish(r) }));
  }
}

/** One queue per host, shared by the resources pollers and the services that ask. */
export class BatchedCommandQueues {
  private queues = new Map<string, BatchedCommandQueue>();

  constructor(private readonly opts: BatchedCommandQueueOptions = {}) {}

  for(host: string): BatchedCommandQueue {
    let q = this.queues.get(host);
    if (!q) this.queues.set(host, (q = new BatchedCommandQueue(this.opts)));
    return q;
  }
}
