import { createHosts } from '../hosts/createHosts';
import { RefreshTicker } from '../services/RefreshTicker';
import { Fleet } from '../services/Fleet';
import { HostKeyPrompter } from '../services/HostKeyPrompter';
import { flushLiveStore, type LiveStore } from '../services/liveStore';
import type { RiskctlConfig } from '../hosts/loadConfig';
import { Monitor } from '../services/Monitor';
import { resourcesPoller } from '../services/resourcesPoller';
import { BatchedCommandQueues } from '../services/resources/BatchedCommandQueue';
import { wireAlerts } from './alertsWiring';
import { wireDatabase } from './databaseWiring';
import { wireServices } from './servicesWiring';
import { wireProcedures } from './proceduresWiring';
import { wireProcesses } from './processesWiring';
import type { Args } from './args';
import { stateDir } from './resolveConfig';
import { enterAltScreen, leaveAltScreen } from './terminal';
import { AuditLog, auditLogPath } from '../services/AuditLog';
import { ShellService } from '../services/shell/ShellService';
import { HeldOutput } from './heldOutput';
import { createShellStore, ShellHandOver } from './shellHandOver';

/** Given by the bin when it runs the bundle; absent when the source runs as it is (tests). */
declare const __riskctlStarted: (() => void) | undefined;

/** What the start (startCockpit) hands the rest of the cockpit: the config, and the live store it drew the first frame from. */
export interface CockpitStart {
  config: RiskctlConfig;
  store: LiveStore;
  /** The terminal's size when the plain first frame was drawn; null when it was not. */
  firstFrameSize: { columns: number; rows: number } | null;
}

/**
 * The cockpit after its start (startCockpit: the config, the seeded store, the
 * plain first frame): hosts, services, Ink; resolves with the exit code once
 * the operator quits.
 */
export async function runCockpit(args: Args, version: string, start: CockpitStart): Promise<number> {
  const { config, store } = start;
  const prompter = new HostKeyPrompter(store);
  const hosts = createHosts(config.hosts, {
    stateDir: stateDir(),
    onUnknownHostKey: (name, key) => (args.acceptNewHostKeys ? Promise.resolve(true) : prompter.ask(name, key)),
  });
  // The store's batch bounds (a round's figures: a quarter refresh) are the
  // bound; when every running poll is done (the usual case: aligned polls
  // finish together) their results show at once.
  const monitor = new Monitor({ isReady: (name) => hosts.get(name)?.status().state === 'connected', onSettled: () => flushLiveStore(store) });
  // The alerts' slow host facts run batched in the resources polls: one exec per poll.
  const batchQueue = new BatchedCommandQueues();
  for (const host of hosts.values()) monitor.add(resourcesPoller(host, store, config.refreshMs, batchQueue.for(host.name)));
  // The overview shows every host's resources, so they are always in demand.
  monitor.setDemand('resources', 'all');
  const fleet = new Fleet(store, hosts, monitor, prompter);
  // Whatever runs once a refresh (the alerts' evaluation, the clock's ages)
  // ticks when figures arrive, in their wakeup; its own timer only when none do.
  const ticker = new RefreshTicker(config.refreshMs);
  store.subscribe(() => ticker.arrived());
  // Ink draws through a gate that a shell on the terminal closes (s).
  const inkOutput = new HeldOutput(process.stdout);
  let shells: ShellHandOver | null = null;
  // The bell is the terminal's: BEL on stdout, between Ink's frames; not into an operator's shell.
  const bell = () => void (shells?.active || process.stdout.write('\x07'));
  const alerts = wireAlerts(config, hosts, store, monitor, stateDir(), bell, batchQueue, ticker);
  const database = wireDatabase(config, hosts, store, monitor, stateDir(), batchQueue);
  const services = wireServices(config, hosts, store, monitor, stateDir());
  // A `service` parameter is chosen from the compose services the services screen last read.
  const servicesOf = (name: string) => store.getState().hosts[name]?.services.data?.containers.flatMap((c) => (c.service ? [c.service] : []));
  const containersOf = (name: string) => store.getState().hosts[name]?.services.data?.containers;
  const procedures = wireProcedures(args, config, hosts, stateDir(), servicesOf, containersOf);
  // The processes' one stream, on the host the processes or resources screen shows, only while it shows.
  const { watch: processes, props: processesProps } = wireProcesses(hosts, store, config.refreshMs, stateDir());
  const shellStore = createShellStore();
  shells = new ShellHandOver({
    service: new ShellService({
      host: (name) => hosts.get(name),
      docker: (name) => {
        const watcher = services.service.watcher(name);
        return watcher ? () => watcher.client() : undefined;
      },
      audit: new AuditLog(auditLogPath(stateDir())),
      readOnly: () => store.getState().readOnly,
    }),
    store: shellStore,
    stdin: process.stdin,
    stdout: process.stdout,
    inkOutput,
    term: process.env.TERM || 'xterm-256color',
  });
  const shellProps = { store: shellStore, run: shells.run.bind(shells) };

  const [{ render }, React, { App }] = await Promise.all([import('ink'), import('react'), import('./App')]);

  let quit!: () => void;
  const done = new Promise<void>((resolve) => (quit = resolve));
  // Ctrl-C inside a local shell reaches this process's group too: it is the shell's, not a quit.
  const onSignal = (sig: NodeJS.Signals) => {
    if (sig === 'SIGINT' && shells?.active) return;
    quit();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('SIGHUP', onSignal);

  // On the alternate screen already when the start drew the plain first frame: Ink's lands on its cells.
  enterAltScreen(process.stdout);
  // Unless the terminal was resized since: then it is cleared first, so no cell of a frame of another size stays.
  const drawn = start.firstFrameSize;
  if (drawn && (drawn.columns !== process.stdout.columns || drawn.rows !== process.stdout.rows)) process.stdout.write('\x1b[H\x1b[2J');
  const app = (proceduresProps: typeof procedures.props) =>
    React.createElement(App, {
      store,
      actions: fleet,
      alerts: alerts.props,
      database: database.props,
      services: services.props,
      procedures: proceduresProps,
      processes: processesProps,
      shell: shellProps,
      version,
      thresholds: config.thresholds,
      color: !process.env.NO_COLOR,
      initialHost: args.host ?? null,
      refreshMs: config.refreshMs,
      ticker,
      onQuit: () => quit(),
    });
  // The library is parsed on first need (~100 ms and a few MB of heap for the
  // built-in one): a cockpit left open on the overview never pays for it.
  let asked = false;
  const load = () => {
    if (asked) return;
    asked = true;
    setImmediate(() => ink.rerender(app(procedures.load().props)));
  };
  // Ink's standard rendering: each frame is written whole, inside synchronized-
  // output marks. Ink 6.8's incrementalRendering places a frame that ends in a
  // newline (every frame shorter than the terminal) one row lower each time;
  // Ink 7 fixes that and needs Node 22.
  const ink = render(app({ ...procedures.props, loading: true, load }), {
    stdout: inkOutput.asStream(),
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: 30,
  });
  // Ink has written its first frame (its first render is not throttled). The
  // bin (src/launch/riskctl.ts) writes this script's V8 code cache now when it
  // has none, holding what the start compiled: once per build and Node, before any data.
  if (typeof __riskctlStarted === 'function') __riskctlStarted();
  fleet.start();
  alerts.service.start();
  services.service.start();
  try {
    await done;
  } finally {
    shells.close();
    ink.unmount();
    leaveAltScreen(process.stdout);
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    process.off('SIGHUP', onSignal);
    // Event streams and log follows first: they batch on the connections fleet.stop() closes.
    services.service.stop();
    processes.stop();
    await Promise.race([Promise.all([alerts.service.stop(), fleet.stop(), database.service.close()]), new Promise((r) => setTimeout(r, 1500).unref())]);
  }
  // Lingering handles (a half-open socket of an unreachable host) must not keep a quit cockpit alive.
  process.stdout.write('', () => process.exit(0));
  return 0;
}
