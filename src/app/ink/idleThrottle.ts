/**
 * Ink's throttle (es-toolkit's lodash-style one) arms a timer on every leading
 * call, so each frame of an idle cockpit would wake the process twice more:
 * 1 ms later for the log throttle (wait 0) and 34 ms later for the render
 * throttle, both to find nothing to do. On this kind of machine a wakeup costs 0.1–0.2 ms
 * of CPU, where a whole refresh of the overview costs ~2.5 ms. This one keeps the
 * same contract — the first call runs at once, calls inside the window collapse
 * into one trailing call with the latest arguments, at most one run per window
 * — and arms a timer only when a call actually has to wait.
 * Swapped in for Ink's by the bundle (scripts/build.mjs).
 */
export interface Throttled<A extends unknown[]> {
  (...args: A): void;
  /** Run a waiting call now. */
  flush(): void;
  /** Drop a waiting call. */
  cancel(): void;
}

export function throttle<A extends unknown[]>(fn: (...args: A) => void, wait = 0, _options?: unknown, now: () => number = performance.now.bind(performance)): Throttled<A> {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: A | null = null;
  const run = () => {
    timer = null;
    const args = pending;
    pending = null;
    if (args) {
      last = now();
      fn(...args);
    }
  };
  const throttled = (...args: A) => {
    const since = now() - last;
    if (timer === null && since >= wait) {
      last = now();
      fn(...args);
      return;
    }
    pending = args;
    timer ??= setTimeout(run, Math.max(0, wait - since));
  };
  throttled.flush = () => {
    if (timer === null) return;
    clearTimeout(timer);
    run();
  };
  throttled.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    pending = null;
  };
  return throttled;
}
