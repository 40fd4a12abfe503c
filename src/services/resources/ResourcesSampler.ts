import { nodeCrypto } from '../../hosts/lazyBuiltins';
import { StringDecoder } from 'node:string_decoder';
import { HostError, type Host, type StdinFeed } from '../../hosts/Host';
import { alignedDelay, SAMPLER_LEASE_MS } from '../refreshTiming';
import { KEPT_SECTIONS, resourcesSamplerCommand, sampleEnd } from './remoteResourcesCommand';
import { splitSections } from './sections';

const END_PREFIX = sampleEnd('').slice(0, -2);
/** Hex digits of a lease's nonce; the sample's index follows them in its end line. */
const NONCE_HEX = 16;
/** Leases remembered, so the late end lines of one just replaced are still known as ends. */
const LEASES_KEPT = 4;

export interface ResourcesSamplerOptions {
  /** The host takes a sample every periodMs, on the ticks Monitor's aligned polls use. */
  periodMs: number;
  /** Samples per lease line; default a minute's worth. */
  leaseSamples?: number;
  /** Wall clock for the alignment (tests). */
  now?: () => number;
}

interface Waiter {
  resolve: (sections: Map<string, string>) => void;
  reject: (e: unknown) => void;
  /** When it gives up (this.now()), after waitMs. */
  deadline: number;
  waitMs: number;
  /** The sampler it waits on (its abort controller): a timed-out wait stops that one, not a successor. */
  run: AbortController | null;
  signal: AbortSignal | undefined;
}

interface Lease {
  nonce: string;
  count: number;
}

/**
 * One host's long-lived resources sampler (resourcesSamplerCommand), which
 * keeps its own time: it is handed leases of samples and clocks them itself,
 * so a poll costs the cockpit one incoming packet — no timer of its own, no
 * request written. The first lease is one sample at once (figures on screen
 * without waiting for a tick); every later one starts on the next aligned
 * tick (alignedDelay), written when the lease before it ends, so
 * ten hosts' samples keep arriving together and clock drift is mended a
 * lease at a time.
 *
 * `sample()` waits for the next sample to arrive. The sampler is started on
 * the first, restarted after it ends (lost connection, killed on the host)
 * or falls silent, and hung up when the poller goes idle.
 *
 * The sampler prints steady sections (mounts, os-release…) only when they
 * changed, and df every DF_PERIOD_SECONDS, so the last text of each is kept
 * here and put back into every sample: the caller always gets every section.
 */
export class ResourcesSampler {
  private stdin: StdinFeed | null = null;
  private running: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private buffered = '';
  private decoder = new StringDecoder('utf8');
  private waiters: Waiter[] = [];
  private leases: Lease[] = [];
  private heardAt = 0;
  private steady = new Map<string, string>();
  /** The waits' time limit: one timer, armed for the earliest deadline while anyone waits. */
  private limit: NodeJS.Timeout | null = null;
  private limitAt = Infinity;
  private limitMs = 0;
  /** Signals listened to: a poller hands the same signal to poll after poll, listened to once. */
  private readonly signals = new WeakSet<AbortSignal>();
  private readonly periodMs: number;
  private readonly leaseSamples: number;
  private readonly now: () => number;

  constructor(
    private readonly host: Host,
    opts: ResourcesSamplerOptions,
  ) {
    if (!(opts.periodMs >= 10)) throw new Error(`sampler period must be at least 10 ms, not ${opts.periodMs}`);
    this.periodMs = opts.periodMs;
    this.leaseSamples = opts.leaseSamples ?? Math.max(1, Math.round(SAMPLER_LEASE_MS / opts.periodMs));
    this.now = opts.now ?? Date.now;
  }

  /**
   * The next sample's sections. Rejects after timeoutMs past the wait for a
   * tick, on abort, or when the sampler ends first.
   */
  sample(timeoutMs: number, signal?: AbortSignal): Promise<Map<string, string>> {
    // Silent for longer than any sample may take (a wedged channel, a df stuck
    // past its own bound, while polls were given up by their callers): a new one.
    if (this.running && this.now() - this.heardAt > timeoutMs + 2 * this.periodMs) this.stop(true);
    this.ensureRunning();
    const waitMs = timeoutMs + 2 * this.periodMs;
    return new Promise<Map<string, string>>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const w: Waiter = { resolve, reject, deadline: this.now() + waitMs, waitMs, run: this.abort, signal };
      if (signal && !this.signals.has(signal)) {
        this.signals.add(signal);
        signal.addEventListener('abort', () => this.aborted(signal), { once: true });
      }
      this.waiters.push(w);
      this.armLimit(waitMs);
    });
  }

  /** The waits on this signal fail with its reason. */
  private aborted(signal: AbortSignal): void {
    const gone = this.waiters.filter((w) => w.signal === signal);
    if (gone.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.signal !== signal);
    for (const w of gone) w.reject(abortReason(signal));
  }

  /**
   * The limit's timer, for a wait of waitMs from now. While polls follow each
   * other (one wait at a time) the one timer is armed again, not made anew.
   */
  private armLimit(waitMs: number): void {
    const at = this.now() + waitMs;
    if (this.limit && this.limitAt <= at) return;
    this.limitAt = at;
    // The usual wait, the only one and as long as the last: the same timer, armed again.
    if (this.limit && this.waiters.length === 1 && this.limitMs === waitMs) return void this.limit.refresh();
    this.setLimit(waitMs);
  }

  private setLimit(ms: number): void {
    if (this.limit) clearTimeout(this.limit);
    this.limitMs = ms;
    this.limit = setTimeout(() => this.limitReached(), ms);
  }

  private clearLimit(): void {
    if (this.limit) clearTimeout(this.limit);
    this.limit = null;
    this.limitAt = Infinity;
  }

  /** Every wait past its deadline fails; the sampler it waited on is stopped. */
  private limitReached(): void {
    // The waits due by the deadline the timer was armed for (the timer is the clock here).
    const due = this.limitAt;
    this.limit = null;
    this.limitAt = Infinity;
    const late = this.waiters.filter((w) => w.deadline <= due);
    this.waiters = this.waiters.filter((w) => w.deadline > due);
    for (const w of late) w.reject(new HostError(this.host.name, `resources poll timed out after ${w.waitMs} ms`, 'timeout'));
    // Not its successor, though, should a wait outlive its own sampler.
    if (late.some((w) => w.run !== null && w.run === this.abort)) this.stop(true);
    if (this.waiters.length === 0) return;
    this.limitAt = Math.min(...this.waiters.map((w) => w.deadline));
    this.setLimit(Math.max(0, this.limitAt - due));
  }

  /**
   * Stop the sampler (the next sample starts another). The channel is hung up:
   * the loop on the host ends at its next print, without the extra exec a kill
   * of its process group costs; one that never got its channel is killed.
   */
  close(): void {
    this.stop(this.stdin === null);
  }

  private stop(kill: boolean): void {
    const waiting = this.waiters;
    if (kill) this.abort?.abort();
    else this.stdin?.hangUp();
    this.reset();
    for (const w of waiting) w.reject(new HostError(this.host.name, 'the resources sampler was stopped', 'closed'));
  }

  private ensureRunning(): void {
    if (this.running) return;
    const abort = new AbortController();
    this.abort = abort;
    this.heardAt = this.now();
    this.running = this.host
      .stream(resourcesSamplerCommand, {
        signal: abort.signal,
        // A sampler told to stop may still print the sample in hand: not into its successor's buffer.
        onStdout: (c) => {
          if (this.abort === abort) this.onOutput(this.decoder.write(c));
        },
        onStdin: (stdin) => {
          if (abort.signal.aborted) return;
          this.stdin = stdin;
          this.lease(1, 0);
        },
      })
      .then(
        (code) => this.ended(abort, `the resources sampler ended (exit ${code ?? 'killed'})`),
        (e: unknown) => this.ended(abort, e instanceof Error ? e.message : String(e)),
      );
  }

  /** Hands the sampler `count` samples, the first after delayMs, then one a period. */
  private lease(count: number, delayMs: number): void {
    const l = {
      nonce: nodeCrypto()
        .randomBytes(NONCE_HEX / 2)
        .toString('hex'),
      count,
    };
    this.leases.push(l);
    if (this.leases.length > LEASES_KEPT) this.leases.shift();
    const cs = (ms: number) => Math.max(0, Math.round(ms / 10));
    this.stdin?.write(`${l.nonce} ${count} ${cs(delayMs)} ${Math.max(1, cs(this.periodMs))}\n`);
  }

  private ended(abort: AbortController, why: string): void {
    if (this.abort !== abort) return; // an older sampler, already replaced
    const waiting = this.waiters;
    this.reset();
    for (const w of waiting) w.reject(new HostError(this.host.name, why, 'io'));
  }

  private reset(): void {
    this.clearLimit();
    this.abort = null;
    this.running = null;
    this.stdin = null;
    this.buffered = '';
    this.decoder = new StringDecoder('utf8');
    this.waiters = [];
    this.leases = [];
    // A new sampler prints every section again in its first sample.
    this.steady = new Map();
  }

  /** The lease and index a line ends, when it is a whole end line of a lease we wrote. */
  private endOf(line: string): { lease: Lease; index: number } | null {
    if (!line.endsWith('@@')) return null;
    const id = line.slice(END_PREFIX.length, -2);
    const lease = this.leases.find((l) => id.startsWith(l.nonce));
    const digits = id.slice(NONCE_HEX);
    if (!lease || !/^\d{1,9}$/.test(digits)) return null;
    const index = Number(digits);
    return index < lease.count && String(index) === digits ? { lease, index } : null;
  }

  private onOutput(text: string): void {
    this.buffered += text;
    let from = 0;
    for (;;) {
      const at = this.buffered.indexOf(END_PREFIX, from);
      if (at === -1) return;
      const eol = this.buffered.indexOf('\n', at);
      if (eol === -1) return;
      from = eol + 1;
      // Only a whole line batching a nonce we wrote ends a sample: a file's text cannot forge one.
      const end = at === 0 || this.buffered[at - 1] === '\n' ? this.endOf(this.buffered.slice(at, eol)) : null;
      if (!end) continue;
      const body = this.buffered.slice(0, at);
      this.buffered = this.buffered.slice(eol + 1);
      from = 0;
      this.heardAt = this.now();
      const { lease, index } = end;
      // The next lease goes out in this same wakeup, timed to the next aligned tick.
      if (lease === this.leases[this.leases.length - 1] && index === lease.count - 1) this.lease(this.leaseSamples, alignedDelay(this.periodMs, this.heardAt));
      const sections = this.withSteady(splitSections(body));
      // A sample nobody waits for (its poll given up) is dropped; its steady sections still count.
      // The limit's timer stays: the next poll's wait, at once, arms it again.
      const waiting = this.waiters;
      this.waiters = [];
      for (const w of waiting) w.resolve(sections);
    }
  }

  private withSteady(sections: Map<string, string>): Map<string, string> {
    for (const name of KEPT_SECTIONS) {
      const text = sections.get(name);
      if (text !== undefined) this.steady.set(name, text);
      else {
        const kept = this.steady.get(name);
        if (kept !== undefined) sections.set(name, kept);
      }
    }
    return sections;
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}
