/**
 * The slow facts some rules need and no other pane collects: certificate
 * expiry (SO-002: the files named per host in the config, read on the host)
 * and the newest file in the backups folder (BR-001). The alert rules read
 * them every five minutes, and the database pane the backups folder (once a
 * minute for the host its screen shows, every five for the others) — they
 * change by days, not seconds.
 *
 * In the cockpit the commands of a host run batched, in one exec beside its
 * resources sampler (see resources/BatchedCommandQueue.ts); where nothing
 * batches them (headless commands, a local host, a stopped poller) each falls
 * back to its own exec after a bounded wait.
 */
import { nodeCrypto } from '../../hosts/lazyBuiltins';
import type { Host } from '../../hosts/Host';
import type { HostConfig } from '../../hosts/HostConfig';
import type { BatchedCommandQueue } from '../resources/BatchedCommandQueue';
import type { BatchedCommand, BatchedCommandResult } from '../resources/batchedCommandScript';
import type { BackupsInput, CertificateInput } from './types';

export interface HostFacts {
  certificates?: CertificateInput[];
  backups?: BackupsInput;
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/^[^:]+: /, '');

export function parseCertificate(path: string, pem: Buffer | string): CertificateInput {
  try {
    const cert = new (nodeCrypto().X509Certificate)(pem);
    return { path, notAfter: Date.parse(cert.validTo), subject: cert.subject.replace(/\n/g, ', '), error: null };
  } catch (e) {
    return { path, notAfter: null, error: `not a PEM certificate (${errText(e)})` };
  }
}

// The folder arrives as $DIR (never spliced into the text). Exit 3: no such folder.
// One find lists every file with its time (GNU's -printf) and the shell keeps
// the newest, by whole seconds then the fraction (the last of equals): no
// sort or tail to start. A find that printed nothing and failed has no -printf
// (busybox): ls -t and date -r instead.
const NEWEST = `[ -d "$DIR" ] || exit 3
l=$(find "$DIR" -maxdepth 2 -type f -printf '%T@ %P\\n' 2>/dev/null)
if [ "$?" -eq 0 ] || [ -n "$l" ]; then
  set -f; IFS='
'; n=; bs=-1; bf=0
  for x in $l; do
    t=\${x%% *}; s=\${t%%.*}; f=\${t#"$s"}; f=\${f#.}
    if [ "$s" -gt "$bs" ] || { [ "$s" -eq "$bs" ] && [ "1\${f:-0}" -ge "1$bf" ]; }; then bs=$s; bf=\${f:-0}; n=$x; fi
  done
  [ -n "$n" ] && printf '%s\\n' "$n"
else
  f=$(ls -1t "$DIR" 2>/dev/null | head -n 1); [ -n "$f" ] && [ -f "$DIR/$f" ] && echo "$(date -r "$DIR/$f" +%s) $f"
fi
exit 0`;

/** The newest file: "1764205200.123 full_backup_2026.tar.gz" → ms and name. */
export function parseNewest(dir: string, out: string): BackupsInput {
  const line = out.trim().split('\n').pop() ?? '';
  const m = /^(\d+(?:\.\d+)?) (.+)$/.exec(line);
  if (!m) return { dir, newestAt: null, newestName: null, error: null };
  return { dir, newestAt: Math.round(Number(m[1]) * 1000), newestName: m[2]!, error: null };
}

const CERT_MAX_BYTES = 256 * 1024;

// The path arrives as $P, the limit as $N. Read once to learn whether the file
// can be read at all (head's own message on stderr), then as hex: the command's
// output travels as text, and a DER certificate is binary. od -A n -t x1 -v is POSIX.
const CERT = `head -c "$N" -- "$P" >/dev/null || exit 1
head -c "$N" -- "$P" | od -A n -t x1 -v`;

export const backupsCommand = (dir: string): BatchedCommand => ({ script: NEWEST, env: { DIR: dir }, timeoutSeconds: 3 });
export const certificateCommand = (path: string): BatchedCommand => ({ script: CERT, env: { P: path, N: String(CERT_MAX_BYTES + 1) }, timeoutSeconds: 1 });

/** A certificate command's result: the file's bytes, an error in readFile's words, or null (run readFile instead). */
export function certificateFromBatch(path: string, r: BatchedCommandResult): CertificateInput | null {
  if (r.code === 0) {
    const hex = r.stdout.replace(/\s+/g, '');
    if (!/^(?:[0-9a-f]{2})*$/.test(hex)) return null;
    const data = Buffer.from(hex, 'hex');
    if (data.length > CERT_MAX_BYTES) return { path, notAfter: null, error: `${path} is larger than ${CERT_MAX_BYTES} bytes` };
    return parseCertificate(path, data);
  }
  // 126/127: the shell could not run head or od; let readFile say what it finds.
  if (r.code === 126 || r.code === 127) return null;
  const why = r.timedOut ? 'timed out' : r.stderr.trim().split(': ').pop() || `exit ${r.code}`;
  return { path, notAfter: null, error: `cannot read ${path} (${why})` };
}

/** The backups listing's result (a command's or its own exec's), as the rules want it; undefined: nothing to say. */
export function backupsFrom(
  dir: string,
  r: { code: number | null; stdout: string; stderr: string; timedOut: boolean },
  hasDatabase: boolean,
): BackupsInput | undefined {
  if (r.code === 3) return hasDatabase ? { dir, newestAt: null, newestName: null, error: 'no such folder' } : undefined;
  if (r.code === 0) return parseNewest(dir, r.stdout);
  return { dir, newestAt: null, newestName: null, error: r.timedOut ? 'listing timed out' : r.stderr.trim() || `exit ${r.code}` };
}

/**
 * One reading of a host's facts. A missing backups folder only matters on a
 * host that runs the database (the thing BR-001 backs up); elsewhere the
 * library's default folder simply is not there. With `batchQueue` (the host's
 * queue), the reads run batched in its resources poll when one batches them.
 */
export async function readHostFacts(
  host: Host,
  cfg: Pick<HostConfig, 'certificates' | 'backups' | 'postgres'>,
  signal?: AbortSignal,
  batchQueue?: BatchedCommandQueue,
  /** backups: false leaves the backups folder unread (another reading stands for it). */
  what: { backups?: boolean } = {},
): Promise<HostFacts> {
  const facts: HostFacts = {};
  const batch = (command: BatchedCommand) => (batchQueue ? batchQueue.runBatched(command, signal) : Promise.resolve(null));
  const dir = cfg.backups.dir;
  // Asked together, so they batch the same poll.
  const certs = Promise.all(
    cfg.certificates.map(async (path): Promise<CertificateInput> => {
      const r = await batch(certificateCommand(path));
      const viaBatch = r && certificateFromBatch(path, r);
      if (viaBatch) return viaBatch;
      try {
        return parseCertificate(path, await host.readFile(path, { maxBytes: CERT_MAX_BYTES }));
      } catch (e) {
        return { path, notAfter: null, error: errText(e) };
      }
    }),
  );
  const backups = (async () => {
    if (what.backups === false) return undefined;
    const r = await batch(backupsCommand(dir));
    if (r) return backupsFrom(dir, r, Boolean(cfg.postgres));
    try {
      return backupsFrom(dir, await host.exec(NEWEST, { env: { DIR: dir }, timeoutMs: 10_000, signal }), Boolean(cfg.postgres));
    } catch (e) {
      // The host is down: host-unreachable speaks for it.
      if (signal?.aborted) throw e;
      return undefined;
    }
  })();
  const [c, b] = await Promise.all([certs, backups]);
  if (cfg.certificates.length > 0) facts.certificates = c;
  if (b) facts.backups = b;
  return facts;
}
