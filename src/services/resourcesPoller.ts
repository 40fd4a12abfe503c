import type { Host } from '../hosts/Host';
import { setResources, setResourcesError, type LiveStore } from './liveStore';
import type { Poller } from './Monitor';
import { DEFAULT_RESOURCES_TIMEOUT_MS, ResourcesCollector } from './resources/ResourcesCollector';
import { DEFAULT_BATCH_BUDGET_SECONDS, type BatchedCommandQueue } from './resources/BatchedCommandQueue';
import { errorText } from './statusReport';

/**
 * Feeds one host's resources into the live store. An SSH host's polls wait
 * for the samples it clocks itself on the aligned ticks, through one
 * long-lived exec (ResourcesSampler; the poller is hostClocked), hung up while the
 * loop idles; a local host is read on the monitor's schedule. With `batchQueue`,
 * the host's queued commands (alerts' host facts) go out together in the
 * wakeup of its next sample; a command waits at most two intervals for that,
 * plus the poll's own bounds, before it runs itself.
 */
export function resourcesPoller(host: Host, store: LiveStore, intervalMs: number, batchQueue?: BatchedCommandQueue): Poller {
  const collector = new ResourcesCollector(host, {
    batchQueue,
    batchWaitMs: 2 * intervalMs + DEFAULT_RESOURCES_TIMEOUT_MS + DEFAULT_BATCH_BUDGET_SECONDS * 1000,
    samplerPeriodMs: intervalMs,
  });
  return {
    host: host.name,
    name: 'resources',
    intervalMs,
    hostClocked: collector.hostClocked,
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
