/**
 * A counting semaphore with a fail-all. sshd caps the session channels of one
 * connection (MaxSessions, 10 by default); past the cap a channel open is
 * refused outright. Queueing here turns a burst of execs into a short wait
 * instead of "open failed" errors.
 */
export class Semaphore {
  private free: number;
  private readonly waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  /** Resolves with the release function once a slot is free. */
  acquire(): Promise<() => void> {
    const release = this.releaser();
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve: () => resolve(release), reject });
    });
  }

  /** Reject everyone still waiting (the connection is gone). */
  failWaiting(err: unknown): void {
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return; // releasing twice would mint a slot
      done = true;
      const next = this.waiters.shift();
      if (next) next.resolve();
      else this.free++;
    };
  }
}
