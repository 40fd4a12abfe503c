/**
 * The cockpit's one clock, as a store: each view selects what it shows of the
 * time (HH:MM, an age), so a tick redraws only what it changes — not the
 * whole App, as a clock held in App's state did every few seconds at idle.
 *
 * Data arriving advances it (`advance`), so a poll's frame carries fresh ages
 * at no extra frame; the refresh beat (services' Beat) moves it only after a
 * whole period without data — the ages of hosts that went quiet — and only
 * while a view listens. The cockpit's beat is driven by the data itself, so
 * the clock costs no wakeup of its own while figures flow; without one, the
 * clock keeps a beat of its own on the polls' ticks.
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { Beat } from '../services/Beat';

export interface ClockState {
  now: number;
}

export type ClockStore = StoreApi<ClockState> & {
  /** Now, because something arrived; the clock's own next move is a whole period away. */
  advance(): void;
};

/**
 * `periodMs`: how long without data before the beat moves the clock; `beat`:
 * when it looks (the cockpit's refresh beat, or one of its own every `beatMs`).
 */
export function createClock(periodMs: number, now: () => number = Date.now, beatMs = periodMs, beat: Beat = new Beat(beatMs)): ClockStore {
  const store = createStore<ClockState>()(() => ({ now: now() }));
  let listeners = 0;
  let unbeat: (() => void) | null = null;
  let moved = now();
  const move = (t: number) => {
    moved = t;
    store.setState({ now: t });
  };
  const onBeat = () => {
    // A beat can land a little before the period's end; a quarter beat of slack keeps it from waiting a whole beat more.
    const t = now();
    if (t - moved >= periodMs - beatMs / 4) move(t);
  };
  const subscribe = store.subscribe;
  return Object.assign(store, {
    subscribe(listener: (s: ClockState, prev: ClockState) => void) {
      const off = subscribe(listener);
      if (listeners++ === 0) unbeat = beat.subscribe(onBeat);
      let on = true;
      return () => {
        if (!on) return;
        on = false;
        off();
        if (--listeners === 0) {
          unbeat?.();
          unbeat = null;
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
