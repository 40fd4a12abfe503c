import { rideText } from './rideScript';
import { SECTION_PREFIX, SECTION_SUFFIX } from './sections';

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

const BODY = [
  'export LC_ALL=C',
  s('stat'),
  'cat /proc/stat 2>/dev/null',
  s('meminfo'),
  'cat /proc/meminfo 2>/dev/null',
  s('loadavg'),
  'cat /proc/loadavg 2>/dev/null',
  s('uptime'),
  'cat /proc/uptime 2>/dev/null',
  s('nproc'),
  // nproc honours CPU affinity/cpusets (what a container may use); getconf is the fallback.
  'nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null',
  s('hostname'),
  // uname -n is POSIX and always there; the `hostname` binary is not (minimal images).
  'uname -n 2>/dev/null || cat /proc/sys/kernel/hostname 2>/dev/null',
  s('osrelease'),
  'cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null',
  s('uname'),
  'uname -sr 2>/dev/null',
  s('mounts'),
  'cat /proc/mounts 2>/dev/null',
  s('df'),
  'T=',
  `timeout 1 true >/dev/null 2>&1 && T="timeout ${DF_TIMEOUT_SECONDS}"`,
  'B=-k',
  '$T df -P -B1 / >/dev/null 2>&1 && B=-B1',
  '$T df -P $B 2>/dev/null',
  'r=$?',
  s('dfexit'),
  'echo $r',
  s('end'),
];
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
