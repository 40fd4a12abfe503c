/**
 * The cockpit's start up to its first frame, before Ink, React, the screens
 * and the services are loaded: the config read and checked (or its kept
 * check taken, checkedConfigCache.ts), the live store seeded with every host
 * "connecting", and that state's overview drawn by
 * the plain renderer (src/screens/overviewFirstFrame.ts) in one write, on the
 * alternate screen, where Ink's first frame then lands on the same cells.
 * The terminal goes into raw mode just before that write, so keys typed while
 * the rest loads are not echoed and reach Ink once it reads them.
 *
 * The rest of the cockpit (runCockpit) is loaded after the write: from the
 * bundle's cockpit script (scripts/build.mjs), or as a module from source.
 */
import { isProduction } from '../hosts/HostConfig';
import type { RiskctlConfig } from '../hosts/loadConfig';
import { targetLabel } from '../services/database/targetLabel';
import { createLiveStore, type HostSeed } from '../services/liveStore';
import { STORE_BATCH_MS, storeRoundBatchMs } from '../services/refreshTiming';
import { overviewFirstFrame } from '../screens/overviewFirstFrame';
import { UsageError, type Args } from './args';
import type { CheckedConfigCache } from './checkedConfigCache';
import { ciVariable } from './ciVariable';
import { hostAddress } from './hostAddress';
import { resolveConfig } from './resolveConfig';
import { enterAltScreen, leaveAltScreen } from './terminal';
import type { runCockpit } from './runCockpit';

/** Given by the bin when it runs the bundle; absent when the source runs as it is (tests). */
declare const __riskctlStarted: (() => void) | undefined;
/** Where the bin keeps the config checked last, and the build (checkedConfigCache.ts); undefined without caches, absent from source. */
declare const __riskctlConfigCache: CheckedConfigCache | undefined;

const QUIT_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/** The store's first state: every host from the config, "connecting" (the fleet connects every host right after the first frame). */
export function hostSeeds(config: RiskctlConfig): HostSeed[] {
  return config.hosts.map((h) => ({
    name: h.name,
    tags: h.tags,
    production: isProduction(h),
    address: hostAddress(h),
    databaseTarget: h.postgres ? targetLabel(h.postgres) : null,
    dockerConfigured: h.docker.configured === true,
    state: 'connecting',
  }));
}

/**
 * Whether Ink will draw colours, bold and inverse in this environment: chalk
 * decides it from the environment (its supports-color) when Ink loads. Where
 * it might not, the plain frame is not drawn, so it never shows styles Ink's
 * frame then takes away.
 */
export function inkDrawsStyles(env: NodeJS.ProcessEnv): boolean {
  if ('FORCE_COLOR' in env || 'CI' in env || 'TEAMCITY_VERSION' in env || ('TF_BUILD' in env && 'AGENT_NAME' in env)) return false;
  if (env.TERM === 'dumb') return false;
  return 'COLORTERM' in env || /^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(env.TERM ?? '');
}

/** The interactive cockpit; resolves with the exit code once the operator quits. */
export async function startCockpit(
  args: Args,
  version: string,
  loadCockpit: () => Promise<{ runCockpit: typeof runCockpit }> = () => import('./runCockpit'),
): Promise<number> {
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    throw new UsageError('the cockpit needs a terminal; for scripts use `riskctl status --json`');
  }
  const ci = ciVariable(process.env);
  if (ci !== null) {
    throw new UsageError(`the cockpit cannot draw while ${ci} is set (Ink then renders only the final frame); run it with ${ci}=false`);
  }
  const cache = typeof __riskctlConfigCache === 'object' ? __riskctlConfigCache : undefined;
  const { config } = await resolveConfig({ config: args.config, host: args.host, cache });
  const store = createLiveStore(hostSeeds(config), {
    readOnly: args.readOnly,
    batchMs: STORE_BATCH_MS,
    roundBatchMs: storeRoundBatchMs(config.refreshMs),
  });
  // Until runCockpit listens for them itself, a quit signal leaves the alternate screen and exits (from before the frame shows).
  const quitWhileLoading = (sig: NodeJS.Signals) => {
    if (process.listenerCount(sig) > 1) return;
    leaveAltScreen(process.stdout);
    process.exit(0);
  };
  for (const sig of QUIT_SIGNALS) process.on(sig, quitWhileLoading);
  try {
    const size = { columns: process.stdout.columns, rows: process.stdout.rows };
    const frame = inkDrawsStyles(process.env)
      ? overviewFirstFrame(store.getState(), {
          columns: size.columns,
          rows: size.rows,
          color: !process.env.NO_COLOR,
          version,
          now: Date.now(),
          initialHost: args.host ?? null,
          refreshMs: config.refreshMs,
          thresholds: config.thresholds,
        })
      : null;
    if (frame !== null) {
      // Raw mode first: a key typed once the frame shows is neither echoed nor lost.
      process.stdin.setRawMode(true);
      // One write: the alternate screen, the frame inside synchronized-output
      // marks with the cursor hidden (as Ink draws), the cursor back at the top
      // left, where Ink starts its first frame.
      enterAltScreen(process.stdout, `\x1b[?2026h\x1b[?25l${frame}\x1b[H\x1b[?2026l`);
    }
    // The bin writes the start's code cache now when it has none (the rest of the cockpit's, after Ink's first frame).
    if (typeof __riskctlStarted === 'function') __riskctlStarted();
    const { runCockpit } = await loadCockpit();
    return await runCockpit(args, version, { config, store, firstFrameSize: frame === null ? null : size });
  } finally {
    for (const sig of QUIT_SIGNALS) process.off(sig, quitWhileLoading);
  }
}
