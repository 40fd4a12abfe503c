/**
 * What the screens read about alerts: a vanilla zustand store of its own (the
 * live store stays about hosts), written only by AlertService. Screens call
 * AlertActions and do no I/O.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { inertStore } from '../inertStore';
import type { MaintenanceWindow } from './maintenance';
import { SEVERITY_RANK, type Alert, type Severity } from './types';
import { byName } from '../byName';

export type SeverityCounts = Record<Severity, number>;

export interface AlertsState {
  /** Open first (most severe, then newest), then pending, then recently resolved. */
  alerts: Alert[];
  /** Open alerts by severity, not counting those expected in a maintenance window. */
  counts: SeverityCounts;
  /** Open alerts marked expected (inside a maintenance window). */
  expected: number;
  windows: MaintenanceWindow[];
  /** Prometheus/Alertmanager: configured, and the last error reaching them. */
  prometheus: { configured: boolean; error: string | null; updatedAt: number | null };
}

export type AlertStore = StoreApi<AlertsState>;

export interface AlertActions {
  /** Acknowledge with a comment; a Prometheus alert also becomes an Alertmanager silence for silenceMs. Resolves with a line for the status bar. */
  acknowledge(key: string, comment: string, silenceMs?: number): Promise<string>;
  resolve(key: string, comment: string): Promise<string>;
  /** Many alerts (a grouped storm) as acknowledge/resolve each, the store updated once; each result line in key order. */
  acknowledgeAll?(keys: readonly string[], comment: string, silenceMs?: number): Promise<string[]>;
  resolveAll?(keys: readonly string[], comment: string): Promise<string[]>;
  /** host null: the whole fleet. */
  startMaintenance(host: string | null, durationMs: number, reason: string): Promise<string>;
  endMaintenance(host: string | null): Promise<string>;
}

export const ZERO_COUNTS: SeverityCounts = { CRITICAL: 0, WARNING: 0, INFO: 0 };

/** Alerts carry remote text (Prometheus labels and annotations, probe errors): the store holds it inert. */
export function createAlertStore(): AlertStore {
  return inertStore(
    createStore<AlertsState>()(() => ({
      alerts: [],
      counts: ZERO_COUNTS,
      expected: 0,
      windows: [],
      prometheus: { configured: false, error: null, updatedAt: null },
    })),
  );
}

export const isOpen = (a: Alert): boolean => a.state === 'firing' || a.state === 'acknowledged';

const STATE_RANK: Record<Alert['state'], number> = { firing: 0, acknowledged: 0, pending: 1, resolved: 2 };

export function sortAlerts(list: readonly Alert[]): Alert[] {
  return [...list].sort(
    (a, b) =>
      STATE_RANK[a.state] - STATE_RANK[b.state] ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (b.firedAt ?? b.since) - (a.firedAt ?? a.since) ||
      byName(a.key, b.key),
  );
}

export function countAlerts(list: readonly Alert[]): { counts: SeverityCounts; expected: number } {
  const counts = { ...ZERO_COUNTS };
  let expected = 0;
  for (const a of list) {
    if (!isOpen(a)) continue;
    if (a.expected) expected++;
    else counts[a.severity]++;
  }
  return { counts, expected };
}
