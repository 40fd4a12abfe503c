/**
 * Cancel and terminate as data: their risk, their words, and who a backend
 * was. Pure, so the screens (confirmation text) and the service (audit line)
 * say the same thing.
 */
import type { Risk } from '../actionGuard';
import type { BackendSignal, DatabaseSnapshot } from './types';

/** Cancelling a query is undone by running it again; ending a session rolls its transaction back. */
export const SIGNAL_RISK: Record<BackendSignal, Risk> = { cancel: 'mutating', terminate: 'destructive' };

export const SIGNAL_VERB: Record<BackendSignal, { title: string; done: string; fn: string }> = {
  cancel: { title: 'cancel the query of backend', done: 'cancelled the query of backend', fn: 'pg_cancel_backend' },
  terminate: { title: 'terminate backend', done: 'terminated backend', fn: 'pg_terminate_backend' },
};

/** "Terminate backend 4512". */
export function signalTitle(how: BackendSignal, pid: number): string {
  const t = SIGNAL_VERB[how].title;
  return `${t.charAt(0).toUpperCase()}${t.slice(1)} ${pid}`;
}

/** Who the backend was, for the audit line: user, database, application, client, state. Never its query text (it may hold secrets). */
export function backendDetail(snapshot: DatabaseSnapshot | null, pid: number): string {
  const s = snapshot?.sessions.find((x) => x.pid === pid);
  if (!s) return 'not in the last reading';
  const parts = [`${s.user ?? '?'}@${s.database ?? '?'}`];
  if (s.application) parts.push(`app ${s.application}`);
  if (s.client) parts.push(`from ${s.client}`);
  if (s.state) parts.push(s.state);
  if (s.blockedBy.length > 0) parts.push(`waiting for ${s.blockedBy.join(',')}`);
  return parts.join(', ');
}
