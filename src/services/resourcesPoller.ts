import type { Host } from '../hosts/Host';
import { setResources, setResourcesError, type LiveStore } from './liveStore';
import type { Poller } from './Monitor';
import { DEFAULT_RESOURCES_TIMEOUT_MS, ResourcesCollector } from './resources/ResourcesCollector';
import { DEFAULT_RIDE_BUDGET_SECONDS, type RideQueue } from './resources/RideQueue';
import { errorText } from './statusReport';

/**
 * Feeds one host's resources into the live store on the monitor's schedule.
 * With `rides`, the host's queued pieces (alerts' host facts) ride along in
 * its polls; a piece waits at most two intervals for a poll to start, plus the
 * poll's own bounds, before it runs itself. Polls sample through one
 * long-lived exec on the host (ResourcesSampler), stopped while the loop idles.
 */
export function resourcesPoller(host: Host, store: LiveStore, intervalMs: number, rides?: RideQueue): Poller {
  const collector = new ResourcesCollector(host, { rides, rideWaitMs: 2 * intervalMs + DEFAULT_RESOURCES_TIMEOUT_MS + DEFAULT_RIDE_BUDGET_SECONDS * 1000, sampler: true });
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
    idle: () => collector.idle(),
  };
}
