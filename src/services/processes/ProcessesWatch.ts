/**
 * The processes of one host, live, while the processes screen shows it: one
 * long-lived command on one channel (processesStreamCommand) printing a
 * reading every interval, parsed as it arrives. Nothing runs on any host
 * while no one watches: `watch(null)` (the screen closed) ends the stream.
 */
import { StringDecoder } from 'node:string_decoder';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Host } from '../../hosts/Host';
import { inertLine } from '../inertText';
import type { ProcessInfo } from './ProcessInfo';
import { splitReadings, withCurrentCpu, type ProcessesReading } from './processesReading';
import { processesStreamCommand } from './processesScript';

export interface ProcessesState {
  /** The host being read, or null when nothing is watched. */
  host: string | null;
  /** The latest reading; null until the first arrives. */
  processes: ProcessInfo[] | null;
  /** When it arrived (ms since epoch). */
  readAt: number | null;
  /** Why the stream ended or gives nothing, in words; null while all is well. */
  error: string | null;
}

export type ProcessesStore = StoreApi<ProcessesState>;

const IDLE: ProcessesState = { host: null, processes: null, readAt: null, error: null };

/** Longest partial reading kept between chunks: a host printing without markers cannot grow it forever. */
const MAX_PENDING_CHARS = 8 * 1024 * 1024;

/** A process as the screen may show it: its host-supplied text made inert, each field one line. */
function inertProcess(p: ProcessInfo): ProcessInfo {
  const user = inertLine(p.user);
  const state = inertLine(p.state);
  const command = inertLine(p.command);
  return user === p.user && state === p.state && command === p.command ? p : { ...p, user, state, command };
}

export class ProcessesWatch {
  readonly store: ProcessesStore = createStore<ProcessesState>()(() => IDLE);
  private current: { host: string; abort: AbortController } | null = null;

  constructor(
    private readonly hosts: ReadonlyMap<string, Host>,
    private readonly intervalSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Read this host's processes from now on (null: none). Watching the same host again changes nothing. */
  watch(name: string | null): void {
    if (this.current?.host === name) return;
    this.current?.abort.abort();
    this.current = null;
    const host = name === null ? undefined : this.hosts.get(name);
    if (name === null || !host) {
      this.store.setState(name === null ? IDLE : { ...IDLE, host: name, error: `${name}: no such host` }, true);
      return;
    }
    const abort = new AbortController();
    this.current = { host: name, abort };
    this.store.setState({ ...IDLE, host: name }, true);
    void this.run(host, abort.signal);
  }

  stop(): void {
    this.watch(null);
  }

  private async run(host: Host, signal: AbortSignal): Promise<void> {
    let pending = '';
    // A character cut between two chunks is joined, not turned into U+FFFD.
    const decoder = new StringDecoder('utf8');
    let previous: ProcessesReading | null = null;
    const live = () => !signal.aborted;
    try {
      await host.connect();
      if (!live()) return;
      const code = await host.stream(processesStreamCommand(this.intervalSeconds), {
        signal,
        onStdout: (chunk) => {
          if (!live()) return;
          const { readings, rest } = splitReadings(pending + decoder.write(chunk));
          pending = rest.length > MAX_PENDING_CHARS ? '' : rest;
          const last = readings.at(-1);
          if (!last) return;
          const before = readings.length > 1 ? readings.at(-2)! : previous;
          previous = last;
          const processes = withCurrentCpu(before, last).map(inertProcess);
          this.store.setState({
            processes,
            readAt: this.now(),
            error: processes.length === 0 ? `${host.name}: ps printed no processes (is it procps ps?)` : null,
          });
        },
      });
      if (live()) this.store.setState({ error: `${host.name}: the processes reading ended (exit ${code ?? 'killed'})` });
    } catch (e) {
      if (live()) this.store.setState({ error: inertLine(e instanceof Error ? e.message : String(e)) });
    }
  }
}
