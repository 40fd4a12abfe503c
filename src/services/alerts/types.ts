/**
 * The shapes of alerts. A rule turns a host's snapshots into Conditions (what
 * is wrong right now); the engine turns Conditions over time into Alerts
 * (held, fired, acknowledged, resolved). Severities are MA-001's.
 */

export type Severity = 'CRITICAL' | 'WARNING' | 'INFO';

/** Sort order: the most urgent first. */
export const SEVERITY_RANK: Record<Severity, number> = { CRITICAL: 0, WARNING: 1, INFO: 2 };

export type AlertSource = 'riskctl' | 'prometheus';

/** One thing wrong right now, as a rule (or Prometheus) sees it. */
export interface Condition {
  severity: Severity;
  /** The rule's id: "disk-critical", "service-down", or a Prometheus alertname. */
  rule: string;
  host: string;
  /** What on the host: a mount, a container, a certificate path; "" for the host itself. */
  target: string;
  /** The measured value (a number, or a word like "exited"); null when there is none. */
  value: number | string | null;
  threshold: number | string | null;
  message: string;
  /** The library procedure that answers it (IR-002, PM-002 …). */
  procedure: string;
  source: AlertSource;
  /** Prometheus labels, so an acknowledgement can become an Alertmanager silence. */
  labels?: Record<string, string>;
  /**
   * Judged on the last figures that could be read (the Docker engine stopped
   * answering): kept, so an outage never lowers what is raised, and marked.
   */
  stale?: boolean;
}

/**
 * pending: seen, not yet for the hold time; firing: raised; acknowledged: an
 * operator is on it; resolved: cleared by itself or closed by an operator.
 */
export type AlertState = 'pending' | 'firing' | 'acknowledged' | 'resolved';

export interface AlertNote {
  by: string;
  at: number;
  comment: string;
}

export interface SilenceInfo {
  id: string;
  createdBy: string;
  comment: string;
  endsAt: string;
}

export interface Alert extends Condition {
  /** Stable identity across polls: source|rule|host|target. */
  key: string;
  state: AlertState;
  /** When the condition was first seen in this episode, and when it fired. */
  since: number;
  firedAt: number | null;
  resolvedAt: number | null;
  ack: AlertNote | null;
  resolution: AlertNote | null;
  /** Raised inside a maintenance window: listed, but expected and silent. */
  expected: boolean;
  /** Fired and cleared too often lately: it now needs longer to clear. */
  flapping: boolean;
  /** An Alertmanager silence that covers it (Prometheus alerts). */
  silence: SilenceInfo | null;
}

export function alertKey(c: Pick<Condition, 'source' | 'rule' | 'host' | 'target'>): string {
  return `${c.source}|${c.rule}|${c.host}|${c.target}`;
}

/** `riskctl alerts --json` and status's per-host "alerts": a contract — extend, never rename. */
export interface AlertJson {
  severity: Severity;
  rule: string;
  host: string;
  target: string;
  value: number | string | null;
  threshold: number | string | null;
  message: string;
  procedure: string;
  source: AlertSource;
  state: AlertState;
  expected?: boolean;
  silence?: SilenceInfo | null;
  /** Judged on the last figures read before their source stopped answering. */
  stale?: boolean;
}

export function alertJson(a: Condition & { state: AlertState; expected?: boolean; silence?: SilenceInfo | null }): AlertJson {
  const out: AlertJson = {
    severity: a.severity,
    rule: a.rule,
    host: a.host,
    target: a.target,
    value: a.value,
    threshold: a.threshold,
    message: a.message,
    procedure: a.procedure,
    source: a.source,
    state: a.state,
  };
  if (a.expected) out.expected = true;
  if (a.silence) out.silence = a.silence;
  if (a.stale) out.stale = true;
  return out;
}
