import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HostState, HostStatus } from '../hosts/Host';
import { History } from './history';
import { inertStrings } from './inertText';
import type { DiskIo, InterfaceIo, ResourcesSnapshot, Snapshot } from './types';
import type { BackupsSnapshot, DatabaseSnapshot } from './database/types';
import type { HealthResult, ServicesSnapshot } from './docker/types';

/** Samples kept per host for sparklines: 150 × 2 s = the last five minutes. */
export const HISTORY_LEN = 150;

/** An unknown host key waiting for the operator's yes or no. */
export interface PendingHostKey {
  fingerprint: string;
  keyType: string;
}

/**
 * A host's histories. They are appended to in place, once per sample
 * (setResources): the entry is new at every sample, the histories are the
 * same objects, read with toArray by the screen that draws them.
 */
export interface HostHistory {
  cpu: History;
  memory: History;
  load1: History;
  /** Per interface: received plus sent bytes/s, the interfaces of the last poll only. */
  network?: NamedHistory[];
  /** Per whole disk: busy %. */
  diskBusy?: NamedHistory[];
}

/** The history of one interface or device (a list, not a record: a name is the host's and may be any text). */
export interface NamedHistory {
  name: string;
  values: History;
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
  /** "user@host:port/db" of the host's PostgreSQL, null when it has no `postgres:`. */
  databaseTarget: string | null;
  database: Snapshot<DatabaseSnapshot>;
  /** Newest file of the host's backups folder (read with the database pane). */
  backups: Snapshot<BackupsSnapshot>;
  /** The host's `docker:` is written in the config: an engine is expected there (its absence is an alert). */
  dockerConfigured: boolean;
  /** Docker containers; its error says why the engine cannot be read. Setters: docker/servicesStore.ts. */
  services: Snapshot<ServicesSnapshot>;
  /** The host's health endpoints, checked on the host. */
  health: Snapshot<HealthResult[]>;
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
  databaseTarget?: string | null;
  dockerConfigured?: boolean;
  /**
   * What the host shows until it reports its own state: 'connecting' in the
   * cockpit, whose fleet connects every host right after the first frame
   * (so the first frame does not say 'idle' for a host about to connect).
   */
  state?: HostState;
}

const emptySnapshot = <T>(): Snapshot<T> => ({ data: null, updatedAt: null, error: null });

type Patch = [host: string, patch: (h: HostEntry) => Partial<HostEntry>];

interface Batch {
  ms: number;
  roundMs: number;
  queue: Patch[];
  /** When the queue must be applied at the latest: the earliest bound of what it holds. */
  due: number;
  timer: NodeJS.Timeout | null;
  /** When the armed timer fires. */
  timerDue: number;
  arming: boolean;
}

/**
 * How long an update may wait in the batch: `event` for a change of its own
 * (a state, an error, a container), `round` for a poll round's figures, whose
 * round normally ends sooner (flushLiveStore from Monitor's onSettled).
 */
export type PatchBound = 'event' | 'round';

const batches = new WeakMap<LiveStore, Batch>();

/**
 * @param opts.batchMs collect host updates for this long and apply them as one
 * change. Aligned polls of ten hosts land within a few milliseconds of each
 * other; one change means one frame instead of ten. 0 (default): apply at once.
 * @param opts.roundBatchMs the same for a poll round's figures (setResources):
 * a hundred hosts' samples spread over hundreds of milliseconds on a busy
 * machine, and the round's end applies them sooner. Default batchMs.
 */
export function createLiveStore(seeds: HostSeed[], opts: { readOnly?: boolean; batchMs?: number; roundBatchMs?: number } = {}): LiveStore {
  const hosts: Record<string, HostEntry> = {};
  for (const seed of seeds) {
    // Names and addresses come from the config and ~/.ssh/config: shown inert like everything else here.
    const s = inertStrings(seed);
    hosts[s.name] = {
      ...s,
      state: seed.state ?? 'idle',
      error: null,
      since: Date.now(),
      pendingHostKey: null,
      resources: emptySnapshot(),
      history: { cpu: new History(HISTORY_LEN), memory: new History(HISTORY_LEN), load1: new History(HISTORY_LEN) },
      databaseTarget: s.databaseTarget ?? null,
      dockerConfigured: s.dockerConfigured ?? false,
      database: emptySnapshot(),
      backups: emptySnapshot(),
      services: emptySnapshot(),
      health: emptySnapshot(),
    };
  }
  const store = createStore<LiveState>()(() => ({
    order: seeds.map((s) => inertStrings(s.name)),
    hosts,
    readOnly: opts.readOnly ?? false,
  }));
  if (opts.batchMs) {
    batches.set(store, {
      ms: opts.batchMs,
      roundMs: opts.roundBatchMs ?? opts.batchMs,
      queue: [],
      due: Infinity,
      timer: null,
      timerDue: Infinity,
      arming: false,
    });
  }
  return store;
}

function applyPatches(store: LiveStore, patches: Patch[]): void {
  store.setState((s) => {
    let hosts: Record<string, HostEntry> | null = null;
    for (const [name, patch] of patches) {
      const cur = (hosts ?? s.hosts)[name];
      if (!cur) continue;
      const p = patch(cur);
      // An empty patch (nothing changed) must not cost a frame.
      if (Object.keys(p).length === 0) continue;
      hosts ??= { ...s.hosts };
      hosts[name] = { ...cur, ...p };
    }
    return hosts ? { hosts } : s;
  });
}

/**
 * Applies a host update now, or with the store's batch (see createLiveStore), within its bound. Patches
 * see the latest entry. Every string a patch brings (a host's error, hostname, mounts, containers,
 * queries…) is made inert here: this is the one way into the store the screens read.
 */
export function patchHost(store: LiveStore, name: string, given: (h: HostEntry) => Partial<HostEntry>, bound: PatchBound = 'event'): void {
  patchInertHost(store, name, (h) => inertStrings(given(h)), bound);
}

/** patchHost for a patch whose every string is inert already (made so by its setter, here). */
function patchInertHost(store: LiveStore, name: string, patch: (h: HostEntry) => Partial<HostEntry>, bound: PatchBound): void {
  const b = batches.get(store);
  if (!b) return applyPatches(store, [[name, patch]]);
  if (b.queue.length === 0) {
    // First in the batch: at the flush it would see this same entry (every write
    // comes through here), so its answer now is its answer then. A patch that
    // changes nothing (the same error again, from a probe of an absent Docker)
    // then costs no batch and no wakeup.
    const cur = store.getState().hosts[name];
    if (!cur) return;
    const p = patch(cur);
    if (Object.keys(p).length === 0) return;
    b.queue.push([name, () => p]);
  } else b.queue.push([name, patch]);
  b.due = Math.min(b.due, Date.now() + (bound === 'round' ? b.roundMs : b.ms));
  if (b.arming || (b.timer && b.timerDue <= b.due)) return;
  // The bound is armed at the end of this turn of the event loop, not at once:
  // a poll round that settles in the same turn has flushed by then (Monitor's
  // onSettled), and a timer armed from an I/O callback and then cleared still
  // wakes the process when it would have fired: once per refresh, for nothing.
  b.arming = true;
  setImmediate(() => {
    b.arming = false;
    if (b.queue.length === 0 || (b.timer && b.timerDue <= b.due)) return;
    // An event's bound is shorter than the round's it joins: it takes the whole batch sooner.
    if (b.timer) clearTimeout(b.timer);
    b.timerDue = b.due;
    b.timer = setTimeout(() => flushLiveStore(store), Math.max(0, b.due - Date.now()));
  });
}

/** Applies any batched updates now. */
export function flushLiveStore(store: LiveStore): void {
  const b = batches.get(store);
  if (!b || b.queue.length === 0) return;
  if (b.timer) clearTimeout(b.timer);
  b.timer = null;
  b.timerDue = b.due = Infinity;
  const q = b.queue;
  b.queue = [];
  applyPatches(store, q);
}

/**
 * Each named figure of this poll appended to its history; names gone from the poll are dropped, a null adds
 * nothing. The usual sample (the same names in the same order as the last) keeps the list as it is. The
 * figures are read from `polled`, the poll's own list, through `nameOf` and `valueOf`: no list of pairs is
 * made per sample.
 */
function pushNamed<T>(prev: NamedHistory[] | undefined, polled: readonly T[], nameOf: (t: T) => string, valueOf: (t: T) => number | null): NamedHistory[] {
  let same = prev !== undefined && prev.length === polled.length;
  for (let i = 0; same && i < polled.length; i++) same = prev![i]!.name === nameOf(polled[i]!);
  const list = same
    ? prev!
    : polled.map((t) => {
        const name = nameOf(t);
        return { name, values: prev?.find((h) => h.name === name)?.values ?? new History(HISTORY_LEN) };
      });
  for (let i = 0; i < polled.length; i++) {
    const v = valueOf(polled[i]!);
    if (v !== null) list[i]!.values.push(v);
  }
  return list;
}

/**
 * A host's connection state. A host that connects without a warning waits
 * with the round's figures (its first sample follows within moments and
 * takes the batch with it): hosts connecting one by one at start would
 * otherwise cost a frame each. Any other state shows within batchMs.
 */
export function setHostStatus(store: LiveStore, name: string, st: HostStatus): void {
  patchHost(
    store,
    name,
    (h) => (h.state === st.state && h.error === st.error ? {} : { state: st.state, error: st.error, since: st.since }),
    st.state === 'connected' && st.error === null ? 'round' : 'event',
  );
}

export function setPendingHostKey(store: LiveStore, name: string, key: PendingHostKey | null): void {
  patchHost(store, name, () => ({ pendingHostKey: key }));
}

/**
 * A poll's figures: applied with the round (its bound is the store's
 * roundBatchMs). A host's first figures have no round to wait for — hosts
 * connect one by one at start, each sending its first sample at once — and
 * take the bound of any other change (batchMs): a host shows data as soon as
 * it has some. The snapshot is made inert here and the histories are built
 * from it (numbers, and the names of the inert snapshot), so the histories'
 * hundreds of numbers are not walked again at every sample.
 */
export function setResources(store: LiveStore, name: string, given: ResourcesSnapshot, at = Date.now()): void {
  const data = inertStrings(given);
  // The patch runs once (at the batch's flush, or at once when it starts the batch): the histories are appended to there.
  patchInertHost(
    store,
    name,
    (h) => {
      const hist = h.history;
      if (data.cpuPercent !== null) hist.cpu.push(data.cpuPercent);
      hist.memory.push(data.memoryPercent);
      hist.load1.push(data.load1);
      const network = pushNamed(hist.network, data.network ?? NO_FIGURES, interfaceName, bytesPerSecond);
      const diskBusy = pushNamed(hist.diskBusy, data.diskIo ?? NO_FIGURES, deviceName, busyPercent);
      return {
        resources: { data, updatedAt: at, error: null },
        history: network === hist.network && diskBusy === hist.diskBusy ? hist : { ...hist, network, diskBusy },
      };
    },
    store.getState().hosts[name]?.resources.updatedAt === null ? 'event' : 'round',
  );
}

const NO_FIGURES: readonly never[] = [];

const interfaceName = (i: InterfaceIo) => i.interface;
/** Received plus sent bytes/s; null when either is unknown. */
const bytesPerSecond = (i: InterfaceIo) => (i.rxBytesPerSecond === null || i.txBytesPerSecond === null ? null : i.rxBytesPerSecond + i.txBytesPerSecond);
const deviceName = (d: DiskIo) => d.device;
const busyPercent = (d: DiskIo) => d.busyPercent;

/** A failed poll keeps the last figures (marked stale by updatedAt) and records why. */
export function setResourcesError(store: LiveStore, name: string, error: string): void {
  patchHost(store, name, (h) => ({ resources: { ...h.resources, error } }));
}

export function setDatabase(store: LiveStore, name: string, data: DatabaseSnapshot, at = Date.now()): void {
  patchHost(store, name, () => ({ database: { data, updatedAt: at, error: null } }));
}

/** The database could not be read: the last figures stay (stale by updatedAt), with the reason. */
export function setDatabaseError(store: LiveStore, name: string, error: string): void {
  patchHost(store, name, (h) => (h.database.error === error ? {} : { database: { ...h.database, error } }));
}

export function setBackups(store: LiveStore, name: string, data: BackupsSnapshot | null, error: string | null, at = Date.now()): void {
  patchHost(store, name, (h) => ({ backups: { data: data ?? h.backups.data, updatedAt: data ? at : h.backups.updatedAt, error } }));
}
