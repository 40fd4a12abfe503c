/**
 * The cockpit's one clock, as a store: each view selects what it shows of the
 * time (HH:MM, an age), so a tick redraws only what it changes — not the
 * whole App, as a clock held in App's state did every few seconds at idle.
 *
 * Data arriving advances it (`advance`), so a poll's frame carries fresh ages
 * at no extra frame; the refresh tick (services' RefreshTicker) moves it only after a
 * whole period without data — the ages of hosts that went quiet — and only
 * while a view listens. The cockpit's tick is driven by the data itself, so
 * the clock costs no wakeup of its own while figures flow; without one, the
 * clock keeps a tick of its own on the polls' ticks.
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { RefreshTicker } from '../services/RefreshTicker';

export interface ClockState {
  now: number;
}

export type ClockStore = StoreApi<ClockState> & {
  /** Now, because something arrived; the clock's own next move is a whole period away. */
  advance(): void;
};

/**
 * `periodMs`: how long without data before the tick moves the clock; `tick`:
 * when it looks (the cockpit's refresh tick, or one of its own every `beatMs`).
 */
export function createClock(periodMs: number, now: () => number = Date.now, tickMs = periodMs, ticker: RefreshTicker = new RefreshTicker(tickMs)): ClockStore {
  const store = createStore<ClockState>()(() => ({ now: now() }));
  let listeners = 0;
  let stopTicker: (() => void) | null = null;
  let moved = now();
  const move = (t: number) => {
    moved = t;
    store.setState({ now: t });
  };
  const onTick = () => {
    // A tick can land a little before the period's end; a quarter tick of slack keeps it from waiting a whole tick more.
    const t = now();
    if (t - moved >= periodMs - tickMs / 4) move(t);
  };
  const subscribe = store.subscribe;
  return Object.assign(store, {
    subscribe(listener: (s: ClockState, prev: ClockState) => void) {
      const off = subscribe(listener);
      if (listeners++ === 0) stopTicker = ticker.subscribe(onTick);
      let on = true;
      return () => {
        if (!on) return;
        on = false;
        off();
        if (--listeners === 0) {
          stopTicker?.();
          stopTicker = null;
        }
      };
    },
    advance() {
      move(now());
    },
  });
}

const NO_CLOCK = createStore<ClockState>()(() => ({ now: 0 }));

/** The view's figure context with the clock's time (the caller redraws when it moves); without a clock, ctx as given. */
export function useClockedCtx<T extends { now: number }>(ctx: T, clock: ClockStore | undefined): T {
  const now = useStore(clock ?? NO_CLOCK, (s) => s.now);
  return useMemo(() => (clock ? { ...ctx, now } : ctx), [ctx, clock, now]);
}
