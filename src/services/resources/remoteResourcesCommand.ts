import { rideText } from './rideScript';
import { SECTION_PREFIX, SECTION_SUFFIX, type SectionName } from './sections';

/** df gets this long before it is killed: a hung NFS mount blocks statfs forever. */
export const DF_TIMEOUT_SECONDS = 5;

/**
 * The shell script, one line. Rules it keeps, and why:
 * - Plain POSIX sh (dash, busybox ash): no bashisms, no `local`, no `[[`.
 * - Every piece reads or runs with stderr discarded, and nothing uses `set -e`,
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
// The empty echo ends a piece whose output lacks a final newline (os-release
// may), so the marker always starts its own line.
const s = (name: string) => `echo; echo ${SECTION_PREFIX}${name}${SECTION_SUFFIX}`;

/** timeout and df's block size, probed once per shell: sets $T and $B. */
const PROBES = [
  'export LC_ALL=C',
  'T=',
  `timeout 1 true >/dev/null 2>&1 && T="timeout ${DF_TIMEOUT_SECONDS}"`,
  'B=-k',
  '$T df -P -B1 / >/dev/null 2>&1 && B=-B1',
];

/** Pieces whose figures change at every poll. */
const LIVE: readonly [SectionName, string][] = [
  // Only the cpu lines: the rest (the intr line above all) runs to kilobytes on big hosts. cat if there is no grep.
  ['stat', 'grep ^cpu /proc/stat 2>/dev/null || cat /proc/stat 2>/dev/null'],
  // Only the fields parseMeminfo reads (7 lines of ~55); cat if there is no grep -E.
  ['meminfo', 'grep -E "^(MemTotal|MemFree|MemAvailable|Buffers|Cached|SwapTotal|SwapFree):" /proc/meminfo 2>/dev/null || cat /proc/meminfo 2>/dev/null'],
  ['loadavg', 'cat /proc/loadavg 2>/dev/null'],
  ['uptime', 'cat /proc/uptime 2>/dev/null'],
];

/** Pieces that change rarely or never: a sampler (below) prints them only when they changed. */
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
 * Each piece is preceded by its marker line; see sections.ts.
 */
export const remoteResourcesCommand = `/bin/sh -c '${SCRIPT}'`;

/** The script alone, for tests that run it through a shell directly. */
export const remoteResourcesScript = SCRIPT;

/**
 * The same command carrying n pieces after its `end` section (see
 * rideScript.ts); their scripts and values come in the exec's env.
 */
export function remoteResourcesCommandWithRides(n: number): string {
  if (n === 0) return remoteResourcesCommand;
  return `/bin/sh -c '${[...BODY, rideText(n), 'exit 0'].join('; ')}'`;
}

/**
 * n pieces alone, for a host whose resources come from its sampler: the
 * probes (the pieces' `timeout` is $T) and the pieces, nothing else.
 */
export function remotePiecesCommand(n: number): string {
  if (n < 1) throw new Error('remotePiecesCommand needs at least one piece');
  return `/bin/sh -c '${[...PROBES, rideText(n), 'exit 0'].join('; ')}'`;
}

/** The line a sampler prints after each sample: the lease's nonce and the sample's index in it. */
export const sampleEnd = (nonce: string) => `@@riskctl-sample:${nonce}@@`;

/**
 * A long-lived sampler that keeps its own time: one exec channel for as long
 * as the cockpit polls the host, and no request per sample. The cockpit
 * writes a lease line, `N K D Q`: K samples, the first D centiseconds after
 * the line is read, then one every Q. Sample i ends with sampleEnd(N + i);
 * N is fresh and random per lease, so no file's text can forge an end. The
 * cockpit writes the next lease when a lease's last sample comes in, in the
 * same wakeup, so a poll costs it one incoming packet and nothing else.
 *
 * The host's clock is /proc/uptime in centiseconds: each target is the
 * previous one plus Q, so the time a sample takes never accumulates into
 * drift, and a target already passed (a slow df) is skipped, not caught up.
 * Without a fractional `sleep` (POSIX only promises whole seconds) the
 * sleeps round to seconds; without /proc/uptime each sleep is Q.
 *
 * Steady pieces are printed only when they differ from the previous sample's
 * (the first sample has them all), so the reader keeps the last of each. A
 * sample is gathered in a variable and printed at once: sshd sends every
 * write of the shell as a packet of its own, and each packet costs the
 * cockpit a wakeup. The steady pieces are compared outside that $( ), where
 * their last values live on.
 *
 * It ends at EOF between leases, and on a hang-up at its next print: the
 * channel closed, its stdout is gone (`|| exit 0` if SIGPIPE is ignored).
 */
const STEADY_TEXT = STEADY.map((_, i) =>
  // `=` and else: the script may hold no `!`.
  `k${i}=; v=$( ${STEADY[i]![1]} ); if [ "$v" = "$p${i}" ] && [ -n "$w" ]; then :; else p${i}=$v; k${i}=1; fi`,
);
// Assigning from $( ) dropped trailing newlines; the echo before the next marker ends the line.
const STEADY_OUT = STEADY.map(([name], i) => `if [ -n "$k${i}" ]; then ${s(name)}; printf %s "$p${i}"; fi`);
/** c: the host's uptime in centiseconds, or empty. The `1` before the fraction keeps "0.08" from reading as octal. */
const CLOCK = 'z() { c=; read -r u x 2>/dev/null </proc/uptime && c=$(( ${u%.*} * 100 + 1${u#*.} - 100 )); }';
/** Sleep $1 centiseconds: fractions where sleep takes them ($F), else whole seconds. */
const SLEEP = 'y() { if [ -n "$F" ]; then sleep $(( $1 / 100 )).$(( $1 / 10 % 10 ))$(( $1 % 10 )); else sleep $(( ($1 + 50) / 100 )); fi; }';
const SAMPLER = [
  ...PROBES,
  'F=',
  'sleep 0.01 >/dev/null 2>&1 && F=1',
  CLOCK,
  SLEEP,
  'w=',
  `while read -r n m d q; do ${[
    'z',
    't=$(( ${c:-0} + d ))',
    'i=0',
    `while [ $i -lt $m ]; do ${[
      'z',
      'if [ -n "$c" ]; then while [ $t -lt $c ]; do t=$(( t + q )); done; s=$(( t - c )); elif [ $i -eq 0 ]; then s=$d; else s=$q; fi',
      '[ $s -gt 0 ] && y $s',
      ...STEADY_TEXT,
      `o=$( ${[...LIVE.flatMap(([name, cmd]) => [s(name), cmd]), ...STEADY_OUT, ...DF, 'echo', `echo "${sampleEnd('$n$i')}"`].join('; ')} )`,
      'printf "%s\\n" "$o" || exit 0',
      'w=1',
      'i=$(( i + 1 ))',
      't=$(( t + q ))',
    ].join('; ')}; done`,
  ].join('; ')}; done`,
  'exit 0',
].join('; ');

export const resourcesSamplerCommand = `/bin/sh -c '${SAMPLER}'`;

/** The sampler's script alone, for tests that run it through a shell directly. */
export const resourcesSamplerScript = SAMPLER;
