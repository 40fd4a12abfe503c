/**
 * The cockpit's one clock, as a store: each view selects what it shows of the
 * time (HH:MM, an age), so a tick redraws only what it changes — not the
 * whole App, as a clock held in App's state did every few seconds at idle.
 *
 * Data arriving advances it (`advance`), so a poll's frame carries fresh ages
 * at no extra frame; the timer moves it only after a whole period without
 * data — the ages of hosts that went quiet — and only while a view listens.
 *
 * The timer beats on the polls' clock ticks (Monitor's alignedDelay), so it
 * shares their wakeup, and an advance never re-arms it: a timer cleared and
 * set again at every poll still woke the process when the cleared one would
 * have fired.
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { alignedDelay } from '../services/Monitor';

export interface ClockState {
  now: number;
}

export type ClockStore = StoreApi<ClockState> & {
  /** Now, because something arrived; the clock's own next move is a whole period away. */
  advance(): void;
};

/** `beatMs`: when the timer looks (the poll interval); `periodMs`: how long without data before it moves the clock. */
export function createClock(periodMs: number, now: () => number = Date.now, beatMs = periodMs): ClockStore {
  const store = createStore<ClockState>()(() => ({ now: now() }));
  let timer: NodeJS.Timeout | null = null;
  let listeners = 0;
  let moved = now();
  const move = (t: number) => {
    moved = t;
    store.setState({ now: t });
  };
  const arm = () => {
    if (timer || listeners === 0) return;
    timer = setTimeout(() => {
      timer = null;
      if (listeners === 0) return;
      // A beat can land a little before the period's end; a quarter beat of slack keeps it from waiting a whole beat more.
      const t = now();
      if (t - moved >= periodMs - beatMs / 4) move(t);
      arm();
    }, alignedDelay(beatMs, Date.now()));
    // The clock alone must never keep the process alive.
    timer.unref?.();
  };
  const disarm = () => {
    if (timer) clearTimeout(timer);
    timer = null;
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
        if (--listeners === 0) disarm();
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
