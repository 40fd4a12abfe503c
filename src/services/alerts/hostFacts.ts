/**
 * The slow facts some rules need and no other pane collects: certificate
 * expiry (SO-002: the files named per host in the config, read on the host)
 * and the newest file in the backups folder (BR-001). Read once a minute —
 * they change by days, not seconds.
 */
import { X509Certificate } from 'node:crypto';
import type { Host } from '../../hosts/Host';
import type { HostConfig } from '../../hosts/HostConfig';
import type { BackupsInput, CertificateInput } from './inputs';

export interface HostFacts {
  certificates?: CertificateInput[];
  backups?: BackupsInput;
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e)).replace(/^[^:]+: /, '');

export function parseCertificate(path: string, pem: Buffer | string): CertificateInput {
  try {
    const cert = new X509Certificate(pem);
    return { path, notAfter: Date.parse(cert.validTo), subject: cert.subject.replace(/\n/g, ', '), error: null };
  } catch (e) {
    return { path, notAfter: null, error: `not a PEM certificate (${errText(e)})` };
  }
}

// The folder arrives as $DIR (never spliced into the text). Exit 3: no such folder.
// `find -printf` is GNU; busybox hosts fall back to ls -t and date -r.
const NEWEST = `[ -d "$DIR" ] || exit 3
if find "$DIR" -maxdepth 0 -printf '' 2>/dev/null; then
  find "$DIR" -maxdepth 2 -type f -printf '%T@ %P\\n' 2>/dev/null | sort -n | tail -n 1
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

/**
 * One reading of a host's facts. A missing backups folder only matters on a
 * host that runs the database (the thing BR-001 backs up); elsewhere the
 * library's default folder simply is not there.
 */
export async function readHostFacts(host: Host, cfg: Pick<HostConfig, 'certificates' | 'backups' | 'postgres'>, signal?: AbortSignal): Promise<HostFacts> {
  const facts: HostFacts = {};
  if (cfg.certificates.length > 0) {
    facts.certificates = await Promise.all(
      cfg.certificates.map(async (path) => {
        try {
          return parseCertificate(path, await host.readFile(path, { maxBytes: 256 * 1024 }));
        } catch (e) {
          return { path, notAfter: null, error: errText(e) };
        }
      }),
    );
  }
  const dir = cfg.backups.dir;
  try {
    const r = await host.exec(NEWEST, { env: { DIR: dir }, timeoutMs: 10_000, signal });
    if (r.code === 3) {
      if (cfg.postgres) facts.backups = { dir, newestAt: null, newestName: null, error: 'no such folder' };
    } else if (r.code === 0) {
      facts.backups = parseNewest(dir, r.stdout);
    } else {
      facts.backups = { dir, newestAt: null, newestName: null, error: r.timedOut ? 'listing timed out' : r.stderr.trim() || `exit ${r.code}` };
    }
  } catch (e) {
    // The host is down: host-unreachable speaks for it.
    if (signal?.aborted) throw e;
  }
  return facts;
}
