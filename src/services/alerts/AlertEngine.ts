/**
 * Conditions over time → alerts. Pure state: no timers, no I/O; every call
 * takes `now`, so hold times are tested with plain numbers.
 *
 * - Hold: a condition must be seen on `holdPolls` consecutive evaluations of
 *   its scope before it fires (MA-001: no page for one blip).
 * - Auto-resolve: a firing alert resolves after it has been absent for as
 *   many evaluations (hysteresis both ways).
 * - Flapping: an alert that fired `flapFires` times within `flapWindowMs` is
 *   marked flapping and needs `flapFactor` times longer to clear, so it stays
 *   one alert instead of ringing again and again.
 * - Scopes: each host, and each Prometheus, is evaluated on its own; an alert
 *   is only judged absent when its own scope was evaluated without it.
 */
import { alertKey, type Alert, type AlertNote, type Condition } from './types';

export type Transition =
  { type: 'fired'; alert: Alert } | { type: 'resolved'; alert: Alert; by: 'condition' | 'operator' } | { type: 'acknowledged'; alert: Alert };

export interface EngineOptions {
  holdPolls: number;
  flapWindowMs?: number;
  flapFires?: number;
  flapFactor?: number;
  /** How long a resolved alert stays listed (greyed) before it is dropped. */
  keepResolvedMs?: number;
  /** Whether a host is inside a maintenance window right now. */
  expected?: (host: string, now: number) => boolean;
}

interface Track {
  scope: string;
  alert: Alert;
  present: number;
  absent: number;
  /** When it fired, within the flap window: across episodes. */
  fires: number[];
}

const same = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) =>
  a === b || (a !== undefined && b !== undefined && Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]));

function changed(a: Alert, c: Condition): boolean {
  return (
    a.value !== c.value ||
    a.threshold !== c.threshold ||
    a.message !== c.message ||
    a.severity !== c.severity ||
    a.procedure !== c.procedure ||
    a.stale !== c.stale ||
    !same(a.labels, c.labels)
  );
}

export class AlertEngine {
  private tracks = new Map<string, Track>();
  /** Each scope's keys, in the order of `tracks`: a scope's evaluation visits its own alerts, not the fleet's. */
  private scopes = new Map<string, Set<string>>();
  private rev = 0;
  private readonly flapWindowMs: number;
  private readonly flapFires: number;
  private readonly flapFactor: number;
  private readonly keepResolvedMs: number;

  constructor(private opts: EngineOptions) {
    this.flapWindowMs = opts.flapWindowMs ?? 10 * 60_000;
    this.flapFires = opts.flapFires ?? 3;
    this.flapFactor = opts.flapFactor ?? 3;
    this.keepResolvedMs = opts.keepResolvedMs ?? 15 * 60_000;
  }

  /**
   * One evaluation of a scope: the conditions present now. `hold` overrides
   * holdPolls (Prometheus alerts already waited their own `for:`).
   */
  observe(scope: string, conditions: readonly Condition[], now: number, hold = this.opts.holdPolls): Transition[] {
    const out: Transition[] = [];
    const seen = new Set<string>();
    for (const c of conditions) {
      const key = alertKey(c);
      if (seen.has(key)) continue;
      seen.add(key);
      let t = this.tracks.get(key);
      if (!t || t.alert.state === 'resolved') {
        const old = t;
        t = { scope, alert: this.fresh(key, c, now), present: 0, absent: 0, fires: old?.fires ?? [] };
        this.setTrack(key, t, old);
      }
      t.present++;
      t.absent = 0;
      // Figures move while it fires: keep the latest value and message
      // (a new object only when something changed, so screens redraw only then).
      // (Object.assign, not spreads: V8 builds spreads followed by more properties slowly, and figures change every refresh.)
      if (changed(t.alert, c)) this.setAlert(t, Object.assign({}, t.alert, c, c.stale ? {} : { stale: undefined }, { key, state: t.alert.state }));
      if (t.alert.state === 'pending' && t.present >= hold) {
        t.fires = [...t.fires.filter((f) => now - f < this.flapWindowMs), now];
        const expected = this.opts.expected?.(c.host, now) ?? false;
        this.setAlert(t, { ...t.alert, state: 'firing', firedAt: now, expected, flapping: t.fires.length >= this.flapFires });
        out.push({ type: 'fired', alert: t.alert });
      }
    }
    for (const key of this.scopes.get(scope) ?? []) {
      const t = this.tracks.get(key);
      if (!t || seen.has(key)) continue;
      const a = t.alert;
      if (a.state === 'resolved') {
        if (now - (a.resolvedAt ?? now) > this.keepResolvedMs) this.deleteTrack(key, t);
        continue;
      }
      t.present = 0;
      t.absent++;
      if (a.state === 'pending') {
        // Never fired: it simply goes away.
        this.deleteTrack(key, t);
        continue;
      }
      const need = hold * (a.flapping ? this.flapFactor : 1);
      if (t.absent >= need) {
        this.setAlert(t, { ...a, state: 'resolved', resolvedAt: now });
        out.push({ type: 'resolved', alert: t.alert, by: 'condition' });
      }
    }
    return out;
  }

  acknowledge(key: string, note: AlertNote): Transition | null {
    const t = this.tracks.get(key);
    if (!t || (t.alert.state !== 'firing' && t.alert.state !== 'acknowledged')) return null;
    this.setAlert(t, { ...t.alert, state: 'acknowledged', ack: note });
    return { type: 'acknowledged', alert: t.alert };
  }

  /**
   * An operator closes it. If the condition still holds it is raised again
   * after the hold time: closing an alert does not make a full disk go away.
   */
  resolve(key: string, note: AlertNote): Transition | null {
    const t = this.tracks.get(key);
    if (!t || t.alert.state === 'resolved') return null;
    this.setAlert(t, { ...t.alert, state: 'resolved', resolvedAt: note.at, resolution: note });
    t.present = 0;
    return { type: 'resolved', alert: t.alert, by: 'operator' };
  }

  /** Set or clear the expected mark on a host's open alerts (a maintenance window ended). */
  markExpected(host: string | null, expected: boolean): void {
    for (const t of this.tracks.values()) {
      if ((host === null || t.alert.host === host) && t.alert.state !== 'resolved' && t.alert.expected !== expected) {
        this.setAlert(t, { ...t.alert, expected });
      }
    }
  }

  /** Attach what Alertmanager says about an alert (its silence), by key. */
  setSilence(key: string, silence: Alert['silence']): void {
    const t = this.tracks.get(key);
    if (t && t.alert.silence?.id !== silence?.id) this.setAlert(t, { ...t.alert, silence });
  }

  get(key: string): Alert | undefined {
    return this.tracks.get(key)?.alert;
  }

  /** Every alert the engine knows (pending, open and recently resolved). */
  alerts(): Alert[] {
    return [...this.tracks.values()].map((t) => t.alert);
  }

  /**
   * Goes up whenever any alert changes, appears or goes: alerts() lists the
   * same objects while it stays, so a publisher compares one number.
   */
  get revision(): number {
    return this.rev;
  }

  private setAlert(t: Track, alert: Alert): void {
    t.alert = alert;
    this.rev++;
  }

  private setTrack(key: string, t: Track, old: Track | undefined): void {
    this.rev++;
    if (old && old.scope !== t.scope) this.scopes.get(old.scope)?.delete(key);
    this.tracks.set(key, t);
    let keys = this.scopes.get(t.scope);
    if (!keys) this.scopes.set(t.scope, (keys = new Set()));
    keys.add(key);
  }

  private deleteTrack(key: string, t: Track): void {
    this.rev++;
    this.tracks.delete(key);
    const keys = this.scopes.get(t.scope);
    keys?.delete(key);
    if (keys?.size === 0) this.scopes.delete(t.scope);
  }

  private fresh(key: string, c: Condition, now: number): Alert {
    return {
      ...c,
      key,
      state: 'pending',
      since: now,
      firedAt: null,
      resolvedAt: null,
      ack: null,
      resolution: null,
      expected: false,
      flapping: false,
      silence: null,
    };
  }
}
