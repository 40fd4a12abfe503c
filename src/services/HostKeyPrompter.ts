import { setPendingHostKey, type LiveStore } from './liveStore';

/**
 * Turns the hosts layer's "unknown host key: accept?" question into store
 * state the screen shows as a prompt, and the operator's answer back into the
 * promise SSH is waiting on.
 */
export class HostKeyPrompter {
  private waiting = new Map<string, (accept: boolean) => void>();

  constructor(private store: LiveStore) {}

  ask(host: string, key: { fingerprint: string; keyType: string }): Promise<boolean> {
    this.waiting.get(host)?.(false);
    return new Promise((resolve) => {
      this.waiting.set(host, resolve);
      setPendingHostKey(this.store, host, { fingerprint: key.fingerprint, keyType: key.keyType });
    });
  }

  answer(host: string, accept: boolean): void {
    const resolve = this.waiting.get(host);
    this.waiting.delete(host);
    setPendingHostKey(this.store, host, null);
    resolve?.(accept);
  }

  /** On exit: every open question is a no. */
  rejectAll(): void {
    for (const host of [...this.waiting.keys()]) this.answer(host, false);
  }
}
