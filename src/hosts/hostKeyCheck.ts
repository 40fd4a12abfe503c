import { HostError } from './Host';
import { fingerprintOf, keyTypeOf } from './fingerprint';
import { appendKnownHost, checkHostKey, knownHostToken, type KnownHostEntry } from './knownHosts';

/** What the operator is asked about when a host presents a key nobody listed. */
export interface UnknownHostKey {
  /** The configured host name (lab-1), as the operator knows it. */
  host: string;
  /** Address and port the key was presented for. */
  address: string;
  port: number;
  fingerprint: string;
  keyType: string;
  /** Key types listed for this host with other keys; a different type is not proof of a change. */
  otherKnownTypes: string[];
}

/** Resolves true to trust (and remember) the key, false to refuse. */
export type UnknownHostKeyPolicy = (info: UnknownHostKey) => Promise<boolean>;

export interface HostKeyCheckInput {
  name: string;
  address: string;
  port: number;
  entries: readonly KnownHostEntry[];
  /** riskctl's own file, where accepted keys are remembered. */
  rememberIn: string;
  policy: UnknownHostKeyPolicy | undefined;
}

/**
 * Decide about the key a host presented: resolves when it may be trusted (with
 * a warning to show when an accepted key could not be saved), rejects with a HostError when not. Only an unknown key ever reaches the
 * policy: a changed or revoked one is refused without asking, because a
 * prompt is exactly what a man in the middle hopes an operator says yes to.
 */
export async function verifyHostKey(input: HostKeyCheckInput, key: Buffer): Promise<string | null> {
  const { name, address, port } = input;
  const where = `${address}:${port}`;
  const presented = fingerprintOf(key);
  const keyType = keyTypeOf(key) ?? 'unknown';
  const verdict = checkHostKey(input.entries, address, port, key);
  switch (verdict.kind) {
    case 'ok':
      return null;
    case 'revoked':
      throw new HostError(
        name,
        `host key ${keyType} ${presented} of ${where} is REVOKED (${verdict.entry.file}:${verdict.entry.line}); refusing to connect`,
        'host-key-changed',
      );
    case 'changed':
      throw new HostError(
        name,
        `HOST KEY CHANGED for ${where}: expected ${verdict.entry.keyType} ${fingerprintOf(verdict.entry.key)} ` +
          `(${verdict.entry.file}:${verdict.entry.line}) but the host presented ${presented}. ` +
          `Someone may be intercepting the connection, or the host was reinstalled; ` +
          `if the change is expected, remove that line and connect again`,
        'host-key-changed',
      );
    case 'unknown': {
      const info: UnknownHostKey = { host: name, address, port, fingerprint: presented, keyType, otherKnownTypes: verdict.otherTypes };
      const accept = input.policy ? await input.policy(info).catch(() => false) : false;
      if (!accept) {
        throw new HostError(
          name,
          `unknown host key for ${knownHostToken(address, port)}: ${keyType} ${presented} — not accepted ` +
            `(compare it with \`ssh-keygen -lf\` on the host; accept with --accept-new-host-keys)`,
          'host-key-unknown',
        );
      }
      try {
        await appendKnownHost(input.rememberIn, address, port, key);
      } catch (err) {
        // The operator said yes, so this run goes on; the warning says why the next start asks again.
        return `accepted host key ${presented} but could not save it to ${input.rememberIn} (${String(err)})`;
      }
      return null;
    }
  }
}
