/** Alerts for the grouping tests: one builder, and a storm of four causes on 100 hosts plus one lone warning. */
import { alertKey, type Alert } from '../../src/services/alerts/types';

export const T0 = Date.parse('2026-11-27T03:00:00Z');

export function mkAlert(patch: Partial<Alert> & { host: string; rule: string }): Alert {
  const base = {
    severity: 'CRITICAL' as const,
    target: '',
    value: null,
    threshold: null,
    message: `${patch.rule} on ${patch.host}`,
    procedure: 'IR-002',
    source: 'riskctl' as const,
    state: 'firing' as const,
    since: T0 - 60_000,
    firedAt: T0 - 60_000,
    resolvedAt: null,
    ack: null,
    resolution: null,
    expected: false,
    flapping: false,
    silence: null,
    ...patch,
  };
  return { ...base, key: alertKey(base) };
}

export const stormHost = (i: number): string => `host-${String(i).padStart(3, '0')}`;

/** 4 CRITICAL causes on each of 100 hosts (400 alerts), health-failing api the newest, and one WARNING on one host. */
export function storm(hosts = 100): Alert[] {
  const out: Alert[] = [];
  const causes: Array<Pick<Alert, 'rule' | 'target' | 'procedure'>> = [
    { rule: 'health-failing', target: 'api', procedure: 'IR-002' },
    { rule: 'service-down', target: 'worker', procedure: 'IR-002' },
    { rule: 'cert-expiring', target: '/etc/ssl/api.pem', procedure: 'SE-003' },
    { rule: 'backup-stale', target: '/backups', procedure: 'DR-001' },
  ];
  // The first cause fired last: most urgent first, it is the top row.
  causes.forEach((c, n) => {
    for (let i = 1; i <= hosts; i++) out.push(mkAlert({ ...c, host: stormHost(i), firedAt: T0 - 60_000 - n * 1000 }));
  });
  out.push(mkAlert({ rule: 'cpu', host: stormHost(7), severity: 'WARNING', value: 91, threshold: 70, procedure: 'PM-002' }));
  return out;
}
