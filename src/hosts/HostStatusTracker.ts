import type { HostListener, HostState, HostStatus } from './Host';

/**
 * The current status of one host plus its listeners. Both transports use it so
 * that "a state change" means the same thing everywhere: listeners hear about
 * a new state or a new error text, never about a repeat of the same status.
 */
export class HostStatusTracker {
  private current: HostStatus = { state: 'idle', error: null, since: Date.now() };
  private readonly listeners = new Set<HostListener>();

  get(): HostStatus {
    return this.current;
  }

  set(state: HostState, error: string | null = null): void {
    if (state === this.current.state && error === this.current.error) return;
    const since = state === this.current.state ? this.current.since : Date.now();
    this.current = { state, error, since };
    for (const listener of [...this.listeners]) {
      try {
        listener(this.current);
      } catch {
        // A broken subscriber must not break the transport or the other subscribers.
      }
    }
  }

  subscribe(listener: HostListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
