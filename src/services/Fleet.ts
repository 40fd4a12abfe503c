import type { Host } from '../hosts/Host';
import type { CockpitActions } from './CockpitActions';
import type { HostKeyPrompter } from './HostKeyPrompter';
import { setHostStatus, type LiveStore } from './liveStore';
import type { Monitor } from './Monitor';

/**
 * The hosts of one cockpit: connects them all at once (one slow or dead host
 * never holds up the others), mirrors their connection state into the store,
 * and carries out what the screens ask for.
 */
export class Fleet implements CockpitActions {
  private unsubscribe: Array<() => void> = [];

  constructor(
    private store: LiveStore,
    private hosts: Map<string, Host>,
    private monitor: Monitor,
    private prompter?: HostKeyPrompter,
  ) {}

  start(): void {
    for (const [name, host] of this.hosts) {
      this.unsubscribe.push(
        host.onStatus((st) => {
          setHostStatus(this.store, name, st);
          if (st.state === 'connected') this.monitor.wake(name);
        }),
      );
    }
    this.monitor.start();
    for (const name of this.hosts.keys()) this.connect(name);
    // Mirrored once they connect: the store's seeds say "connecting" already,
    // so a fleet starting up costs no store change (and no frame) here.
    for (const [name, host] of this.hosts) setHostStatus(this.store, name, host.status());
  }

  async stop(): Promise<void> {
    this.prompter?.rejectAll();
    this.monitor.stop();
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    await Promise.allSettled([...this.hosts.values()].map((h) => h.close()));
  }

  connect(name: string): void {
    // The host records its own error state; a rejection here is already on screen.
    this.hosts
      .get(name)
      ?.connect()
      .catch(() => {});
  }

  disconnect(name: string): void {
    void this.hosts.get(name)?.close();
  }

  answerHostKey(name: string, accept: boolean): void {
    this.prompter?.answer(name, accept);
  }
}
