import { alignedDelay, MAX_BACKOFF_MS } from './refreshTiming';

export { alignedDelay };

/**
 * One poller = one kind of figures (resources, database, Docker's list …) for
 * one host. The poller fetches and writes the store itself; the monitor only
 * decides when it runs.
 */
export interface Poller {
  readonly host: string;
  readonly name: string;
  readonly intervalMs: number;
  run(signal: AbortSignal): Promise<void>;
  /**
   * run() itself waits for figures the host clocks on the aligned ticks (the
   * resources sampler): after a run that went well the next starts at once,
   * with no timer of ours; after a failure, the usual backoff.
   */
  readonly hostClocked?: boolean;
  /**
   * Longest wait after repeated failures, for this poller (else the
   * monitor's): what an alert or a screen waits on comes back within it.
   */
  readonly maxBackoffMs?: number;
  /**
   * How long the loop's first run waits after its host is ready, asked then
   * (a wake-up, such as a screen that comes to show it, ends the wait): slow
   * facts that would compete with every host's first figures at start.
   */
  firstDelayMs?(): number;
  /**
   * After a run that went well, the next starts `intervalMs` after it ended
   * rather than on the interval's aligned tick: slow facts, whose figures no
   * screen draws with the others', each host on a phase of its own.
   */
  readonly ownPhase?: boolean;
  /** The loop goes idle (not needed, host not ready, monitor stopped): let go of what polls held open. */
  idle?(): void;
}

interface Loop {
  poller: Poller;
  errors: number;
  timer: NodeJS.Timeout | null;
  wake: (() => void) | null;
  running: boolean;
  runs: number;
  /** The first run's delay (firstDelayMs) has been waited. */
  delayed: boolean;
  /** A run is under way. */
  polling: boolean;
  /** When its last run ended (hostClocked loops: when it last delivered). */
  doneAt: number;
  /** The signal handed to its runs: one for every run until a run is aborted. */
  ctl: AbortController | null;
  /** Gives up the run under way (it timed out, or the monitor stopped), whatever the poller does. */
  giveUp: ((e: Error) => void) | null;
  /** The run's time limit: one timer for the loop's life, armed again at each run's start. */
  limit: NodeJS.Timeout | null;
}

export interface MonitorOptions {
  /** Whether the host can be polled now (connected). */
  isReady: (host: string) => boolean;
  /** Longest wait after repeated failures. */
  maxBackoffMs?: number;
  /** A poll that takes longer than this many intervals is aborted. */
  timeoutIntervals?: number;
  /**
   * Every poll that was running has finished (aligned polls finish together):
   * the moment to show their results as one change (the live store's batch).
   */
  onSettled?: () => void;
}

const key = (host: string, name: string) => `${host}\u0000${name}`;

/**
 * Runs every poller on its own interval, never overlapping its previous run,
 * only while someone needs it (the visible screen, an alert rule), only while
 * its host is ready, and slower after failures. One slow or dead host never
 * delays another: every loop is independent.
 */
export class Monitor {
  private loops = new Map<string, Loop>();
  private demand = new Map<string, Set<string> | 'all'>();
  private stopped = true;
  private running = 0;

  constructor(private opts: MonitorOptions) {}

  add(poller: Poller): void {
    const k = key(poller.host, poller.name);
    if (this.loops.has(k)) throw new Error(`poller ${poller.name} already added for ${poller.host}`);
    const loop: Loop = {
      poller,
      errors: 0,
      timer: null,
      wake: null,
      running: false,
      polling: false,
      runs: 0,
      delayed: false,
      doneAt: 0,
      ctl: null,
      giveUp: null,
      limit: null,
    };
    this.loops.set(k, loop);
    if (!this.stopped) void this.runLoop(loop);
  }

  /** Which hosts need this kind of figures now; others' loops go idle. */
  setDemand(name: string, hosts: Iterable<string> | 'all'): void {
    this.demand.set(name, hosts === 'all' ? 'all' : new Set(hosts));
    for (const l of this.loops.values()) if (l.poller.name === name) this.wakeLoop(l);
  }

  /**
   * Poll this host now (it just (re)connected), or only its poller of that
   * name (its interval changed): a waiting loop runs at once and then keeps
   * its poller's interval as it is now.
   */
  wake(host: string, name?: string): void {
    for (const l of this.loops.values()) if (l.poller.host === host && (name === undefined || l.poller.name === name)) this.wakeLoop(l);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    for (const l of this.loops.values()) void this.runLoop(l);
  }

  stop(): void {
    this.stopped = true;
    for (const l of this.loops.values()) {
      this.endRun(l, new Error('the monitor stopped'));
      this.wakeLoop(l);
    }
  }

  /** How many polls ran, per host/poller (for tests and the bench). */
  runCount(host: string, name: string): number {
    return this.loops.get(key(host, name))?.runs ?? 0;
  }

  private wanted(p: Poller): boolean {
    const d = this.demand.get(p.name);
    return d === 'all' || (d !== undefined && d.has(p.host));
  }

  /**
   * A hostClocked loop just delivered: the round is done when no poll is in flight
   * and every other healthy hostClocked loop of its interval delivered this tick too
   * (within half an interval). One that owes its figures (starting, hung)
   * leaves the round to the live store's batch bound.
   */
  private roundDone(l: Loop): boolean {
    if (this.running > 0) return false;
    for (const o of this.loops.values()) {
      if (o === l || !o.polling || !o.poller.hostClocked || o.errors > 0 || o.poller.intervalMs !== l.poller.intervalMs) continue;
      if (l.doneAt - o.doneAt > l.poller.intervalMs / 2) return false;
    }
    return true;
  }

  /**
   * Whether a round of hostClocked figures is under way at `now`: a healthy
   * hostClocked loop delivered within the last half interval and another of
   * its interval has not. A poll of another kind that ends meanwhile leaves
   * them to the round's last delivery (roundDone) or the live store's batch
   * bound, so the round is still one change.
   */
  private roundUnderWay(now: number): boolean {
    // Per interval: 1 when a loop delivered this tick, 2 when one owes its figures.
    const seen = new Map<number, number>();
    for (const o of this.loops.values()) {
      if (!o.polling || !o.poller.hostClocked || o.errors > 0) continue;
      const interval = o.poller.intervalMs;
      const mask = (seen.get(interval) ?? 0) | (o.runs > 0 && now - o.doneAt <= interval / 2 ? 1 : 2);
      if (mask === 3) return true;
      seen.set(interval, mask);
    }
    return false;
  }

  private wakeLoop(l: Loop): void {
    l.wake?.();
  }

  /** Aborts the loop's run under way, if any, and gives it up. */
  private endRun(l: Loop, why: Error): void {
    if (!l.polling) return;
    l.ctl?.abort();
    l.ctl = null;
    l.giveUp?.(why);
  }

  /**
   * One run of the poller, given up after its time limit. The loop keeps its
   * abort signal and its limit's timer from run to run (a run's start arms the
   * timer again): a hundred hosts' samples, fifty a second, add no listener
   * and make no timer each.
   */
  private runOnce(l: Loop): Promise<void> {
    const p = l.poller;
    const ms = p.intervalMs * (this.opts.timeoutIntervals ?? 5);
    if (l.limit) l.limit.refresh();
    else l.limit = setTimeout(() => this.endRun(l, new Error('poll timed out')), ms);
    l.ctl ??= new AbortController();
    const signal = l.ctl.signal;
    // A poll that ignores its abort signal must not stall the loop for good.
    return new Promise<void>((resolve, reject) => {
      l.giveUp = reject;
      p.run(signal).then(resolve, reject);
    });
  }

  /** The limit's timer is let go while the loop waits: an idle or backing-off loop keeps none. */
  private dropLimit(l: Loop): void {
    if (l.limit) clearTimeout(l.limit);
    l.limit = null;
  }

  private sleep(l: Loop, ms: number | null): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        if (l.timer) clearTimeout(l.timer);
        l.timer = null;
        l.wake = null;
        resolve();
      };
      l.wake = done;
      // null: wait only for a wake-up (idle loops cost nothing).
      if (ms !== null) l.timer = setTimeout(done, ms);
    });
  }

  private async runLoop(l: Loop): Promise<void> {
    if (l.running) return;
    l.running = true;
    try {
      while (!this.stopped) {
        const p = l.poller;
        if (!this.wanted(p) || !this.opts.isReady(p.host)) {
          this.dropLimit(l);
          p.idle?.();
          await this.sleep(l, null);
          continue;
        }
        const firstDelay = l.runs === 0 && !l.delayed ? (p.firstDelayMs?.() ?? 0) : 0;
        if (firstDelay > 0) {
          l.delayed = true;
          await this.sleep(l, firstDelay);
          continue;
        }
        // A hostClocked run spends its time waiting for the host's tick: not a poll in flight.
        const hostClocked = p.hostClocked === true;
        if (!hostClocked) this.running++;
        l.polling = true;
        try {
          await this.runOnce(l);
          l.errors = 0;
        } catch {
          // The poller has recorded the error in the store; here we only slow down.
          l.errors++;
        } finally {
          l.giveUp = null;
          l.runs++;
          l.polling = false;
          l.doneAt = Date.now();
          if (!hostClocked) {
            if (--this.running === 0 && !this.roundUnderWay(l.doneAt)) this.opts.onSettled?.();
          } else if (l.errors === 0 && this.roundDone(l)) this.opts.onSettled?.();
        }
        if (this.stopped) break;
        // The next run starts at once: the limit's timer stays, armed again then.
        if (hostClocked && l.errors === 0) continue;
        this.dropLimit(l);
        await this.sleep(
          l,
          l.errors === 0
            ? p.ownPhase
              ? p.intervalMs
              : alignedDelay(p.intervalMs, Date.now())
            : Math.min(p.intervalMs * 2 ** l.errors, p.maxBackoffMs ?? this.opts.maxBackoffMs ?? MAX_BACKOFF_MS),
        );
      }
    } finally {
      this.dropLimit(l);
      l.running = false;
      l.poller.idle?.();
    }
  }
}
