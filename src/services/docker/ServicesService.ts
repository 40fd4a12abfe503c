/**
 * The services and logs panes behind one object: a Docker watcher per host
 * (event stream + slow refresh; always on, the overview's services column
 * reads every host), health checks per host (always on: the alert rules read
 * them), container stats only for the host the services screen shows, logs
 * only while the logs screen shows them, and the guarded container actions.
 */
import type { Host } from '../../hosts/Host';
import type { HostConfig } from '../../hosts/HostConfig';
import { refusal, type Risk } from '../actionGuard';
import type { AuditLog, AuditResult } from '../AuditLog';
import type { LiveStore } from '../liveStore';
import type { Poller } from '../Monitor';
import { errorText } from '../statusReport';
import { probeAll } from '../health/probeHealth';
import { LogService, type LogSource } from '../logs/LogService';
import { describeDockerError } from './dockerErrors';
import { DockerWatcher } from './DockerWatcher';
import { setHealth, setHealthError } from './servicesStore';
import { DOCKER_QUIET_REFRESH_MS } from '../refreshTiming';

export type ContainerAction = 'restart' | 'stop' | 'start';

export const CONTAINER_ACTION_RISK: Record<ContainerAction, Risk> = { restart: 'mutating', stop: 'mutating', start: 'mutating' };

export interface ActionResult {
  ok: boolean;
  message: string;
}

/** What the screens may ask (through the app layer). */
export interface ServicesActions {
  /** After the operator's answer (confirmed false: they said no): refuses under --read-only, acts, audits every outcome. */
  containerAction(host: string, id: string, action: ContainerAction, confirmed: boolean): Promise<ActionResult>;
  /** What is on screen: container stats for the services screen's host, logs only on the logs screen. */
  setView(view: { screen: string; host: string | null }): void;
  /** Follow this source (the logs screen shows it); any other stops. */
  openLogs(source: LogSource): void;
  /** Follow nothing (the logs screen shows its source picker). */
  closeLogs(): void;
  readonly logs: LogService;
}

export interface ServicesServiceOptions {
  store: LiveStore;
  refreshMs: number;
  audit?: AuditLog | null;
  logLines?: number;
  /** Called when a poller's demand changes (the monitor's setDemand). */
  demand?: (name: 'docker-stats', hosts: string[]) => void;
  /** Called when a host's poller changed its interval and should run now (the monitor's wake). */
  wake?: (host: string, name: 'services') => void;
}

interface Entry {
  host: Host;
  config: HostConfig;
  watcher: DockerWatcher;
}

/** Health endpoints are checked at most this often (each check is a channel per endpoint). */
const HEALTH_MIN_MS = 5000;

export class ServicesService implements ServicesActions {
  private entries = new Map<string, Entry>();
  readonly logs: LogService;
  private view: { screen: string; host: string | null } = { screen: 'overview', host: null };

  constructor(private readonly opts: ServicesServiceOptions) {
    this.logs = new LogService({
      host: (name) => this.entries.get(name)?.host,
      docker: (name) => {
        const e = this.entries.get(name);
        return e ? () => e.watcher.client() : undefined;
      },
      globs: (name) => this.entries.get(name)?.config.logs ?? [],
      capacity: opts.logLines,
    });
  }

  /** Adds a host; returns its pollers for the monitor: services (list), docker-stats, health. */
  add(host: Host, config: HostConfig): Poller[] {
    const watcher = new DockerWatcher(host, config.docker.socket, {
      store: this.opts.store,
      quietRefreshMs: DOCKER_QUIET_REFRESH_MS,
      user: config.ssh?.user ?? null,
      engineExpected: config.docker.configured === true,
    });
    this.entries.set(host.name, { host, config, watcher });
    const refreshMs = this.opts.refreshMs;
    const pollers: Poller[] = [
      {
        host: host.name,
        name: 'services',
        get intervalMs() {
          return watcher.pollEveryMs(refreshMs);
        },
        run: () => watcher.poll(),
      },
      { host: host.name, name: 'docker-stats', intervalMs: this.opts.refreshMs, run: () => watcher.stats() },
    ];
    if (config.health.length > 0) pollers.push(this.healthPoller(host, config));
    return pollers;
  }

  watcher(host: string): DockerWatcher | undefined {
    return this.entries.get(host)?.watcher;
  }

  start(): void {
    for (const e of this.entries.values()) e.watcher.start();
  }

  stop(): void {
    for (const e of this.entries.values()) e.watcher.stop();
    this.logs.stop();
  }

  setView(view: { screen: string; host: string | null }): void {
    const prev = this.view;
    this.view = view;
    if (prev.screen !== view.screen || prev.host !== view.host) {
      const was = prev.screen === 'services' ? prev.host : null;
      const now = view.screen === 'services' ? view.host : null;
      this.opts.demand?.('docker-stats', now ? [now] : []);
      if (was !== now) {
        if (was) this.entries.get(was)?.watcher.setShown(false);
        // The list on screen is read at once, then at the quiet refresh.
        const shown = now ? this.entries.get(now) : undefined;
        if (shown) {
          shown.watcher.setShown(true);
          this.opts.wake?.(shown.host.name, 'services');
        }
      }
    }
    // Logs are followed only while the logs screen is up; the screen opens its source.
    if (view.screen !== 'logs') this.logs.close();
    else if (view.host) void this.logs.refreshFiles(view.host);
  }

  openLogs(source: LogSource): void {
    this.logs.open(source);
  }

  closeLogs(): void {
    this.logs.close();
  }

  private healthPoller(host: Host, config: HostConfig): Poller {
    return {
      host: host.name,
      name: 'health',
      intervalMs: Math.max(this.opts.refreshMs, HEALTH_MIN_MS),
      run: async (signal) => {
        try {
          setHealth(this.opts.store, host.name, await probeAll(host, config.health, { timeoutMs: 5000, signal }));
        } catch (e) {
          setHealthError(this.opts.store, host.name, errorText(e));
          throw e;
        }
      },
    };
  }

  async containerAction(hostName: string, id: string, action: ContainerAction, confirmed: boolean): Promise<ActionResult> {
    const e = this.entries.get(hostName);
    const c = this.opts.store.getState().hosts[hostName]?.services.data?.containers.find((x) => x.id === id);
    const target = c ? c.name : id.slice(0, 12);
    const record = async (result: AuditResult, detail?: string): Promise<string> => {
      try {
        await this.opts.audit?.append({ host: hostName, target: `container ${target}`, action: `${action} container`, result, ...(detail ? { detail } : {}) });
        return '';
      } catch (err) {
        return ` (audit log not written: ${errorText(err)})`;
      }
    };
    const finish = async (ok: boolean, result: AuditResult, message: string, detail?: string): Promise<ActionResult> => ({
      ok,
      message: message + (await record(result, detail)),
    });

    const refused = refusal(CONTAINER_ACTION_RISK[action], this.opts.store.getState().readOnly, `${action} ${target}`);
    if (refused) return finish(false, 'refused', refused);
    if (!confirmed) return finish(false, 'cancelled', `not done: ${action} ${target}`);
    if (!e) return finish(false, 'failed', `${hostName} has no Docker configured`);
    const started = Date.now();
    try {
      await e.watcher.act(action, id);
      const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
      return finish(true, 'ok', `${action === 'stop' ? 'stopped' : action === 'start' ? 'started' : 'restarted'} ${target} on ${hostName} (${took})`, took);
    } catch (err) {
      const why = await describeDockerError(err, e.host, e.config.docker.socket, e.config.ssh?.user ?? null);
      return finish(false, 'failed', `${action} ${target} failed: ${why}`, why);
    }
  }
}
