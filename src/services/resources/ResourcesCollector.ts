import { nodeCrypto } from '../../hosts/lazyBuiltins';
import { HostError, type Host } from '../../hosts/Host';
import type { ResourcesSnapshot } from '../types';
import { LocalResourcesSampler } from './localResources';
import { parseResourcesBatch, parseResourcesSections, steadyParsers, type BatchResult } from './parseResourcesBatch';
import type { CpuSample } from './parseProcStat';
import type { IoSample } from './ioRates';
import { remoteBatchCommand, remoteResourcesCommandWithBatch } from './remoteResourcesCommand';
import { ResourcesSampler } from './ResourcesSampler';
import type { BatchedCommandQueue, TakenCommand } from './BatchedCommandQueue';
import { batchedCommandEnv, batchedCommandTimeout, splitBatchOutput } from './batchedCommandScript';

export interface ResourcesCollectorOptions {
  /** Longest a remote poll may take; df alone is bounded at 5 s on the host. */
  timeoutMs?: number;
  /**
   * Commands other services want run on this host run batched in the poll (a
   * remote host only: a local one has no exec to save). The collector attaches
   * as the queue's poller; a command waits at most batchWaitMs for a poll.
   */
  batchQueue?: BatchedCommandQueue;
  batchWaitMs?: number;
  /**
   * Sample through one long-lived exec that the host clocks every
   * samplerPeriodMs (ResourcesSampler) instead of an exec per poll: for a
   * cockpit polling for hours. A poll then waits for the host's next sample
   * (the collector is `hostClocked`). Queued commands go in an exec of their own, in
   * the wakeup of the sample that finds them, since their values travel in
   * its environment.
   */
  samplerPeriodMs?: number;
}

export const DEFAULT_RESOURCES_TIMEOUT_MS = 10_000;
/** What an exec of commands alone may take beyond the commands' own bounds. */
const BATCH_SLACK_MS = 5_000;

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

/**
 * The resources figures of one host, one poll at a time. It keeps the previous
 * CPU, network and disk counters between polls, because CPU % and I/O rates
 * are differences of two readings.
 * Remote hosts cost at most one exec per poll: with a sampler, none (the
 * long-lived ResourcesSampler answers), beside one exec for whatever commands
 * other services queued for the host since the last sample (BatchedCommandQueue: the
 * alerts' host facts); without, the poll's one exec batches them.
 */
export class ResourcesCollector {
  private prevCpu: CpuSample | null = null;
  private prevIo: IoSample | null = null;
  /** Which poll produced prevCpu, and how many polls have started. */
  private prevSeq = 0;
  private seq = 0;
  private local: LocalResourcesSampler | null = null;
  private readonly timeoutMs: number;
  private batchQueue: BatchedCommandQueue | null = null;
  private detachBatch: (() => void) | null = null;
  private readonly sampler: ResourcesSampler | null;
  private readonly parsers = steadyParsers();
  /** A sample came from the sampler since the collector started. */
  private sampled = false;

  constructor(
    private readonly host: Host,
    opts: ResourcesCollectorOptions = {},
  ) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_RESOURCES_TIMEOUT_MS;
    this.sampler = opts.samplerPeriodMs !== undefined && host.kind !== 'local' ? new ResourcesSampler(host, { periodMs: opts.samplerPeriodMs }) : null;
    if (opts.batchQueue && host.kind !== 'local') {
      this.batchQueue = opts.batchQueue;
      this.detachBatch = opts.batchQueue.attach(opts.batchWaitMs ?? 2 * this.timeoutMs);
    }
  }

  /** Polls wait for the host's own clock (see ResourcesSampler); run them back to back. */
  get hostClocked(): boolean {
    return this.sampler !== null;
  }

  /** Not polled for now: the sampler, if any, stops on the host until the next poll. */
  idle(): void {
    this.sampler?.close();
  }

  /** Stop batching commands: waiting ones are told to run themselves. */
  close(): void {
    this.sampler?.close();
    this.detachBatch?.();
    this.detachBatch = null;
    this.batchQueue = null;
  }

  async poll(signal?: AbortSignal): Promise<ResourcesSnapshot> {
    if (signal?.aborted) throw abortError(signal);
    if (this.host.kind === 'local') {
      this.local ??= new LocalResourcesSampler();
      const snap = await this.local.sample(this.host.name);
      if (signal?.aborted) throw abortError(signal);
      return snap;
    }
    return this.pollRemote(signal);
  }

  private async pollRemote(signal?: AbortSignal): Promise<ResourcesSnapshot> {
    if (this.sampler) return this.pollSampler(this.sampler, signal);
    const taken = this.batchQueue?.take() ?? [];
    try {
      return await this.pollRemoteWithBatch(taken, signal);
    } finally {
      // Whatever became of the poll, no command is left waiting: null sends it to its own exec.
      for (const t of taken) t.settle(null);
    }
  }

  private async pollRemoteWithBatch(taken: readonly TakenCommand[], signal?: AbortSignal): Promise<ResourcesSnapshot> {
    const name = this.host.name;
    const seq = ++this.seq;
    const nonce = taken.length > 0 ? nodeCrypto().randomBytes(8).toString('hex') : '';
    const env =
      taken.length > 0
        ? batchedCommandEnv(
            nonce,
            taken.map((t) => t.command),
          )
        : undefined;
    // The commands' own bounds come on top of the poll's.
    const timeoutMs = this.timeoutMs + taken.reduce((s, t) => s + batchedCommandTimeout(t.command) * 1000, 0);
    const res = await this.host.exec(remoteResourcesCommandWithBatch(taken.length), { timeoutMs, signal, env });
    const { resources: stdout, results } = splitBatchOutput(res.stdout, nonce, taken.length);
    taken.forEach((t, i) => t.settle(results[i] ?? null));
    if (signal?.aborted) throw abortError(signal);
    if (res.timedOut) throw new HostError(name, `resources poll timed out after ${timeoutMs} ms`, 'timeout');
    if (stdout.trim() === '') {
      const why = res.stderr.trim() || 'no output';
      throw new HostError(name, `resources command failed (exit ${res.code ?? 'killed'}): ${why}`, 'io');
    }
    return this.snapshot(
      seq,
      () => parseResourcesBatch(stdout, { prev: this.prevCpu, prevIo: this.prevIo, fallbackHostname: name, parsers: this.parsers }),
      res.stderr.trim(),
    );
  }

  private async pollSampler(sampler: ResourcesSampler, signal?: AbortSignal): Promise<ResourcesSnapshot> {
    const seq = ++this.seq;
    const sections = await sampler.sample(this.timeoutMs, signal);
    // The queued commands go with the next sample, not a sampler's first: at
    // start that wakeup is the host's first figures, while other hosts of the
    // fleet are still connecting, and their exec would be one more session on
    // the host beside theirs.
    if (this.sampled) this.runBatch();
    this.sampled = true;
    return this.snapshot(
      seq,
      () => parseResourcesSections(sections, { prev: this.prevCpu, prevIo: this.prevIo, fallbackHostname: this.host.name, parsers: this.parsers }),
      '',
    );
  }

  /**
   * The commands queued since the last sample, in one exec of their own started
   * in this sample's wakeup; the poll does not wait for it. Every command is
   * settled, null when the exec failed or its output was cut short.
   */
  private runBatch(): void {
    const taken = this.batchQueue?.take() ?? [];
    if (taken.length === 0) return;
    const nonce = nodeCrypto().randomBytes(8).toString('hex');
    const timeoutMs = taken.reduce((s, t) => s + batchedCommandTimeout(t.command) * 1000, BATCH_SLACK_MS);
    let env: Record<string, string>;
    try {
      env = batchedCommandEnv(
        nonce,
        taken.map((t) => t.command),
      );
    } catch {
      for (const t of taken) t.settle(null);
      return;
    }
    this.host.exec(remoteBatchCommand(taken.length), { timeoutMs, env }).then(
      (res) => {
        const { results } = splitBatchOutput(res.stdout, nonce, taken.length);
        taken.forEach((t, i) => t.settle(results[i] ?? null));
      },
      () => {
        for (const t of taken) t.settle(null);
      },
    );
  }

  private snapshot(seq: number, parse: () => BatchResult, stderr: string): ResourcesSnapshot {
    let parsed;
    try {
      parsed = parse();
    } catch (e) {
      throw new HostError(this.host.name, `cannot read resources: ${(e as Error).message}${stderr ? ` (${stderr})` : ''}`, 'io');
    }
    // A poll the monitor abandoned may finish after a newer one: never step the
    // baseline back in time. Counters that went backwards in a newer poll mean
    // a reboot, and that newer sample is the right new baseline.
    if ((parsed.cpuSample || parsed.ioSample) && seq > this.prevSeq) {
      this.prevCpu = parsed.cpuSample ?? this.prevCpu;
      this.prevIo = parsed.ioSample ?? this.prevIo;
      this.prevSeq = seq;
    }
    return parsed.snapshot;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(abortError(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * One-shot figures for headless use (`riskctl status`): two polls gapMs apart,
 * so CPU % is known. The second snapshot is returned.
 */
export async function collectResourcesTwice(
  host: Host,
  gapMs: number,
  opts: ResourcesCollectorOptions & { signal?: AbortSignal } = {},
): Promise<ResourcesSnapshot> {
  const collector = new ResourcesCollector(host, opts);
  await collector.poll(opts.signal);
  await sleep(gapMs, opts.signal);
  return collector.poll(opts.signal);
}
