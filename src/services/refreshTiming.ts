/**
 * The cockpit's refresh timing: what wakes the process, and when. Monitor,
 * the live store, RefreshTicker, the resources sampler and the Docker and database
 * services follow this contract; their own comments say how.
 *
 * 1. Polls run on aligned ticks. A healthy poll of refresh R is due on the
 *    multiples of R (`alignedDelay`), so every host's figures of a tick
 *    arrive together and the screen draws once per refresh, not once per
 *    host. A poll that fails backs off (R·2ⁿ) up to `MAX_BACKOFF_MS`; the
 *    database and the Docker engine, which alerts depend on, retry at most
 *    every `DAEMON_RETRY_MAX_MS`, so one that comes back is seen within
 *    seconds.
 * 2. The host clocks the resources samples. The sampler on the host is given
 *    leases of `SAMPLER_LEASE_MS` worth of samples on the aligned ticks and
 *    sends each when it is due: riskctl sends nothing per sample, and wakes
 *    once per sample, when it arrives. The next lease goes out in the wakeup
 *    of the previous lease's last sample.
 * 3. Updates are applied in batches. The live store collects a round's
 *    figures for at most `storeRoundBatchMs(R)` and any other change for at
 *    most `STORE_BATCH_MS` (a host's first figures too: they have no round;
 *    a host's plain connect waits with the round's figures, as its first
 *    sample follows), and applies them as one change (one render); when
 *    the Monitor sees every running poll of the round finished, it applies
 *    them at once (a poll of another kind that ends while the hosts'
 *    samples of a tick are arriving waits for the last of them). A hundred
 *    hosts' samples, spread over a few hundred
 *    milliseconds on a busy machine, so cost one frame a refresh, not one per
 *    30 ms slice of their arrival.
 * 4. Once-a-refresh work (the alerts' evaluation, the ages on screen) runs in
 *    the wakeup that brought figures (RefreshTicker). RefreshTicker's own timer only looks, on
 *    multiples of `tickerCheckMs(R)`, and ticks on the refresh ticks only after
 *    a whole refresh passed without figures.
 * 5. Docker's container list follows the engine's event stream; while the
 *    stream is live the list is read every `DOCKER_QUIET_REFRESH_MS` at most
 *    for the host the services screen shows (its uptimes and statuses move
 *    on screen), and every `DOCKER_UNSHOWN_REFRESH_MS` for every other host
 *    (a safety net for a lost event; the events keep its list current).
 * 6. Only what is on screen, or what an alert rule needs, is polled; an idle
 *    cockpit wakes once a refresh, for its data.
 * 7. Slow facts (a host's backups listing, the alert rules' facts) are first
 *    read `SLOW_FACTS_FIRST_DELAY_MS` after the host is ready, unless a
 *    screen shows them: the fleet's first figures come first. The alert
 *    rules' facts then keep that phase (`Poller.ownPhase`): each read
 *    `SLOW_FACTS_INTERVAL_MS` after the last, not on the aligned tick, so a
 *    host reads them once per interval from its start and a fleet's reads
 *    do not all land on one tick.
 */

/** Failed polls back off up to this. */
export const MAX_BACKOFF_MS = 30_000;

/**
 * A host's slow facts (certificate expiry, the newest backup) change by days:
 * the alert rules' facts and the backups listing of a host the database
 * screen does not show are read this often. Each read is an exec on the host
 * with a few processes of its own.
 */
export const SLOW_FACTS_INTERVAL_MS = 5 * 60_000;

/**
 * A host's slow facts (its backups listing, the alert rules' facts) are first
 * read this long after it is ready, unless a screen shows them sooner: each
 * read is an exec with a few processes on the host, and at start, on a
 * fleet, they would compete with every host's first figures.
 */
export const SLOW_FACTS_FIRST_DELAY_MS = 15_000;

/** The database and the Docker engine are retried at least this often while they do not answer. */
export const DAEMON_RETRY_MAX_MS = 3_000;

/** How much time of samples one lease to the host's sampler covers. */
export const SAMPLER_LEASE_MS = 60_000;

/** The live store applies a change that is not a round's figures (a state, an error, a container) after at most this long. */
export const STORE_BATCH_MS = 30;

/** The live store applies a round's figures after at most this long, for a refresh of `periodMs`: a quarter of it, 30 ms to 1 s. */
export function storeRoundBatchMs(periodMs: number): number {
  return Math.min(1000, Math.max(STORE_BATCH_MS, periodMs / 4));
}

/**
 * A Docker engine never reached since start on a host whose `docker:` is not
 * configured is tried again this often at most: each try is an SSH channel,
 * and its reason an exec, on every host of a fleet without Docker.
 */
export const NEVER_SEEN_ENGINE_RETRY_MS = 300_000;

/** …and first tried again after this, doubling up to NEVER_SEEN_ENGINE_RETRY_MS. */
export const NEVER_SEEN_FIRST_RETRY_MS = 30_000;

/**
 * A Docker engine nobody configured is first tried this long after its host
 * connects. The try is an SSH channel and, when it fails, an exec saying why:
 * at start, on every host of a fleet at once, they would queue the hosts'
 * first figures (the sampler's channel and first sample) behind them on the
 * hosts and on the cockpit.
 */
export const UNCONFIGURED_ENGINE_FIRST_TRY_MS = 3_000;

/** While Docker's event stream is live, the container list of the host the services screen shows is read this often at most. */
export const DOCKER_QUIET_REFRESH_MS = 10_000;

/**
 * …and that of any other host this often: each read is an SSH channel and an
 * HTTP call, so a fleet of 100 at the quiet rate is ten a second, for lists
 * the event stream already keeps current.
 */
export const DOCKER_UNSHOWN_REFRESH_MS = 60_000;

/** How often RefreshTicker's own timer looks while figures flow, for a refresh of `periodMs`. */
export function tickerCheckMs(periodMs: number): number {
  return Math.max(5 * periodMs, 10_000);
}

/**
 * The delay to the next multiple of `intervalMs`. A tick closer than a
 * quarter interval is skipped, so a poll woken off-tick (a reconnect) is not
 * followed at once.
 */
export function alignedDelay(intervalMs: number, now: number): number {
  const d = intervalMs - (now % intervalMs);
  return d < intervalMs / 4 ? d + intervalMs : d;
}
