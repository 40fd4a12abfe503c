import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { HostError, type Host, type StdinFeed } from '../../hosts/Host';
import { resourcesSamplerCommand, sampleEnd, STEADY_SECTIONS } from './remoteResourcesCommand';
import { splitSections } from './sections';

const END_PREFIX = sampleEnd('').slice(0, -2);
/** Nonces remembered for samples given up, so their late end lines are still known as ends. */
const ISSUED_KEPT = 16;

interface Pending {
  nonce: string;
  resolve: (sections: Map<string, string>) => void;
  reject: (e: unknown) => void;
}

/**
 * One host's long-lived resources sampler (resourcesSamplerCommand): started
 * on the first sample, restarted after it ends (lost connection, killed on
 * the host) or hangs, closed when the poller goes idle. A sample is asked for
 * by writing a fresh nonce to its stdin and ends at the nonce's end line; a
 * sample that comes late for a poll already given up is dropped.
 *
 * The sampler prints steady sections (mounts, os-release…) only when they
 * changed, so the last text of each is kept here and put back into every
 * sample: the caller always gets every section.
 */
export class ResourcesSampler {
  private stdin: StdinFeed | null = null;
  private running: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private buffered = '';
  private decoder = new StringDecoder('utf8');
  private pending: Pending[] = [];
  private issued: string[] = [];
  private noncePrefix = '';
  private count = 0;
  private steady = new Map<string, string>();

  constructor(private readonly host: Host) {}

  /** The next sample's sections; rejects on timeout, abort, or the sampler ending first. */
  sample(timeoutMs: number, signal?: AbortSignal): Promise<Map<string, string>> {
    this.ensureRunning();
    const run = this.abort;
    // Unguessable per sampler, unique per sample: a random prefix and a count.
    const nonce = `${this.noncePrefix}${(this.count++).toString(16)}`;
    return new Promise<Map<string, string>>((resolve, reject) => {
      const p: Pending = { nonce, resolve, reject };
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.pending = this.pending.filter((x) => x !== p);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new HostError(this.host.name, `resources poll timed out after ${timeoutMs} ms`, 'timeout'));
        // A sampler that stops answering (a df stuck past its own bound, a
        // wedged channel) is killed: the next poll starts a fresh one. Not
        // its successor, though, should this sample outlive its own sampler.
        if (this.abort === run) this.stop(true);
      }, timeoutMs);
      const onAbort = () => {
        finish();
        reject(signal!.reason ?? new DOMException('The operation was aborted', 'AbortError'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      p.resolve = (s) => (finish(), resolve(s));
      p.reject = (e) => (finish(), reject(e));
      this.pending.push(p);
      this.issued.push(nonce);
      if (this.issued.length > ISSUED_KEPT) this.issued.shift();
      // Before the command runs, stdin is not there yet: the nonce is written when it is.
      this.stdin?.write(`${nonce}\n`);
    });
  }

  /**
   * Stop the sampler on the host (the next sample starts another). Its stdin
   * ends, so its loop ends after the sample in hand — without the extra exec
   * a kill of its process group costs; one that never got its stdin is killed.
   */
  close(): void {
    this.stop(this.stdin === null);
  }

  private stop(kill: boolean): void {
    const waiting = this.pending;
    if (kill) this.abort?.abort();
    else this.stdin?.end();
    this.reset();
    for (const p of waiting) p.reject(new HostError(this.host.name, 'the resources sampler was stopped', 'closed'));
  }

  private ensureRunning(): void {
    if (this.running) return;
    const abort = new AbortController();
    this.abort = abort;
    this.noncePrefix = randomBytes(8).toString('hex');
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
          for (const p of this.pending) stdin.write(`${p.nonce}\n`);
        },
      })
      .then(
        (code) => this.ended(abort, `the resources sampler ended (exit ${code ?? 'killed'})`),
        (e: unknown) => this.ended(abort, e instanceof Error ? e.message : String(e)),
      );
  }

  private ended(abort: AbortController, why: string): void {
    if (this.abort !== abort) return; // an older sampler, already replaced
    const waiting = this.pending;
    this.reset();
    for (const p of waiting) p.reject(new HostError(this.host.name, why, 'io'));
  }

  private reset(): void {
    this.abort = null;
    this.running = null;
    this.stdin = null;
    this.buffered = '';
    this.decoder = new StringDecoder('utf8');
    this.pending = [];
    this.issued = [];
    // A new sampler prints every section again in its first sample.
    this.steady = new Map();
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
      // Only a whole line carrying a nonce we wrote ends a sample: a file's text cannot forge one.
      const line = this.buffered.slice(at, eol);
      const nonce = line.slice(END_PREFIX.length, -2);
      if ((at > 0 && this.buffered[at - 1] !== '\n') || line !== sampleEnd(nonce) || !this.issued.includes(nonce)) continue;
      const body = this.buffered.slice(0, at);
      this.buffered = this.buffered.slice(eol + 1);
      from = 0;
      const sections = this.withSteady(splitSections(body));
      // A sample whose poll was given up is dropped; its steady sections still count.
      this.pending.find((x) => x.nonce === nonce)?.resolve(sections);
    }
  }

  private withSteady(sections: Map<string, string>): Map<string, string> {
    for (const name of STEADY_SECTIONS) {
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
