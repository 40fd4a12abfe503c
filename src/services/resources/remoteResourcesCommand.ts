import { batchText } from './batchedCommandScript';
import samplerProgram from './sampler.sh' with { type: 'text' };
import { SECTION_PREFIX, SECTION_SUFFIX, type SectionName } from './sections';

/** df gets this long before it is killed: a hung NFS mount blocks statfs forever. */
export const DF_TIMEOUT_SECONDS = 5;

/**
 * The shell script, one line. Rules it keeps, and why:
 * - Plain POSIX sh (dash, busybox ash): no bashisms, no `local`, no `[[`.
 * - Every command reads or runs with stderr discarded, and nothing uses `set -e`,
 *   so a missing file or tool only empties its own section; the script ends
 *   with `exit 0`.
 * - LC_ALL=C: df's header and digits are parsed; a localised df would print
 *   "Dateisystem 1-Blöcke".
 * - df: `-B1` gives exact bytes (GNU, busybox); it is probed on / first so a
 *   df without -B falls back to the POSIX `-k`. Probing, not retrying on
 *   failure: df exits 1 when one mount is unreadable yet prints all the rest,
 *   and a retry would print everything twice. `timeout` (GNU or busybox ≥ 1.30;
 *   probed, older busybox wants -t) bounds df; its exit status goes into its
 *   own section so a timeout reads as such instead of "no disks".
 * - No `'`, `!`, backslash pairs or newlines: the script is wrapped in single
 *   quotes for `/bin/sh -c`, so it runs the same whatever the login shell of
 *   the remote account (bash, zsh, fish, csh, which treat these specially).
 * - Filesystems are filtered in TypeScript (types from /proc/mounts), not with
 *   `df -x`: busybox df has no -x, and /proc/mounts also tells ro from rw.
 */
// The empty echo ends a command whose output lacks a final newline (os-release
// may), so the marker always starts its own line.
const s = (name: string) => `echo; echo ${SECTION_PREFIX}${name}${SECTION_SUFFIX}`;

/**
 * How often the sampler runs df (sampler.sh): filesystems fill by minutes,
 * not seconds, and a df costs a watched host about as much as half a minute
 * of samples.
 */
export const DF_PERIOD_SECONDS = 120;

/** timeout, probed once per shell: sets $T. */
const TIMEOUT_PROBE = ['export LC_ALL=C', 'T=', `timeout 1 true >/dev/null 2>&1 && T="timeout ${DF_TIMEOUT_SECONDS}"`];
/** timeout and df's block size, probed once per shell: sets $T and $B. */
const PROBES = [...TIMEOUT_PROBE, 'B=-k', '$T df -P -B1 / >/dev/null 2>&1 && B=-B1'];

/** Commands whose figures change at every poll. */
const LIVE: readonly [SectionName, string][] = [
  // Only the cpu lines: the rest (the intr line above all) runs to kilobytes on big hosts. cat if there is no grep.
  ['stat', 'grep ^cpu /proc/stat 2>/dev/null || cat /proc/stat 2>/dev/null'],
  // Only the fields parseMeminfo reads (7 lines of ~55); cat if there is no grep -E.
  ['meminfo', 'grep -E "^(MemTotal|MemFree|MemAvailable|Buffers|Cached|SwapTotal|SwapFree):" /proc/meminfo 2>/dev/null || cat /proc/meminfo 2>/dev/null'],
  ['loadavg', 'cat /proc/loadavg 2>/dev/null'],
  ['uptime', 'cat /proc/uptime 2>/dev/null'],
  ['netdev', 'cat /proc/net/dev 2>/dev/null'],
  // Loop and RAM devices are never shown: left out on the host (dozens of loop lines on a snap or image host).
  ['diskstats', 'grep -Ev "^ *[0-9]+ +[0-9]+ (loop|ram)[0-9]" /proc/diskstats 2>/dev/null || cat /proc/diskstats 2>/dev/null'],
];

/** Commands that change rarely or never: a sampler (below) prints them only when they changed. */
const STEADY: readonly [SectionName, string][] = [
  // nproc honours CPU affinity/cpusets (what a container may use); getconf is the fallback.
  ['nproc', 'nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null'],
  // uname -n is POSIX and always there; the `hostname` binary is not (minimal images).
  ['hostname', 'uname -n 2>/dev/null || cat /proc/sys/kernel/hostname 2>/dev/null'],
  ['osrelease', 'cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null'],
  ['uname', 'uname -sr 2>/dev/null'],
  ['mounts', 'cat /proc/mounts 2>/dev/null'],
];

export const STEADY_SECTIONS: ReadonlySet<string> = new Set(STEADY.map(([name]) => name));

const DF = [s('df'), '$T df -P $B 2>/dev/null', 'r=$?', s('dfexit'), 'echo $r', s('end')];

const BODY = [...PROBES, ...[...LIVE, ...STEADY].flatMap(([name, cmd]) => [s(name), cmd]), ...DF];
const SCRIPT = [...BODY, 'exit 0'].join('; ');

/**
 * The one command a resources poll executes on an SSH host: every figure of a
 * ResourcesSnapshot in a single exec channel (the bench counts channels).
 * Each command is preceded by its marker line; see sections.ts.
 */
export const remoteResourcesCommand = `/bin/sh -c '${SCRIPT}'`;

/** The script alone, for tests that run it through a shell directly. */
export const remoteResourcesScript = SCRIPT;

/**
 * The same command batching n commands after its `end` section (see
 * batchedCommandScript.ts); their scripts and values come in the exec's env.
 */
export function remoteResourcesCommandWithBatch(n: number): string {
  if (n === 0) return remoteResourcesCommand;
  return `/bin/sh -c '${[...BODY, batchText(n), 'exit 0'].join('; ')}'`;
}

/**
 * n commands alone, for a host whose resources come from its sampler: the
 * probe of `timeout` (the commands' is $T) and the commands, nothing else
 * (no df, so no probe of df's block size).
 */
export function remoteBatchCommand(n: number): string {
  if (n < 1) throw new Error('remoteBatchCommand needs at least one command');
  return `/bin/sh -c '${[...TIMEOUT_PROBE, batchText(n), 'exit 0'].join('; ')}'`;
}

/** The line a sampler prints after each sample: the lease's nonce and the sample's index in it. */
export const sampleEnd = (nonce: string) => `@@riskctl-sample:${nonce}@@`;

/**
 * The long-lived sampler (sampler.sh, which says how it works and what a
 * sample costs the host) as the one line `/bin/sh -c '…'` runs: comment
 * lines dropped, the rest joined with one space, which the file is written
 * to allow.
 */
export function shellOneLine(program: string): string {
  return program
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .join(' ');
}

const SAMPLER = shellOneLine(samplerProgram);

/** Sections a sample may leave out, whose last text stands (ResourcesSampler keeps it). */
export const KEPT_SECTIONS: ReadonlySet<string> = new Set([...STEADY_SECTIONS, 'df', 'dfexit']);

/** The program is its own $0 as well: under dash it runs itself again under bash (sampler.sh). */
export const resourcesSamplerCommand = `/bin/sh -c '${SAMPLER}' '${SAMPLER}'`;

/** The sampler's script alone, for tests that run it through a shell directly. */
export const resourcesSamplerScript = SAMPLER;
