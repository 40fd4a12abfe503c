/**
 * The remote command prints each command after a marker line of its own. The
 * marker is odd enough never to occur in /proc files, os-release or a mount
 * path, and the whole line must match, so a command that printed nothing (or
 * failed) simply yields an empty section instead of shifting the others.
 */
export const SECTION_PREFIX = '@@riskctl-resources:';
export const SECTION_SUFFIX = '@@';

export const SECTIONS = [
  'stat',
  'meminfo',
  'loadavg',
  'uptime',
  'netdev',
  'diskstats',
  'nproc',
  'hostname',
  'osrelease',
  'uname',
  'mounts',
  'df',
  'dfexit',
  'end',
] as const;
export type SectionName = (typeof SECTIONS)[number];

/**
 * The name of the marker line stdout[at, end) (it starts with SECTION_PREFIX
 * already), or null when the line is not a whole marker: the prefix, a
 * lower-case name, the suffix and nothing else. Read in place, without
 * copying the line.
 */
function markerName(stdout: string, at: number, end: number): string | null {
  const from = at + SECTION_PREFIX.length;
  const to = end - SECTION_SUFFIX.length;
  if (to <= from || !stdout.startsWith(SECTION_SUFFIX, to)) return null;
  for (let i = from; i < to; i++) {
    const c = stdout.charCodeAt(i);
    if (c < 97 || c > 122) return null;
  }
  return stdout.slice(from, to);
}

/** Section name → its text (without the marker). Unknown names are kept too. */
export function splitSections(stdout: string): Map<string, string> {
  // Carriage returns are dropped line by line; without any, each section is one slice of the text.
  if (stdout.includes('\r')) return splitSectionsByLine(stdout);
  const out = new Map<string, string>();
  let name: string | null = null;
  // Where the current section's body starts.
  let body = 0;
  for (let at = stdout.indexOf(SECTION_PREFIX); at !== -1; at = stdout.indexOf(SECTION_PREFIX, at + 1)) {
    if (at > 0 && stdout[at - 1] !== '\n') continue;
    const nl = stdout.indexOf('\n', at);
    const end = nl === -1 ? stdout.length : nl;
    const marked = markerName(stdout, at, end);
    if (marked === null) continue;
    // The body ends before the newline that ends its last line (none for an empty body).
    if (name !== null) out.set(name, at > body ? stdout.slice(body, at - 1) : '');
    name = marked;
    body = end + 1;
  }
  if (name !== null) out.set(name, body < stdout.length ? stdout.slice(body) : '');
  return out;
}

function splitSectionsByLine(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (name !== null) out.set(name, lines.join('\n'));
  };
  for (const raw of stdout.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const marked = line.startsWith(SECTION_PREFIX) ? markerName(line, 0, line.length) : null;
    if (marked !== null) {
      flush();
      name = marked;
      lines = [];
    } else if (name !== null) {
      lines.push(line);
    }
  }
  flush();
  return out;
}
