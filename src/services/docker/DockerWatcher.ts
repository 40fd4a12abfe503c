/**
 * One host's Docker engine, kept live: Docker's event stream (reconnecting
 * by itself) triggers a refresh as soon as a container changes, and a slow
 * periodic refresh (the monitor's poller) is the safety net. A refresh is one
 * list call; inspect (restart count, start time, why unhealthy) runs only for
 * containers that are new or changed. Everything goes through the host's own
 * connection (dockerClient.ts).
 */
import { setMaxListeners } from 'node:events';
import type Dockerode from 'dockerode';
import type { Host } from '../../hosts/Host';
import type { LiveStore } from '../liveStore';
import { containerFrom, detailsFromInspect, healthFromStatus, sortContainers, type InspectDetails, type ListEntry } from './containers';
import { dockerFor } from './dockerClient';
import { DockerFailureDescriber, isHttpError } from './dockerErrors';
import { EventLines, WATCHED_EVENTS } from './eventLines';
import { setContainerStats, setServices, setServicesError, setServicesEvents } from './servicesStore';
import { readStats, type CpuSample } from './statsMath';
import {
  DAEMON_RETRY_MAX_MS,
  DOCKER_QUIET_REFRESH_MS,
  DOCKER_UNSHOWN_REFRESH_MS,
  NEVER_SEEN_ENGINE_RETRY_MS,
  NEVER_SEEN_FIRST_RETRY_MS,
  UNCONFIGURED_ENGINE_FIRST_TRY_MS,
} from '../refreshTiming';

export interface DockerWatcherOptions {
  store: LiveStore;
  /** While events are live, the periodic list runs only this often while the services screen shows the host… */
  quietRefreshMs?: number;
  /** …and this often while it does not. */
  unshownRefreshMs?: number;
  /** Longest wait between event-stream reconnects (also how soon a restarted dockerd is seen). */
  maxBackoffMs?: number;
  /**
   * The same, for an engine never reached since start (a host without Docker):
   * retrying it every few seconds is an SSH channel each time, for nothing.
   */
  neverSeenBackoffMs?: number;
  /** The host's `docker:` is in the config: an engine belongs here, and is retried as one seen before. */
  engineExpected?: boolean;
  /** How long after its host connects an engine not expected is first tried (UNCONFIGURED_ENGINE_FIRST_TRY_MS). */
  firstTryMs?: number;
  /** The SSH login user, named in a permission hint. */
  user?: string | null;
}

const CALL_TIMEOUT_MS = 10_000;
/** restart/stop wait up to Docker's 10 s stop timeout, then kill. */
const ACTION_TIMEOUT_MS = 30_000;
const DEBOUNCE_MS = 100;
/**
 * Longest wait between attempts to reach an engine that answered before (or
 * is configured): the engine-down alert and the services screen depend on
 * it, so a dockerd that comes back is seen within this.
 */
export const ENGINE_RETRY_MAX_MS = DAEMON_RETRY_MAX_MS;

interface Cached {
  d: InspectDetails;
  state: string;
  at: number;
}

/**
 * What makes inspected details stale without an event: the state, and the
 * health in the list's status — a container that turns unhealthy stays
 * "running", and its healthcheck output (why) is only in inspect.
 */
const detailsKey = (e: ListEntry) => `${e.State ?? ''}|${healthFromStatus(e.Status ?? '') ?? ''}`;

/** Without events a restart (running → running) shows only in inspect: re-read details this often. */
const STALE_DETAILS_MS = 30_000;

export class DockerWatcher {
  private docker: Promise<Dockerode> | null = null;
  private details = new Map<string, Cached>();
  private refreshing: Promise<void> | null = null;
  private again = false;
  private lastRefresh = 0;
  private engine: string | null = null;
  private eventsLive = false;
  /** The services screen shows this host. */
  private shown = false;
  private everLive = false;
  /**
   * The event stream could not even reach an engine never seen since start (no
   * socket, refused): its loop keeps retrying and says why, and the periodic
   * list stays quiet meanwhile — two probes of a missing socket are twice the
   * SSH channels for the same answer. An engine that answers with an HTTP
   * error (a socket proxy that forbids events) is listed by the poller as usual.
   */
  private unreachable = false;
  /**
   * The event loop's first try to reach the engine has ended. Until then the
   * periodic list does not try on its own: at start both would open a channel
   * to the same socket, and both say why it failed.
   */
  private tried = false;
  private stopped = true;
  private abort = new AbortController();
  private debounce: NodeJS.Timeout | null = null;
  private wakeLoop: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private prevCpu = new Map<string, CpuSample>();
  private readonly words: DockerFailureDescriber;

  constructor(
    readonly host: Host,
    readonly socket: string,
    private readonly opts: DockerWatcherOptions,
  ) {
    this.words = new DockerFailureDescriber(host, socket, opts.user ?? null);
  }

  /**
   * A signal for one round of calls: aborted after CALL_TIMEOUT_MS or on stop().
   * (Not AbortSignal.any over the watcher's long-lived signal: a cockpit left
   * open for hours must not collect a listener per refresh.)
   */
  private callSignal(): { signal: AbortSignal; done: () => void } {
    const ctl = new AbortController();
    // Every request of the round listens on it (an inspect per container).
    setMaxListeners(200, ctl.signal);
    const onStop = () => ctl.abort(new Error('stopped'));
    const t = setTimeout(() => ctl.abort(new Error(`no answer within ${CALL_TIMEOUT_MS / 1000} s`)), CALL_TIMEOUT_MS);
    this.abort.signal.addEventListener('abort', onStop, { once: true });
    return {
      signal: ctl.signal,
      done: () => {
        clearTimeout(t);
        this.abort.signal.removeEventListener('abort', onStop);
      },
    };
  }

  /** The dockerode client over this host's connection (logs use it too). */
  client(): Promise<Dockerode> {
    this.docker ??= dockerFor(this.host, this.socket);
    return this.docker;
  }

  /** Starts following the event stream; it waits while the host is not connected. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.abort = new AbortController();
    this.unsubscribe = this.host.onStatus((st) => {
      if (st.state === 'connected') this.wakeLoop?.();
    });
    void this.eventLoop();
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.wakeLoop?.();
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = null;
  }

  /** Whether the services screen shows this host: its list is read more often then (pollEveryMs). */
  setShown(shown: boolean): void {
    this.shown = shown;
  }

  private quietMs(): number {
    return this.shown ? (this.opts.quietRefreshMs ?? DOCKER_QUIET_REFRESH_MS) : (this.opts.unshownRefreshMs ?? DOCKER_UNSHOWN_REFRESH_MS);
  }

  /**
   * How often the monitor's poll has work to do: every refresh while the list
   * depends on it; only the quiet refresh while events keep the list current,
   * or while the event loop retries an engine never reached (poll() skips
   * both). A timer per refresh that finds nothing to do still wakes an idle
   * cockpit, which otherwise wakes only for its hosts' samples.
   */
  pollEveryMs(refreshMs: number): number {
    const quiet = this.eventsLive || (this.unreachable && !this.everLive);
    return quiet ? Math.max(refreshMs, this.quietMs()) : refreshMs;
  }

  /**
   * The monitor's periodic poll: a list call, skipped while events keep the
   * list current, and before the event loop's first try has ended.
   */
  async poll(): Promise<void> {
    if (!this.tried && !this.stopped) return;
    if (this.eventsLive && Date.now() - this.lastRefresh < this.quietMs()) return;
    if (this.unreachable && !this.everLive) return;
    await this.refresh();
  }

  /** Lists the containers now; concurrent requests share one refresh and one more after it. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.again = false;
          await this.refreshOnce();
        } while (this.again && !this.stopped);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  private async refreshOnce(): Promise<void> {
    const { signal, done } = this.callSignal();
    try {
      const d = await this.client();
      if (this.engine === null) {
        // dockerode takes an abort signal here too; its types do not say so.
        const v = await (d as unknown as { version(o: object): Promise<{ Version?: string }> }).version({ abortSignal: signal });
        this.engine = v.Version ?? null;
      }
      const list = (await d.listContainers({ all: true, abortSignal: signal })) as ListEntry[];
      const now = Date.now();
      const need = list.filter((e) => {
        const c = this.details.get(e.Id);
        return !c || c.state !== detailsKey(e) || (!this.eventsLive && now - c.at > STALE_DETAILS_MS);
      });
      // A few at a time: each inspect is a channel on the host's one connection.
      for (let i = 0; i < need.length; i += 4) {
        await Promise.all(need.slice(i, i + 4).map((e) => this.inspect(d, e, signal)));
      }
      const ids = new Set(list.map((e) => e.Id));
      for (const id of this.details.keys()) if (!ids.has(id)) this.details.delete(id);
      setServices(this.opts.store, this.host.name, this.engine, sortContainers(list.map((e) => containerFrom(e, this.details.get(e.Id)?.d))), this.eventsLive);
      this.lastRefresh = Date.now();
    } catch (e) {
      this.engine = null;
      if (!this.stopped) setServicesError(this.opts.store, this.host.name, await this.words.describe(e, this.neverSeenNorExpected()));
      throw e;
    } finally {
      done();
    }
  }

  private async inspect(d: Dockerode, e: ListEntry, signal: AbortSignal): Promise<void> {
    try {
      const info = await d.getContainer(e.Id).inspect({ abortSignal: signal });
      this.details.set(e.Id, { d: detailsFromInspect(info), state: detailsKey(e), at: Date.now() });
    } catch (err) {
      // Removed between list and inspect: the next refresh will not list it.
      if (isHttpError(err) && err.statusCode === 404) return;
      throw err;
    }
  }

  /** An event about a container: its details are stale; refresh soon (events come in bursts). */
  private changed(id: string): void {
    this.details.delete(id);
    if (this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.refresh().catch(() => {});
    }, DEBOUNCE_MS);
  }

  private setLive(live: boolean): void {
    if (this.eventsLive === live) return;
    this.eventsLive = live;
    setServicesEvents(this.opts.store, this.host.name, live);
  }

  private sleep(ms: number | null): Promise<void> {
    return new Promise((resolve) => {
      let t: NodeJS.Timeout | null = null;
      const done = () => {
        if (t) clearTimeout(t);
        this.wakeLoop = null;
        resolve();
      };
      this.wakeLoop = done;
      if (ms !== null) t = setTimeout(done, ms);
    });
  }

  /** Follows /events until stopped; after a drop, refreshes (which records why) and retries with backoff. */
  private async eventLoop(): Promise<void> {
    let delay = 500;
    let waited = this.opts.engineExpected === true;
    while (!this.stopped) {
      if (this.host.status().state !== 'connected') {
        await this.sleep(null);
        continue;
      }
      if (!waited) {
        // An engine nobody configured: the host's first figures go first.
        waited = true;
        await this.sleep(this.opts.firstTryMs ?? UNCONFIGURED_ENGINE_FIRST_TRY_MS);
        continue;
      }
      const ended = await (this.unreachable && !this.everLive ? this.probeThenFollow() : this.followEvents()).catch(async (e: unknown) => {
        this.tried = true;
        this.unreachable = !isHttpError(e);
        if (this.unreachable && !this.everLive && !this.stopped) {
          setServicesError(this.opts.store, this.host.name, await this.words.describe(e, this.neverSeenNorExpected()));
        }
        return false;
      });
      this.setLive(false);
      if (this.stopped) break;
      if (ended) {
        delay = 500;
        // The engine went away (or restarted): say why now, not at the next poll.
        await this.refresh().catch(() => {});
      }
      // A stream that never opened: the monitor's poll has recorded why; just try again.
      // An engine neither seen nor configured is tried again at the slow pace from the start.
      const seenOrExpected = this.everLive || this.opts.engineExpected === true;
      const cap = seenOrExpected ? (this.opts.maxBackoffMs ?? ENGINE_RETRY_MAX_MS) : (this.opts.neverSeenBackoffMs ?? NEVER_SEEN_ENGINE_RETRY_MS);
      if (!seenOrExpected) delay = Math.max(delay, Math.min(cap, NEVER_SEEN_FIRST_RETRY_MS));
      await this.sleep(delay);
      delay = Math.min(delay * 2, cap);
    }
  }

  /** An engine nobody configured that never answered: its failure is described with the long memory. */
  private neverSeenNorExpected(): boolean {
    return !this.everLive && this.opts.engineExpected !== true;
  }

  /**
   * An engine not reached yet is probed with a bare channel to its socket
   * first: on a host without Docker every retry would otherwise build a whole
   * HTTP request through dockerode to learn the same thing, and at a hundred
   * hosts those retries come together. Rejects with the channel's error.
   */
  private async probeThenFollow(): Promise<boolean> {
    const s = await this.host.openUnix(this.socket);
    s.destroy();
    return this.followEvents();
  }

  /** Resolves true when a stream that had been live ended, false when it never opened. */
  private async followEvents(): Promise<boolean> {
    const d = await this.client();
    const stream = (await d.getEvents({
      filters: { type: ['container'], event: WATCHED_EVENTS },
      abortSignal: this.abort.signal,
    } as Dockerode.GetEventsOptions)) as NodeJS.ReadableStream & { destroy(): void };
    this.tried = true;
    this.setLive(true);
    this.everLive = true;
    this.unreachable = false;
    // The stream is open: anything may have changed while it was not (a restart keeps the state "running").
    this.details.clear();
    this.refresh().catch(() => {});
    const lines = new EventLines();
    return new Promise<boolean>((resolve) => {
      const end = () => {
        stream.destroy();
        resolve(true);
      };
      stream.on('data', (chunk: Buffer) => {
        for (const ev of lines.push(chunk)) this.changed(ev.id);
      });
      stream.on('end', end);
      stream.on('close', end);
      stream.on('error', end);
      if (this.stopped) end();
    });
  }

  /** restart / stop / start one container; resolves when Docker has done it. */
  async act(action: 'restart' | 'stop' | 'start', id: string): Promise<void> {
    const d = await this.client();
    const c = d.getContainer(id);
    const abortSignal = AbortSignal.timeout(ACTION_TIMEOUT_MS);
    try {
      if (action === 'restart') await c.restart({ abortSignal });
      else if (action === 'stop') await c.stop({ abortSignal });
      else await c.start({ abortSignal });
    } catch (e) {
      // 304: already stopped / already started — the wanted state holds.
      if (!(isHttpError(e) && e.statusCode === 304)) throw e;
    } finally {
      this.details.delete(id);
      await this.refresh().catch(() => {});
    }
  }

  /** One-shot stats of every running container (only while the services screen shows this host). */
  async stats(): Promise<void> {
    const data = this.opts.store.getState().hosts[this.host.name]?.services.data;
    const running = (data?.containers ?? []).filter((c) => c.state === 'running').map((c) => c.id);
    const d = await this.client();
    const { signal, done } = this.callSignal();
    try {
      setContainerStats(this.opts.store, this.host.name, await readStats(d, running, this.prevCpu, signal));
    } finally {
      done();
    }
  }
}
