/**
 * The cockpit's one clock, as a store: each view selects what it shows of the
 * time (HH:MM, an age), so a tick redraws only what it changes — not the
 * whole App, as a clock held in App's state did every few seconds at idle.
 *
 * Data arriving advances it (`advance`), so a poll's frame carries fresh ages
 * at no extra frame; the timer moves it only after a whole period without
 * data — the ages of hosts that went quiet — and only while a view listens.
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface ClockState {
  now: number;
}

export type ClockStore = StoreApi<ClockState> & {
  /** Now, because something arrived; the next tick is a whole period away. */
  advance(): void;
};

export function createClock(periodMs: number, now: () => number = Date.now): ClockStore {
  const store = createStore<ClockState>()(() => ({ now: now() }));
  let timer: NodeJS.Timeout | null = null;
  let listeners = 0;
  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (listeners === 0) return;
    timer = setTimeout(() => {
      store.setState({ now: now() });
      arm();
    }, periodMs);
    // The clock alone must never keep the process alive.
    timer.unref?.();
  };
  const subscribe = store.subscribe;
  return Object.assign(store, {
    subscribe(listener: (s: ClockState, prev: ClockState) => void) {
      const off = subscribe(listener);
      if (listeners++ === 0) arm();
      let on = true;
      return () => {
        if (!on) return;
        on = false;
        off();
        if (--listeners === 0) arm();
      };
    },
    advance() {
      store.setState({ now: now() });
      arm();
    },
  });
}

const NO_CLOCK = createStore<ClockState>()(() => ({ now: 0 }));

/** The view's figure context with the clock's time (the caller redraws when it moves); without a clock, ctx as given. */
export function useClockedCtx<T extends { now: number }>(ctx: T, clock: ClockStore | undefined): T {
  const now = useStore(clock ?? NO_CLOCK, (s) => s.now);
  return useMemo(() => (clock ? { ...ctx, now } : ctx), [ctx, clock, now]);
}
