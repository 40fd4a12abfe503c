/**
 * Prometheus and Alertmanager: their HTTP APIs (through httpVia) and the pure
 * mapping of their answers to riskctl conditions. Prometheus's firing alerts
 * and its `up` series join the list with source "prometheus"; an
 * acknowledgement of one becomes an Alertmanager silence (POST /api/v2/silences).
 */
import { requestJson, type HttpEndpoint } from './httpVia';
import type { Condition, Severity, SilenceInfo } from './types';

export interface PromAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: string;
  activeAt?: string;
  value?: string;
}

export interface UpSample {
  labels: Record<string, string>;
  value: number;
}

export interface Matcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual?: boolean;
}

export interface Silence {
  id: string;
  status: { state: string };
  matchers: Matcher[];
  createdBy: string;
  comment: string;
  startsAt: string;
  endsAt: string;
}

function data<T>(body: unknown, what: string): T {
  const b = body as { status?: string; data?: T; error?: string } | null;
  if (!b || b.status !== 'success' || b.data === undefined) throw new Error(`Prometheus ${what}: ${b?.error ?? 'unexpected answer'}`);
  return b.data;
}

export async function fetchPromAlerts(ep: HttpEndpoint, signal?: AbortSignal): Promise<PromAlert[]> {
  return data<{ alerts: PromAlert[] }>(await requestJson(ep, 'GET', '/api/v1/alerts', undefined, { signal }), '/api/v1/alerts').alerts;
}

export async function fetchUp(ep: HttpEndpoint, signal?: AbortSignal): Promise<UpSample[]> {
  const d = data<{ result: Array<{ metric: Record<string, string>; value: [number, string] }> }>(
    await requestJson(ep, 'GET', '/api/v1/query?query=up', undefined, { signal }),
    'query up',
  );
  return d.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
}

export async function fetchSilences(ep: HttpEndpoint, signal?: AbortSignal): Promise<Silence[]> {
  return (await requestJson(ep, 'GET', '/api/v2/silences', undefined, { signal })) as Silence[];
}

export async function createSilence(
  ep: HttpEndpoint,
  s: { matchers: Matcher[]; createdBy: string; comment: string; startsAt: Date; endsAt: Date },
): Promise<string> {
  const body = {
    matchers: s.matchers.map((m) => ({ isEqual: true, ...m })),
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    createdBy: s.createdBy,
    comment: s.comment,
  };
  const res = (await requestJson(ep, 'POST', '/api/v2/silences', body)) as { silenceID?: string } | null;
  if (!res?.silenceID) throw new Error('Alertmanager did not return a silence id');
  return res.silenceID;
}

export async function expireSilence(ep: HttpEndpoint, id: string): Promise<void> {
  await requestJson(ep, 'DELETE', `/api/v2/silence/${encodeURIComponent(id)}`);
}

const SEVERITY: Record<string, Severity> = {
  critical: 'CRITICAL',
  page: 'CRITICAL',
  error: 'CRITICAL',
  warning: 'WARNING',
  warn: 'WARNING',
  info: 'INFO',
  none: 'INFO',
};

/** Which configured host a Prometheus series belongs to: its `host` label, else the Prometheus's own host. */
export function hostOf(labels: Record<string, string>, hosts: readonly string[], fallback: string): string {
  const h = labels.host;
  return h !== undefined && hosts.includes(h) ? h : fallback;
}

/** Prometheus's firing alerts and down targets as conditions (pending ones are Prometheus's own hold time). */
export function promConditions(alerts: PromAlert[], up: UpSample[], hosts: readonly string[], fallbackHost: string): Condition[] {
  const out: Condition[] = [];
  for (const a of alerts) {
    if (a.state !== 'firing') continue;
    const l = a.labels;
    const name = l.alertname ?? 'unnamed';
    const value = a.value === undefined ? null : Number(a.value);
    out.push({
      severity: SEVERITY[(l.severity ?? '').toLowerCase()] ?? 'WARNING',
      rule: name,
      host: hostOf(l, hosts, fallbackHost),
      target: l.instance ?? l.job ?? '',
      value: value === null || Number.isNaN(value) ? (a.value ?? null) : value,
      threshold: null,
      message: a.annotations.summary ?? a.annotations.description ?? name,
      procedure: l.procedure ?? a.annotations.procedure ?? 'MA-001',
      source: 'prometheus',
      labels: l,
    });
  }
  for (const s of up) {
    if (s.value !== 0) continue;
    const { job = '', instance = '' } = s.labels;
    out.push({
      severity: 'CRITICAL',
      rule: 'target-down',
      host: hostOf(s.labels, hosts, fallbackHost),
      target: instance ? `${job} ${instance}` : job,
      value: 0,
      threshold: 1,
      message: `Prometheus target ${instance} (job ${job}) is down`,
      procedure: 'IR-002',
      source: 'prometheus',
      labels: { job, instance },
    });
  }
  return out;
}

function matches(m: Matcher, labels: Record<string, string>): boolean {
  const v = labels[m.name] ?? '';
  const hit = m.isRegex ? new RegExp(`^(?:${m.value})$`).test(v) : v === m.value;
  return m.isEqual === false ? !hit : hit;
}

/** The active silence (latest ending) whose matchers all match these labels. */
export function silenceFor(labels: Record<string, string>, silences: readonly Silence[]): SilenceInfo | null {
  let best: Silence | null = null;
  for (const s of silences) {
    if (s.status.state !== 'active') continue;
    let ok: boolean;
    try {
      ok = s.matchers.every((m) => matches(m, labels));
    } catch {
      ok = false; // a regex JavaScript cannot read: not ours to judge
    }
    if (ok && (best === null || s.endsAt > best.endsAt)) best = s;
  }
  return best && { id: best.id, createdBy: best.createdBy, comment: best.comment, endsAt: best.endsAt };
}

/** Matchers that silence exactly this alert: every label Prometheus gave it. */
export function matchersFor(labels: Record<string, string>): Matcher[] {
  return Object.entries(labels)
    .filter(([k]) => !k.startsWith('__'))
    .map(([name, value]) => ({ name, value, isRegex: false }));
}
