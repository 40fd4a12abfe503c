import { HostError } from './Host';
import { errnoText } from './errnoText';

/**
 * ssh2 reports failures as Errors tagged with a `level` ('client-socket',
 * 'client-timeout', 'client-authentication', 'protocol', 'handshake', 'agent').
 * This turns them into HostErrors an operator can act on.
 */

type Ssh2Error = Error & { level?: string; code?: string | number };

/** Errors ssh2 emits mid-authentication and then carries on (next key, next method). */
export function isRecoverableAuthError(err: Ssh2Error): boolean {
  if (err.level === 'agent') return true;
  return err.level === 'client-authentication' && !/All configured authentication methods failed/.test(err.message);
}

export interface FailureContext {
  name: string;
  /** "127.0.0.2:2222", or "127.0.0.3:2222 via lab-1". */
  where: string;
  /** "riskctl-lab@127.0.0.2:2222" */
  login: string;
  /** describeAuth() of the plan in use. */
  auth: string;
  readyTimeoutMs: number;
}

export function mapConnectError(err: unknown, ctx: FailureContext): HostError {
  if (err instanceof HostError) return err;
  const e = err as Ssh2Error;
  const msg = e?.message ?? String(err);
  if (e?.level === 'client-authentication') {
    return new HostError(ctx.name, `authentication failed for ${ctx.login}: ${ctx.auth}`, 'auth');
  }
  if (e?.level === 'client-timeout') {
    return new HostError(ctx.name, `no SSH answer from ${ctx.where} within ${Math.round(ctx.readyTimeoutMs / 1000)} s`, 'timeout');
  }
  if (e?.level === 'client-socket' || typeof e?.code === 'string') {
    return new HostError(ctx.name, `cannot reach ${ctx.where} (${errnoText(e)})`, 'unreachable');
  }
  if (/Connection lost before handshake|Socket ended|No response from server/.test(msg)) {
    return new HostError(ctx.name, `cannot reach ${ctx.where} (connection closed before the SSH handshake)`, 'unreachable');
  }
  return new HostError(ctx.name, `SSH to ${ctx.where} failed (${msg})`, 'unreachable');
}

/** Words for why an established connection went away. */
export function lostReason(err: Ssh2Error | null): string {
  if (!err) return 'connection closed by the host';
  if (/Keepalive timeout/i.test(err.message)) return 'no answer to keepalives';
  if (err.level === 'client-socket' || typeof err.code === 'string') return errnoText(err);
  return err.message;
}
