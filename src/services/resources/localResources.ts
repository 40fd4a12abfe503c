import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { DiskUsage, ResourcesSnapshot } from '../types';
import { visibleDisks } from './diskFilter';
import { ioFigures, ioSample, type IoSample } from './ioRates';
import { dfUsedPercent } from './parseDf';
import { round1 } from './round';

type SI = typeof import('systeminformation');
let siPromise: Promise<SI> | null = null;

/** systeminformation is large; load it only when a local host is actually polled. */
function loadSi(): Promise<SI> {
  siPromise ??= import('systeminformation');
  return siPromise;
}

/** "Debian GNU/Linux" + "12" + "bookworm" → "Debian GNU/Linux 12 (bookworm)", like PRETTY_NAME. */
export function formatOs(info: { distro: string; release: string; codename: string; platform: string }): string {
  let s = info.distro || info.platform || 'unknown';
  if (info.release && !s.includes(info.release)) s += ` ${info.release}`;
  if (info.codename && !s.toLowerCase().includes(info.codename.toLowerCase())) s += ` (${info.codename})`;
  return s;
}

/**
 * This machine's figures through systeminformation (also works on the macOS
 * laptop an operator may run riskctl on, where there is no /proc).
 *
 * si.currentLoad() measures from its own previous call, kept module-wide; its
 * very first call measures since boot, which is not "now". So the first poll of
 * each sampler reports null, like the first poll of a remote host.
 */
export class LocalResourcesSampler {
  private primed = false;
  private prevIo: IoSample | null = null;

  async sample(fallbackHostname: string): Promise<ResourcesSnapshot> {
    const si = await loadSi();
    const [load, mem, fsRows, info, io] = await Promise.all([si.currentLoad(), si.mem(), si.fsSize(), si.osInfo(), readIo()]);
    const rates = io ? ioFigures(io, this.prevIo) : null;
    if (io) this.prevIo = io;
    const time = si.time();
    const first = !this.primed;
    this.primed = true;
    const [load1 = 0, load5 = 0, load15 = 0] = os.loadavg();
    const available = Math.min(mem.available, mem.total);
    const disks: DiskUsage[] = fsRows.map((f) => {
      const d: DiskUsage = {
        mount: f.mount,
        fs: f.fs,
        sizeBytes: f.size,
        usedBytes: f.used,
        availBytes: f.available,
        // Same rounding as the remote path (and as df), not si's two-decimal `use`.
        usedPercent: dfUsedPercent(f.used, f.available),
      };
      if (f.type) d.type = f.type;
      if (f.rw !== null && f.rw !== undefined) d.readOnly = !f.rw;
      return d;
    });
    const pct = (n: number) => (Number.isFinite(n) ? round1(Math.min(Math.max(n, 0), 100)) : null);
    return {
      hostname: info.hostname || os.hostname() || fallbackHostname,
      os: formatOs(info),
      cpuPercent: first ? null : pct(load.currentLoad),
      cpuSteal: first ? null : pct(load.currentLoadSteal),
      // si does not split iowait out (Node's os.cpus() drops it).
      cpuIowait: null,
      memoryPercent: mem.total > 0 ? round1(((mem.total - available) / mem.total) * 100) : 0,
      memTotalBytes: mem.total,
      memAvailableBytes: available,
      swapPercent: mem.swaptotal > 0 ? round1(((mem.swaptotal - mem.swapfree) / mem.swaptotal) * 100) : null,
      load1,
      load5,
      load15,
      cores: os.availableParallelism(),
      uptimeSeconds: Math.floor(Number(time.uptime) || os.uptime()),
      disks: visibleDisks(disks),
      warnings: [],
      ...(rates ? { network: rates.network, diskIo: rates.diskIo } : {}),
    };
  }
}

/** This machine's network and disk counters, the same files a remote host's sampler reads; null without /proc (macOS). */
async function readIo(): Promise<IoSample | null> {
  const read = (path: string) => readFile(path, 'utf8').catch(() => '');
  const [netDev, diskstats] = await Promise.all([read('/proc/net/dev'), read('/proc/diskstats')]);
  return ioSample(netDev, diskstats, performance.now() / 1000);
}
