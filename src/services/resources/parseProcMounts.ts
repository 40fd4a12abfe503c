/** What /proc/mounts knows about a mount point that df does not print. */
export interface MountInfo {
  source: string;
  type: string;
  readOnly: boolean;
}

/** /proc/mounts escapes space, tab, newline and backslash as octal (\040 …). */
function unescapeOctal(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/**
 * Mount point → type and ro/rw, from /proc/mounts. When several mounts stack
 * on one path the last one is the one visible (and the one df reports), so
 * later lines win.
 */
export function parseProcMounts(text: string): Map<string, MountInfo> {
  const mounts = new Map<string, MountInfo>();
  for (const line of text.split('\n')) {
    // Fields are single-space separated; spaces inside fields are escaped.
    const [source, mount, type, options] = line.trim().split(' ');
    if (!source || !mount || !type || !options) continue;
    mounts.set(unescapeOctal(mount), {
      source: unescapeOctal(source),
      type,
      readOnly: options.split(',').includes('ro'),
    });
  }
  return mounts;
}
