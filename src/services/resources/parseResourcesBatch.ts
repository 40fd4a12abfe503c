import type { DiskUsage, ResourcesSnapshot } from '../types';
import { visibleDisks } from './diskFilter';
import { parseDf } from './parseDf';
import { parseLoadavg } from './parseLoadavg';
import { parseMeminfo } from './parseMeminfo';
import { osName } from './parseOsRelease';
import { parseProcMounts, type MountInfo } from './parseProcMounts';
import { cpuUsage, parseProcStat, type CpuSample } from './parseProcStat';
import { parseUptime, uptimeSeconds } from './parseUptime';
import { DF_TIMEOUT_SECONDS } from './remoteResourcesCommand';
import { splitSections } from './sections';
import { ioFigures, ioSample, type IoSample } from './ioRates';
import { lastWholeDisks, wholeDisks } from './parseDiskstats';

/** The output could not become a snapshot; the message says which command is missing. */
export class ResourcesParseError extends Error {
  override name = 'ResourcesParseError';
}

export interface BatchResult {
  snapshot: ResourcesSnapshot;
  /** Keep for the next poll's CPU %; null when /proc/stat was unreadable. */
  cpuSample: CpuSample | null;
  /** Keep for the next poll's network and disk rates; null when the host printed neither. */
  ioSample: IoSample | null;
}

export interface BatchOptions {
  /** The previous poll's sample of this host; null/absent on the first poll. */
  prev?: CpuSample | null;
  /** The previous poll's network and disk counters of this host. */
  prevIo?: IoSample | null;
  /** Shown when the host would not say its name (the configured name is a fair stand-in). */
  fallbackHostname?: string;
  /** From steadyParsers(), kept between one host's polls. */
  parsers?: SteadyParsers;
}

/** fn, remembering its last argument's result: steady sections come back as the same text poll after poll. */
function lastOf<R>(fn: (text: string) => R): (text: string) => R {
  let last: { text: string; result: R } | null = null;
  return (text) => {
    if (last?.text !== text) last = { text, result: fn(text) };
    return last.result;
  };
}

interface DisksFound {
  disks: DiskUsage[];
  warnings: string[];
}

/**
 * The disk figures from df's text, the mounts and df's exit, remembering the
 * last: df runs every DF_PERIOD_SECONDS and the mounts change rarely, so most
 * samples bring back the same three and reuse the same (unchanged) array.
 */
function lastDisks(): (df: string, mounts: ReadonlyMap<string, MountInfo>, dfExit: string) => DisksFound {
  let last: { df: string; mounts: ReadonlyMap<string, MountInfo>; dfExit: string; found: DisksFound } | null = null;
  return (df, mounts, dfExit) => {
    if (last?.df !== df || last.mounts !== mounts || last.dfExit !== dfExit) last = { df, mounts, dfExit, found: findDisks(df, mounts, dfExit) };
    return last.found;
  };
}

/** Parsers of the steady sections, each remembering its last text: one set per host keeps them hitting. */
export function steadyParsers() {
  return { osName: lastOf(osName), mounts: lastOf(parseProcMounts), disks: lastDisks(), fold: lastWholeDisks() };
}
export type SteadyParsers = ReturnType<typeof steadyParsers>;
const unmemoised: SteadyParsers = { osName, mounts: parseProcMounts, disks: findDisks, fold: wholeDisks };

/** Exit statuses of `timeout` (GNU 124) or of df killed by TERM/KILL (busybox timeout). */
const TIMED_OUT = new Set([124, 137, 143]);

/**
 * Turns the remote command's output into a snapshot. Memory, load and uptime
 * are required (every Linux has them; without them the output is not what we
 * asked for). CPU and disks degrade: null / empty plus a warning.
 */
export function parseResourcesBatch(stdout: string, opts: BatchOptions = {}): BatchResult {
  return parseResourcesSections(splitSections(stdout), opts);
}

/** The same, from the output already split into its sections. */
export function parseResourcesSections(sec: ReadonlyMap<string, string>, opts: BatchOptions = {}): BatchResult {
  if (sec.size === 0) throw new ResourcesParseError('the resources command printed none of its sections');
  if (!sec.has('end')) throw new ResourcesParseError('the resources command output is cut short');
  const text = (name: string) => sec.get(name) ?? '';
  const warnings: string[] = [];

  const mem = parseMeminfo(text('meminfo'));
  const load = parseLoadavg(text('loadavg'));
  const uptime = parseUptime(text('uptime'));
  if (!mem || !load || uptime === null) {
    const missing = [!mem && '/proc/meminfo', !load && '/proc/loadavg', uptime === null && '/proc/uptime'].filter(Boolean);
    throw new ResourcesParseError(`unreadable ${missing.join(', ')} (is this a Linux host?)`);
  }

  const cpuSample = parseProcStat(text('stat'));
  if (!cpuSample) warnings.push('/proc/stat unreadable: no CPU %');
  const usage = opts.prev && cpuSample ? cpuUsage(opts.prev, cpuSample) : null;

  const nproc = Number(text('nproc').trim());
  const cores = Number.isInteger(nproc) && nproc > 0 ? nproc : cpuSample?.cpuCount || 1;

  const hostname = text('hostname').trim() || opts.fallbackHostname || 'unknown';
  const parsers = opts.parsers ?? unmemoised;
  const os = parsers.osName(text('osrelease')) ?? (text('uname').trim() || 'unknown');

  // The host's own clock, to the centisecond: rates do not depend on when the sample reached us.
  const at = uptimeSeconds(text('uptime'));
  const io = ioSample(text('netdev'), text('diskstats'), at, parsers.fold);
  const rates = io ? ioFigures(io, opts.prevIo ?? null) : null;
  const disks = parsers.disks(text('df'), parsers.mounts(text('mounts')), text('dfexit'));
  warnings.push(...disks.warnings);

  return {
    cpuSample,
    ioSample: io,
    snapshot: {
      hostname,
      os,
      cpuPercent: usage?.percent ?? null,
      cpuSteal: usage?.steal ?? null,
      cpuIowait: usage?.iowait ?? null,
      memoryPercent: mem.memoryPercent,
      memTotalBytes: mem.memTotalBytes,
      memAvailableBytes: mem.memAvailableBytes,
      swapPercent: mem.swapPercent,
      load1: load.load1,
      load5: load.load5,
      load15: load.load15,
      cores,
      uptimeSeconds: uptime,
      disks: disks.disks,
      warnings,
      ...(rates ? { network: rates.network, diskIo: rates.diskIo } : {}),
    },
  };
}

function findDisks(df: string, mounts: ReadonlyMap<string, MountInfo>, dfExit: string): DisksFound {
  const exit = Number(dfExit.trim());
  if (TIMED_OUT.has(exit)) return { disks: [], warnings: [`df timed out after ${DF_TIMEOUT_SECONDS} s (a hung network mount?): no disk figures`] };
  const rows = parseDf(df);
  if (rows.length === 0) return { disks: [], warnings: [exit === 127 ? 'df not found: no disk figures' : 'df printed no filesystems'] };
  const disks = visibleDisks(
    rows.map((r) => {
      const m = mounts.get(r.mount);
      const d: DiskUsage = {
        mount: r.mount,
        fs: r.source,
        sizeBytes: r.sizeBytes,
        usedBytes: r.usedBytes,
        availBytes: r.availBytes,
        usedPercent: r.usedPercent,
      };
      if (m) {
        d.type = m.type;
        d.readOnly = m.readOnly;
      }
      return d;
    }),
  );
  return { disks, warnings: [] };
}
