// The resources screen's network and disk I/O section, rendered at 80 and 100 columns (the test terminal is 100 wide).
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import React from 'react';
import { DEFAULT_THRESHOLDS } from '../../src/screens/format';
import { ResourcesScreen } from '../../src/screens/ResourcesScreen';
import { ioSectionRows, shownInterfaces } from '../../src/screens/ResourcesIoSection';
import { createLiveStore, flushLiveStore, setHostStatus, setResources } from '../../src/services/liveStore';
import type { DiskIo, InterfaceIo } from '../../src/services/types';
import { snapshot } from './fixtures';

afterEach(() => cleanup());

const nic = (name: string, rx: number, tx: number, over: Partial<InterfaceIo> = {}): InterfaceIo => ({
  interface: name,
  rxBytesPerSecond: rx,
  txBytesPerSecond: tx,
  rxPacketsPerSecond: 12.5,
  txPacketsPerSecond: 4,
  rxBytes: 5_000_000,
  txBytes: 1_000_000,
  rxErrors: 0,
  txErrors: 0,
  rxDrops: 0,
  txDrops: 0,
  newErrors: 0,
  ...over,
});
const disk = (device: string, busyPercent: number, partitions: string[] = []): DiskIo => ({
  device,
  partitions,
  readBytesPerSecond: 0,
  writeBytesPerSecond: 5 * 1024 * 1024,
  iops: 50,
  busyPercent,
});

const IO = {
  network: [nic('lo', 9_000_000, 9_000_000), nic('eth0', 10 * 1024, 2048, { rxErrors: 7, newErrors: 2 }), nic('ifb0', 0, 0, { rxBytes: 0, txBytes: 0 })],
  diskIo: [disk('sda', 95.5, ['sda1', 'sda2']), disk('nvme0n1', 3)],
};

function store() {
  const now = Date.now();
  const s = createLiveStore([{ name: 'web-1', tags: [], production: false, address: 'ops@10.0.0.5:22' }]);
  setHostStatus(s, 'web-1', { state: 'connected', error: null, since: now - 60_000 });
  // Two polls: the second's figures, a sparkline of both.
  setResources(s, 'web-1', snapshot(IO), now - 2_000);
  setResources(s, 'web-1', snapshot(IO), now - 1_000);
  flushLiveStore(s);
  return s;
}

const ctx = { now: Date.now(), refreshMs: 2000, thresholds: DEFAULT_THRESHOLDS };

describe('resources: network and disk I/O', () => {
  test('loopback and never-used interfaces are hidden; the rest listed', () => {
    expect(shownInterfaces(IO.network).map((i) => i.interface)).toEqual(['eth0']);
    // title + header + 1 interface, title + header + 2 disks
    expect(ioSectionRows(snapshot(IO))).toBe(7);
    expect(ioSectionRows(snapshot())).toBe(0);
  });

  test.each([80, 100])('at %i columns: rates, errors, busy, folded partitions', (width) => {
    const r = render(<ResourcesScreen store={store()} host="web-1" scroll={0} ctx={ctx} height={28} width={width} color={false} />);
    const frame = r.lastFrame() ?? '';
    const lines = frame.split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
    expect(frame).toContain('network · 2 hidden (loopback, idle)');
    const eth0 = lines.find((l) => l.startsWith('eth0'))!;
    expect(eth0).toMatch(/eth0\s+10 KiB\/s\s+2.0 KiB\/s\s+12.5\s+4\s+7\s+0/);
    expect(frame).not.toMatch(/^lo\s/m);
    expect(lines.find((l) => l.startsWith('sda'))).toMatch(/sda \+2p\s+0 B\/s\s+5.0 MiB\/s\s+50\s+96%/);
    expect(lines.find((l) => l.startsWith('nvme0n1'))).toMatch(/3%/);
    // Sparklines of the two polls.
    expect(eth0).toMatch(/[▁▂▃▄▅▆▇█]{2}$/);
  });
});
