import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HostState, HostStatus } from '../hosts/Host';
import type { ResourcesSnapshot, Snapshot } from './types';

/** Samples kept per host for sparklines: 150 × 2 s = the last five minutes. */
export const HISTORY_LEN = 150;

/** An unknown host key waiting for the operator's yes or no. */
export interface PendingHostKey {
  fingerprint: string;
  keyType: string;
}

export interface HostHistory {
  cpu: number[];
  memory: number[];
  load1: number[];
}

export interface HostEntry {
  name: string;
  tags: string[];
  production: boolean;
  /** "ops@10.0.0.5:22", "via bastion", or "local". */
  address: string;
  state: HostState;
  error: string | null;
  since: number;
  pendingHostKey: PendingHostKey | null;
  resources: Snapshot<ResourcesSnapshot>;
  history: HostHistory;
}

export interface LiveState {
  /** Hosts in config order. */
  order: string[];
  hosts: Record<string, HostEntry>;
  readOnly: boolean;
}

export type LiveStore = StoreApi<LiveState>;

export interface HostSeed {
  name: string;
  tags: string[];
  production: boolean;
  address: string;
}

const emptySnapshot = <T>(): Snapshot<T> => ({ data: null, updatedAt: null, error: null });

export function createLiveStore(seeds: HostSeed[], opts: { readOnly?: boolean } = {}): LiveStore {
  const hosts: Record<string, HostEntry> = {};
  for (const s of seeds) {
    hosts[s.name] = {
      ...s,
      state: 'idle',
      error: null,
      since: Date.now(),
      pendingHostKey: null,
      resources: emptySnapshot(),
      history: { cpu: [], memory: [], load1: [] },
    };
  }
  return createStore<LiveState>()(() => ({
    order: seeds.map((s) => s.name),
    hosts,
    readOnly: opts.readOnly ?? false,
  }));
}

function patchHost(store: LiveStore, name: string, patch: (h: HostEntry) => Partial<HostEntry>): void {
  const cur = store.getState().hosts[name];
  if (!cur) return;
  store.setState((s) => ({ hosts: { ...s.hosts, [name]: { ...cur, ...patch(cur) } } }));
}

function pushBounded(arr: number[], v: number): number[] {
  const next = arr.length >= HISTORY_LEN ? arr.slice(arr.length - HISTORY_LEN + 1) : arr.slice();
  next.push(v);
  return next;
}

export function setHostStatus(store: LiveStore, name: string, st: HostStatus): void {
  patchHost(store, name, (h) =>
    h.state === st.state && h.error === st.error ? {} : { state: st.state, error: st.error, since: st.since },
  );
}

export function setPendingHostKey(store: LiveStore, name: string, key: PendingHostKey | null): void {
  patchHost(store, name, () => ({ pendingHostKey: key }));
}

export function setResources(store: LiveStore, name: string, data: ResourcesSnapshot, at = Date.now()): void {
  patchHost(store, name, (h) => ({
    resources: { data, updatedAt: at, error: null },
    history: {
      cpu: data.cpuPercent === null ? h.history.cpu : pushBounded(h.history.cpu, data.cpuPercent),
      memory: pushBounded(h.history.memory, data.memoryPercent),
      load1: pushBounded(h.history.load1, data.load1),
    },
  }));
}

/** A failed poll keeps the last figures (marked stale by updatedAt) and records why. */
export function setResourcesError(store: LiveStore, name: string, error: string): void {
  patchHost(store, name, (h) => ({ resources: { ...h.resources, error } }));
}
