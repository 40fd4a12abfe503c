/** Open alerts per host, for the overview's worst-first order. */
import type { Alert } from '../services/alerts/types';
import type { HostAlertCount } from './sortHosts';

/** Firing and acknowledged alerts by host; those expected in a maintenance window do not count. */
export function hostAlertCounts(alerts: readonly Pick<Alert, 'host' | 'severity' | 'state' | 'expected'>[]): Map<string, HostAlertCount> {
  const out = new Map<string, HostAlertCount>();
  for (const a of alerts) {
    if ((a.state !== 'firing' && a.state !== 'acknowledged') || a.expected || a.severity === 'INFO') continue;
    const c = out.get(a.host) ?? { critical: 0, warning: 0 };
    if (a.severity === 'CRITICAL') c.critical++;
    else c.warning++;
    out.set(a.host, c);
  }
  return out;
}
