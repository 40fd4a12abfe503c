/** The slow facts of a host that rules judge: certificate expiry and the newest backup. */

export interface BackupsInput {
  dir: string;
  /** Modification time (ms) of the newest file in the folder; null: none there. */
  newestAt: number | null;
  newestName: string | null;
  /** The folder could not be listed. */
  error: string | null;
}

export interface CertificateInput {
  path: string;
  /** notAfter in ms; null when the file could not be read or parsed. */
  notAfter: number | null;
  subject?: string | null;
  error: string | null;
}
