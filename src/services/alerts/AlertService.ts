/**
 * The cockpit's alerting: evaluates the rules over the live store once per
 * poll interval (at each tick: see RefreshTicker), joins Prometheus's alerts, keeps the alert log, rings the
 * bell, carries out acknowledgements, resolutions and maintenance windows,
 * and publishes everything to the alert store the screens read.
 */
import type { Thresholds } from '../../hosts/configSchema';
import type { LiveStore } from '../liveStore';
import { RefreshTicker } from '../RefreshTicker';
import { AlertEngine, type Transition } from './AlertEngine';
import { alertFields, type AlertLog } from './AlertLog';
import { countAlerts, createAlertStore, sortAlerts, type AlertActions, type AlertStore } from './alertStore';
import { fromHostEntry } from './fromHostEntry';
import type { HostFacts } from '../hostFacts/hostFacts';
import type { HttpEndpoint } from './httpVia';
import { formatLeft, MaintenanceWindows, type MaintenanceWindow } from './maintenance';
import {
  createSilence,
  expireSilence,
  fetchPromAlerts,
  fetchSilences,
  fetchUp,
  matchersFor,
  promConditions,
  silenceFor,
  type Matcher,
  type Silence,
} from './prometheus';
import { evaluateHost } from './rules';
import type { Condition } from './types';

export interface AlertServiceOptions {
  store: LiveStore;
  thresholds: Thresholds;
  refreshMs: number;
  log: AlertLog;
  operator: string;
  prometheus?: HttpEndpoint & { viaName?: string };
  alertmanager?: HttpEndpoint & { viaName?: string };
  /** Ring the terminal bell (the app layer owns the terminal). */
  bell?: () => void;
  now?: () => number;
  /** Certificate and backup facts per host, if collected. */
  facts?: (host: string) => HostFacts | undefined;
  /** The refresh tick the figures' arrivals drive (the cockpit's); without it, a tick of its own on the refresh ticks. */
  ticker?: RefreshTicker;
}

const DEFAULT_SILENCE_MS = 2 * 3_600_000;
const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class AlertService implements AlertActions {
  readonly alerts: AlertStore = createAlertStore();
  readonly engine: AlertEngine;
  private windows = new MaintenanceWindows();
  private silences: Silence[] = [];
  private stopTicker: (() => void) | null = null;
  private promTimer: NodeJS.Timeout | null = null;
  private stopped = true;
  private readonly now: () => number;
  /** Inside acknowledgeAll/resolveAll: the store is published once, at the end. */
  private batching = 0;
  /** The engine's revision whose alerts the store holds. */
  private publishedRevision = -1;

  constructor(private opts: AlertServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.engine = new AlertEngine({ holdPolls: opts.thresholds.holdPolls, expected: (host, at) => this.windows.covers(host, at) });
    this.alerts.setState({ prometheus: { configured: opts.prometheus !== undefined, error: null, updatedAt: null } });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    // One evaluation per tick ("two polls" of hold time is two ticks): in the
    // wakeup that brought the figures, so an idle cockpit wakes once a refresh.
    this.stopTicker = (this.opts.ticker ?? new RefreshTicker(this.opts.refreshMs)).subscribe(() => this.tick());
    if (this.opts.prometheus) void this.promLoop();
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.stopTicker?.();
    this.stopTicker = null;
    if (this.promTimer) clearTimeout(this.promTimer);
    return this.opts.log.flush();
  }

  /** One evaluation of every host's rules (and of windows that ran out). */
  tick(now = this.now()): void {
    for (const w of this.windows.expire(now)) this.windowEnded(w, now, 'ended on time');
    const { order, hosts } = this.opts.store.getState();
    for (const name of order) {
      const entry = hosts[name];
      if (!entry) continue;
      const conds = evaluateHost(fromHostEntry(entry, this.opts.facts?.(name), now, this.opts.refreshMs), this.opts.thresholds, now);
      this.handle(this.engine.observe(`host:${name}`, conds, now));
    }
    this.publish(now);
  }

  /** One reading of Prometheus (alerts, up) and Alertmanager (silences). */
  async pollPrometheus(): Promise<void> {
    const p = this.opts.prometheus;
    if (!p) return;
    const hostNames = this.opts.store.getState().order;
    const home = p.viaName ?? 'prometheus';
    const link: Condition[] = [];
    try {
      const [alerts, up] = await Promise.all([fetchPromAlerts(p), fetchUp(p)]);
      if (this.opts.alertmanager) this.silences = await fetchSilences(this.opts.alertmanager).catch(() => this.silences);
      const now = this.now();
      this.handle(this.engine.observe('prometheus', promConditions(alerts, up, hostNames, home), now, 1));
      this.alerts.setState({ prometheus: { configured: true, error: null, updatedAt: now } });
    } catch (e) {
      // Its alerts stay as last seen (unknown is not resolved); the blind spot is itself a warning.
      link.push({
        severity: 'WARNING',
        rule: 'prometheus-unreachable',
        host: home,
        target: p.url,
        value: 'unreachable',
        threshold: null,
        message: `Prometheus ${p.url} cannot be read: ${errText(e)}`,
        procedure: 'MA-001',
        source: 'prometheus',
      });
      this.alerts.setState((s) => ({ prometheus: { ...s.prometheus, error: errText(e) } }));
    }
    this.handle(this.engine.observe('prometheus-link', link, this.now()));
    this.joinSilences();
    this.publish(this.now());
  }

  async acknowledge(key: string, comment: string, silenceMs = DEFAULT_SILENCE_MS): Promise<string> {
    const now = this.now();
    const t = this.engine.acknowledge(key, { by: this.opts.operator, at: now, comment });
    if (!t) return 'only a firing alert can be acknowledged';
    await this.opts.log.append({ event: 'acknowledged', by: this.opts.operator, ...alertFields(t.alert), comment });
    let msg = `acknowledged ${t.alert.rule} on ${t.alert.host}`;
    const labels = t.alert.labels;
    if (t.alert.source === 'prometheus' && labels && this.opts.alertmanager) {
      try {
        const id = await this.silence(matchersFor(labels), comment, now, silenceMs, alertFields(t.alert));
        msg += `; Alertmanager silence ${id.slice(0, 8)} for ${formatLeft(silenceMs)}`;
      } catch (e) {
        msg += `; no silence: ${errText(e)}`;
      }
    }
    this.publish(this.now());
    return msg;
  }

  /**
   * A grouped alert: each key acknowledged as acknowledge() does (each in the
   * alert log, each Prometheus alert its silence), the store published once.
   */
  acknowledgeAll(keys: readonly string[], comment: string, silenceMs?: number): Promise<string[]> {
    return this.batch(keys, (k) => this.acknowledge(k, comment, silenceMs));
  }

  resolveAll(keys: readonly string[], comment: string): Promise<string[]> {
    return this.batch(keys, (k) => this.resolve(k, comment));
  }

  private async batch(keys: readonly string[], act: (key: string) => Promise<string>): Promise<string[]> {
    const out: string[] = [];
    this.batching++;
    try {
      for (const k of keys) out.push(await act(k));
    } finally {
      this.batching--;
      this.publish(this.now());
    }
    return out;
  }

  async resolve(key: string, comment: string): Promise<string> {
    const t = this.engine.resolve(key, { by: this.opts.operator, at: this.now(), comment });
    if (!t) return 'nothing to resolve';
    await this.opts.log.append({ event: 'resolved', by: this.opts.operator, ...alertFields(t.alert), comment });
    this.publish(this.now());
    return `resolved ${t.alert.rule} on ${t.alert.host}`;
  }

  async startMaintenance(host: string | null, durationMs: number, reason: string): Promise<string> {
    const now = this.now();
    const w = this.windows.start(host, durationMs, reason, this.opts.operator, now);
    await this.opts.log.append({ event: 'maintenance-start', by: this.opts.operator, host, comment: reason, until: new Date(w.endsAt).toISOString() });
    let msg = `maintenance on ${host ?? 'the fleet'} for ${formatLeft(durationMs)}`;
    if (this.opts.alertmanager) {
      try {
        const id = await this.silence(this.windowMatchers(host), `maintenance: ${reason}`, now, durationMs, { host });
        this.windows.setSilence(w.id, id);
        msg += `; Alertmanager silence ${id.slice(0, 8)}`;
      } catch (e) {
        msg += `; no silence: ${errText(e)}`;
      }
    }
    this.publish(now);
    return msg;
  }

  async endMaintenance(host: string | null): Promise<string> {
    const now = this.now();
    const ended = this.windows.end(host, now);
    if (ended.length === 0) return `no maintenance window on ${host ?? 'the fleet'}`;
    for (const w of ended) await this.windowEnded(w, now, 'ended by operator');
    this.publish(now);
    return `maintenance on ${host ?? 'the fleet'} ended`;
  }

  /** Alerts still open when a window closes are no longer expected. */
  private async windowEnded(w: MaintenanceWindow, now: number, how: string): Promise<void> {
    if (w.host === null) {
      for (const h of this.opts.store.getState().order) if (!this.windows.covers(h, now)) this.engine.markExpected(h, false);
    } else if (!this.windows.covers(w.host, now)) {
      this.engine.markExpected(w.host, false);
    }
    const entry = this.opts.log.append({
      event: 'maintenance-end',
      by: how === 'ended on time' ? 'riskctl' : this.opts.operator,
      host: w.host,
      comment: `${w.reason} (${how})`,
    });
    if (w.silenceId && this.opts.alertmanager && w.endsAt > now - 1000 && how !== 'ended on time') {
      await expireSilence(this.opts.alertmanager, w.silenceId).catch(() => {});
    }
    await entry.catch(() => {});
  }

  /**
   * A window on the host Prometheus runs on (or on the fleet) silences every
   * alert; on another host, those labelled host=NAME.
   */
  private windowMatchers(host: string | null): Matcher[] {
    if (host === null || host === this.opts.prometheus?.viaName) return [{ name: 'alertname', value: '.+', isRegex: true }];
    return [{ name: 'host', value: host, isRegex: false }];
  }

  private async silence(matchers: Matcher[], comment: string, now: number, ms: number, fields: object): Promise<string> {
    const am = this.opts.alertmanager!;
    const id = await createSilence(am, { matchers, createdBy: this.opts.operator, comment, startsAt: new Date(now), endsAt: new Date(now + ms) });
    await this.opts.log.append({
      event: 'silenced',
      by: this.opts.operator,
      host: null,
      ...fields,
      comment,
      silenceId: id,
      until: new Date(now + ms).toISOString(),
    });
    this.silences = await fetchSilences(am).catch(() => this.silences);
    this.joinSilences();
    return id;
  }

  private joinSilences(): void {
    for (const a of this.engine.alerts()) if (a.source === 'prometheus' && a.labels) this.engine.setSilence(a.key, silenceFor(a.labels, this.silences));
  }

  private handle(ts: Transition[]): void {
    for (const t of ts) {
      const a = t.alert;
      if (t.type === 'fired') {
        void this.opts.log.append({ event: 'fired', by: 'riskctl', ...alertFields(a) }).catch(() => {});
        if (a.severity === 'CRITICAL' && !a.expected && this.opts.thresholds.bell) this.opts.bell?.();
      } else if (t.type === 'resolved' && t.by === 'condition') {
        void this.opts.log.append({ event: 'resolved', by: 'riskctl', ...alertFields(a), comment: 'condition cleared' }).catch(() => {});
      }
    }
  }

  private async promLoop(): Promise<void> {
    if (this.stopped) return;
    await this.pollPrometheus().catch(() => {});
    if (!this.stopped) this.promTimer = setTimeout(() => void this.promLoop(), Math.max(this.opts.refreshMs, 2000));
  }

  /** Into the store only what changed: an unchanged list keeps its identity, so nothing redraws at idle. */
  private publish(now: number): void {
    if (this.batching > 0) return;
    const cur = this.alerts.getState();
    const windows = this.windows.active(now);
    const sameWindows =
      windows.length === cur.windows.length && windows.every((w, i) => w.id === cur.windows[i]?.id && w.silenceId === cur.windows[i]?.silenceId);
    // No alert changed since the store last had them all: nothing to sort or compare.
    const revision = this.engine.revision;
    if (revision === this.publishedRevision && sameWindows) return;
    this.publishedRevision = revision;
    const alerts = sortAlerts(this.engine.alerts());
    const sameAlerts = alerts.length === cur.alerts.length && alerts.every((a, i) => a === cur.alerts[i]);
    if (sameAlerts && sameWindows) return;
    const counted = countAlerts(alerts);
    const sameCounts = counted.expected === cur.expected && (['CRITICAL', 'WARNING', 'INFO'] as const).every((s) => counted.counts[s] === cur.counts[s]);
    this.alerts.setState({
      ...(sameAlerts ? {} : { alerts }),
      ...(sameWindows ? {} : { windows }),
      ...(sameCounts ? {} : counted),
    });
  }
}
