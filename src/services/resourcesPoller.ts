import type { Host } from '../hosts/Host';
import { setResources, setResourcesError, type LiveStore } from './liveStore';
import type { Poller } from './Monitor';
import { ResourcesCollector } from './resources/ResourcesCollector';
import { errorText } from './statusReport';

/** Feeds one host's resources into the live store on the monitor's schedule. */
export function resourcesPoller(host: Host, store: LiveStore, intervalMs: number): Poller {
  const collector = new ResourcesCollector(host);
  return {
    host: host.name,
    name: 'resources',
    intervalMs,
    async run(signal) {
      try {
        setResources(store, host.name, await collector.poll(signal));
      } catch (e) {
        setResourcesError(store, host.name, errorText(e));
        throw e;
      }
    },
  };
}
