/**
 * Cancel a backend's query or terminate the backend, and write down what was
 * done. The operator has confirmed on screen (or said no, or --read-only
 * refused): every outcome is audited, before its result is shown. riskctl's
 * own session is refused here and again in the SQL, so a stale pid can never
 * make riskctl cut its own connection.
 */
import { refusal } from '../actionGuard';
import type { AuditLog, AuditResult } from '../AuditLog';
import { dbErrorText, sqlState, type PgSession } from './PgSession';
import { backendDetail, SIGNAL_RISK, SIGNAL_VERB as VERB } from './signals';
import type { BackendSignal, BackendSignalResult, DatabaseSnapshot } from './types';

export interface SignalRequest {
  host: string;
  session: PgSession | null;
  snapshot: DatabaseSnapshot | null;
  pid: number;
  how: BackendSignal;
  confirmed: boolean;
  readOnly: boolean;
  audit: AuditLog | null;
}

export async function signalBackend(r: SignalRequest): Promise<BackendSignalResult> {
  const action = `${r.how} backend`;
  const who = backendDetail(r.snapshot, r.pid);
  const record = async (result: AuditResult, detail: string): Promise<string | null> => {
    try {
      await r.audit?.append({ host: r.host, target: `backend ${r.pid}`, action, result, detail });
      return null;
    } catch (e) {
      return ` (audit log not written: ${e instanceof Error ? e.message : String(e)})`;
    }
  };
  const finish = async (ok: boolean, result: AuditResult, message: string, detail = who): Promise<BackendSignalResult> => {
    const auditFailure = await record(result, detail);
    return { ok, message: message + (auditFailure ?? '') };
  };

  const refused = refusal(SIGNAL_RISK[r.how], r.readOnly, `${VERB[r.how].title} ${r.pid}`);
  if (refused) return finish(false, 'refused', refused);
  if (!r.confirmed) return finish(false, 'cancelled', `not done: ${VERB[r.how].title} ${r.pid}`);
  const own = r.session?.ownPid ?? r.snapshot?.ownPid ?? null;
  if (r.pid === own) return finish(false, 'refused', `refused: backend ${r.pid} is riskctl's own session`);
  if (!r.session) return finish(false, 'failed', `${r.host} has no database configured`);
  try {
    const rows = await r.session.query<{ done: boolean | null }>(`SELECT ${VERB[r.how].fn}($1) AS done WHERE $1::int <> pg_backend_pid()`, [r.pid]);
    const done = rows[0]?.done;
    if (done === undefined) return finish(false, 'refused', `refused: backend ${r.pid} is riskctl's own session`);
    if (!done) return finish(false, 'failed', `backend ${r.pid} was not signalled: no such backend (already gone?)`, `${who}; no such backend`);
    return finish(true, 'ok', `${VERB[r.how].done} ${r.pid} on ${r.host}`);
  } catch (e) {
    const why = dbErrorText(e, r.host);
    const hint = sqlState(e) === '42501' ? ' — needs the same role as the backend, or pg_signal_backend' : '';
    return finish(false, 'failed', `${action} ${r.pid} failed: ${why}${hint}`, `${who}; ${why}`);
  }
}
