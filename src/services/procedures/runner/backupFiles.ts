/**
 * The files of a host's backups folder, for a `backup-file` parameter's pick
 * list: read-only, through Host.exec, the folder handed over as $DIR (never
 * spliced into the command text). Newest first. `find -printf` is GNU;
 * busybox hosts fall back to `ls -t`. Only names a backup-file value may
 * have (paramTypes.ts) are offered: the pick list never offers what the
 * validator would refuse.
 */
import type { Host } from '../../../hosts/Host';

export interface BackupFile {
  /** Path under the folder ("db/full_backup_20261126.tar.gz"). */
  name: string;
  /** Modification time (ms), null when the fallback could not tell. */
  mtime: number | null;
  size: number | null;
}

export const MAX_BACKUP_FILES = 200;

const LIST = `[ -d "$DIR" ] || { echo "no such folder: $DIR" >&2; exit 3; }
if find "$DIR" -maxdepth 0 -printf '' 2>/dev/null; then
  find "$DIR" -maxdepth 2 -type f -printf '%T@ %s %P\\0' 2>/dev/null
else
  ls -1t "$DIR" 2>/dev/null | while IFS= read -r f; do [ -f "$DIR/$f" ] && printf '%s\\0' "- - $f"; done
fi
exit 0`;

const NAME = /^[A-Za-z0-9_][A-Za-z0-9._+:-]{0,254}(?:\/[A-Za-z0-9_][A-Za-z0-9._+:-]{0,254})?$/;

/** find's "mtime size path" records (NUL-separated) → files, newest first, names a value may have. */
export function parseBackupList(out: string): BackupFile[] {
  const files: BackupFile[] = [];
  for (const rec of out.split('\0')) {
    const m = /^(\S+) (\S+) (.+)$/s.exec(rec);
    if (!m || !NAME.test(m[3]!)) continue;
    const t = Number(m[1]);
    const size = Number(m[2]);
    files.push({ name: m[3]!, mtime: m[1] === '-' || !Number.isFinite(t) ? null : Math.round(t * 1000), size: m[2] === '-' || !Number.isFinite(size) ? null : size });
  }
  // find lists in directory order: newest first when times are known; the fallback is already newest first.
  if (files.every((f) => f.mtime !== null)) files.sort((a, b) => b.mtime! - a.mtime! || a.name.localeCompare(b.name));
  return files.slice(0, MAX_BACKUP_FILES);
}

export async function listBackupFiles(host: Host, dir: string): Promise<BackupFile[]> {
  const r = await host.exec(LIST, { env: { DIR: dir }, timeoutMs: 10_000 });
  if (r.code !== 0) throw new Error(r.timedOut ? `listing ${dir} timed out` : r.stderr.trim() || `listing ${dir}: exit ${r.code}`);
  return parseBackupList(r.stdout);
}
