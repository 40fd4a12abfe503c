import { thresholdsSchema, type Thresholds } from '../../../src/hosts/configSchema';
import type { HostAlertInput } from '../../../src/services/alerts/inputs';
import type { ResourcesSnapshot } from '../../../src/services/types';

/** The library's defaults, exactly as the config schema fills them in. */
export const TH: Thresholds = thresholdsSchema.parse({});

export const NOW = Date.parse('2026-11-27T03:00:00Z');

export function resources(patch: Partial<ResourcesSnapshot> = {}): ResourcesSnapshot {
  return {
    hostname: 'h',
    os: 'Debian 12',
    cpuPercent: 10,
    memoryPercent: 40,
    memTotalBytes: 8e9,
    memAvailableBytes: 4.8e9,
    swapPercent: 0,
    load1: 0.5,
    load5: 0.4,
    load15: 0.3,
    cores: 2,
    uptimeSeconds: 1000,
    disks: [{ mount: '/', fs: '/dev/sda1', sizeBytes: 1e11, usedBytes: 2e10, availBytes: 8e10, usedPercent: 20 }],
    ...patch,
  };
}

/** A healthy, connected host; patch what a case needs. */
export function host(patch: Partial<HostAlertInput> = {}): HostAlertInput {
  return { name: 'prod-1', state: 'connected', error: null, wanted: true, resources: resources(), ...patch };
}

export const disk = (mount: string, usedPercent: number) => ({ mount, fs: mount, sizeBytes: 1e11, usedBytes: usedPercent * 1e9, availBytes: 1e9, usedPercent });
