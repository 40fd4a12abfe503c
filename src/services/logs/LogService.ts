/**
 * The logs pane's service: which sources a host has (its containers, the
 * files its `logs:` globs match), and following the one source on screen —
 * only while the logs screen shows it. Lines go into that source's ring
 * buffer at any rate; the screen hears about them at most every flushMs
 * (k9s flushes every 50 ms), and at most every FLOOD_FLUSH_MS while the log
 * floods (tickDelayMs), so a flood costs a few frames per second, not one
 * per line.
 */
import type Dockerode from 'dockerode';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Host } from '../../hosts/Host';
import { inertStrings, inertText } from '../inertText';
import { followContainer, followFile, listLogFiles } from './followers';
import { DEFAULT_BUFFER_LINES, LogBuffer } from './LogBuffer';

export type LogSource = { kind: 'container'; host: string; id: string; name: string } | { kind: 'file'; host: string; path: string };

export function sourceKey(s: LogSource): string {
  return s.kind === 'container' ? `${s.host}\u0000c\u0000${s.id}` : `${s.host}\u0000f\u0000${s.path}`;
}

export function sourceLabel(s: LogSource): string {
  return s.kind === 'container' ? s.name : s.path;
}

export type FollowState = 'starting' | 'following' | 'ended' | 'error';

export interface LogsState {
  /** Log files per host, as its globs matched when last listed. */
  files: Record<string, { paths: string[]; error: string | null; at: number } | undefined>;
  /** The source being followed, and how that goes. */
  active: { key: string; source: LogSource; state: FollowState; error: string | null } | null;
  /** Moves when the active buffer got lines (throttled): what the screen subscribes to. */
  tick: number;
}

export interface LogServiceOptions {
  host: (name: string) => Host | undefined;
  /** The dockerode client of a host, if it has Docker configured. */
  docker: (host: string) => (() => Promise<Dockerode>) | undefined;
  globs: (host: string) => readonly string[];
  /** Lines kept per source (config logLines). */
  capacity?: number;
  flushMs?: number;
  /** Buffers kept for sources no longer on screen (least recently opened go first). */
  keepBuffers?: number;
}

/**
 * More lines than this between two ticks and the log floods: each frame
 * scrolls past more than a screenful, faster than anyone reads, and a frame
 * is the cockpit's dearest work (Ink lays out and re-encodes the whole screen).
 */
export const FLOOD_LINES = 50;
/** A flooding log's ticks are this far apart: two frames a second show that it flows, and what its newest lines say. */
export const FLOOD_FLUSH_MS = 500;

/** The wait before the next tick: flushMs, or FLOOD_FLUSH_MS after a tick that carried a flood's lines. */
export function tickDelayMs(linesInLastTick: number, flushMs: number): number {
  return linesInLastTick > FLOOD_LINES ? Math.max(flushMs, FLOOD_FLUSH_MS) : flushMs;
}

/** History fetched when a source opens: enough to fill a screen many times, not the whole log. */
const INITIAL_TAIL = 1000;
const MAX_RETRY_MS = 5000;

export class LogService {
  readonly store: StoreApi<LogsState> = createStore<LogsState>()(() => ({ files: {}, active: null, tick: 0 }));
  private buffers = new Map<string, LogBuffer>();
  private follow: { key: string; ctl: AbortController } | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private dirty = false;
  /** Lines since the last tick, and in the tick before (what sets the next wait). */
  private pending = 0;
  private lastTickLines = 0;
  /** No tick before this (ms, Date.now()): a key's frame is drawing. */
  private quietUntil = 0;

  constructor(private readonly opts: LogServiceOptions) {}

  get capacity(): number {
    return this.opts.capacity ?? DEFAULT_BUFFER_LINES;
  }

  buffer(key: string): LogBuffer | undefined {
    return this.buffers.get(key);
  }

  /** Every buffer held now (tests and the bench assert their bound). */
  allBuffers(): LogBuffer[] {
    return [...this.buffers.values()];
  }

  /** Lists the host's log files (one exec); the result lands in the store. */
  async refreshFiles(host: string): Promise<void> {
    const h = this.opts.host(host);
    if (!h) return;
    try {
      const paths = await listLogFiles(h, this.opts.globs(host));
      this.setFiles(host, { paths, error: null, at: Date.now() });
    } catch (e) {
      const prev = this.store.getState().files[host];
      this.setFiles(host, { paths: prev?.paths ?? [], error: e instanceof Error ? e.message : String(e), at: Date.now() });
    }
  }

  /** File names and errors come from the host: inert on the screen (a name with control characters cannot then be followed). */
  private setFiles(host: string, v: NonNullable<LogsState['files'][string]>): void {
    const safe = inertStrings(v);
    this.store.setState((s) => ({ files: { ...s.files, [host]: safe } }));
  }

  /** Follows this source (and stops any other). Opening the one already followed changes nothing. */
  open(source: LogSource): void {
    const key = sourceKey(source);
    if (this.follow?.key === key) return;
    this.close();
    let buf = this.buffers.get(key);
    if (buf) {
      // Fresh history on every open: a gap while the screen was away would otherwise be silent.
      buf.clear();
      this.buffers.delete(key);
    } else {
      buf = new LogBuffer(this.capacity);
    }
    this.buffers.set(key, buf);
    this.evict();
    const ctl = new AbortController();
    this.follow = { key, ctl };
    this.pending = 0;
    this.lastTickLines = 0;
    this.store.setState({ active: { key, source, state: 'starting', error: null } });
    void this.run(source, key, buf, ctl.signal);
  }

  /** Stops following (the logs screen is hidden). The buffer stays for a while. */
  close(): void {
    if (!this.follow) return;
    this.follow.ctl.abort();
    this.follow = null;
    this.store.setState({ active: null });
  }

  stop(): void {
    this.close();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  private evict(): void {
    const keep = this.opts.keepBuffers ?? 4;
    for (const k of this.buffers.keys()) {
      if (this.buffers.size <= keep) break;
      if (k !== this.follow?.key) this.buffers.delete(k);
    }
  }

  private setState(key: string, state: FollowState, given: string | null): void {
    const error = given === null ? null : inertText(given);
    const a = this.store.getState().active;
    if (a?.key !== key || (a.state === state && a.error === error)) return;
    this.store.setState({ active: { ...a, state, error } });
  }

  /**
   * The screen changed on a key (pause, follow, filter…): the next tick waits
   * one flush interval, so the key's frame is not pushed back by the log's.
   * Frames are throttled to maxFps, and a log tick right after a key would
   * take the next frame's slot and leave the key's frame waiting behind it.
   */
  yieldToKeys(): void {
    this.quietUntil = Date.now() + (this.opts.flushMs ?? 100);
  }

  private lines(): void {
    this.dirty = true;
    this.pending++;
    if (this.flushTimer) return;
    this.schedule(tickDelayMs(this.lastTickLines, this.opts.flushMs ?? 100));
  }

  private schedule(ms: number): void {
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      if (!this.dirty) return;
      const wait = this.quietUntil - Date.now();
      if (wait > 0) return this.schedule(wait);
      this.dirty = false;
      this.lastTickLines = this.pending;
      this.pending = 0;
      this.store.setState((s) => ({ tick: s.tick + 1 }));
    }, ms);
  }

  /** Follows until aborted; a stream that ends (container stopped, connection lost) is picked up again. */
  private async run(source: LogSource, key: string, buf: LogBuffer, signal: AbortSignal): Promise<void> {
    let first = true;
    let delay = 500;
    let lastTs: number | undefined;
    const sink = (text: string, ts: number, stream: 'out' | 'err') => {
      // A re-follow from `since` repeats the lines of that very instant.
      if (lastTs !== undefined && source.kind === 'container' && ts <= lastTs) return;
      // Where the log's bytes, decoded, become lines on screen: only inert text goes into the ring.
      buf.push(inertText(text), ts, stream);
      this.lines();
    };
    let resumeAt: number | undefined;
    while (!signal.aborted) {
      const host = this.opts.host(source.host);
      const began = Date.now();
      try {
        if (!host) throw new Error(`no host ${source.host}`);
        if (host.status().state !== 'connected') throw new Error(`${source.host} is not connected`);
        this.setState(key, 'following', null);
        const tail = first ? Math.min(INITIAL_TAIL, this.capacity) : 0;
        if (source.kind === 'container') {
          const docker = this.opts.docker(source.host);
          if (!docker) throw new Error(`no Docker configured on ${source.host}`);
          first = false;
          await followContainer(await docker(), source.id, { tail, sinceMs: resumeAt, signal }, sink);
        } else {
          first = false;
          const code = await followFile(host, source.path, { tail, signal }, sink);
          if (code !== null && code !== 0 && !signal.aborted) throw new Error(`tail exited with ${code}`);
        }
        if (signal.aborted) break;
        this.setState(key, 'ended', source.kind === 'container' ? 'the container stopped; following again when it runs' : 'the stream ended; reconnecting');
      } catch (e) {
        if (signal.aborted) break;
        this.setState(key, 'error', e instanceof Error ? e.message : String(e));
      }
      // A stream that ran a while ended for a reason of its own (a restart): retry soon.
      if (Date.now() - began > 5000) delay = 500;
      lastTs = buf.last()?.ts ?? lastTs;
      resumeAt = lastTs;
      await new Promise<void>((r) => {
        const t = setTimeout(r, delay);
        signal.addEventListener('abort', () => (clearTimeout(t), r()), { once: true });
      });
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }
}
