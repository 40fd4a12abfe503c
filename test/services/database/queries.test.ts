import { describe, expect, it } from 'vitest';
import { featureMessage } from '../../../src/services/database/DatabaseCollector';
import { blockedSessions, cacheRatio, longRunning, toSession, type SessionRow } from '../../../src/services/database/queries';

const row = (over: Partial<SessionRow>): SessionRow => ({
  pid: 1,
  user: 'app',
  database: 'risk_platform',
  application: 'api',
  client: '10.0.0.7:5000',
  state: 'active',
  wait_event_type: null,
  wait_event: null,
  query_seconds: 10,
  xact_seconds: 20,
  state_seconds: 30,
  query: 'SELECT 1',
  blocked_by: [],
  ...over,
});

describe('database rows', () => {
  it.each([
    ['active: the query', { state: 'active' }, 10],
    ['idle in transaction: the transaction', { state: 'idle in transaction' }, 20],
    ['aborted transaction: the transaction', { state: 'idle in transaction (aborted)' }, 20],
    ['idle: since the state changed', { state: 'idle' }, 30],
  ])('duration of %s', (_, over, want) => {
    expect(toSession(row(over)).durationSeconds).toBe(want);
  });

  it('a row a role without pg_monitor cannot see has no state and no query', () => {
    const s = toSession(row({ user: null, state: null, query: '<insufficient privilege>', application: '' }));
    expect(s).toMatchObject({ state: null, query: null, user: null });
  });

  it('long-running: active queries and open transactions past the threshold, longest first', () => {
    const sessions = [
      toSession(row({ pid: 1, state: 'active', query_seconds: 400 })),
      toSession(row({ pid: 2, state: 'idle', state_seconds: 9999 })),
      toSession(row({ pid: 3, state: 'idle in transaction', xact_seconds: 900 })),
      toSession(row({ pid: 4, state: 'active', query_seconds: 299 })),
    ];
    expect(longRunning(sessions, 300).map((s) => s.pid)).toEqual([3, 1]);
  });

  it('blocked: waiting sessions with their blockers', () => {
    const sessions = [toSession(row({ pid: 5, blocked_by: [4] })), toSession(row({ pid: 4 }))];
    expect(blockedSessions(sessions)).toEqual([{ pid: 5, blockedBy: [4] }]);
  });

  it.each([
    [{ hit: 95, read: 5 }, 95],
    [{ hit: 0, read: 0 }, null],
    [undefined, null],
  ])('cache hit ratio of %o is %s', (r, want) => {
    expect(cacheRatio(r)).toBe(want);
  });

  it.each([
    ['wal', '42501', 'needs pg_monitor'],
    ['migrations', '42501', 'needs SELECT on risk_platform.schema_migrations'],
    ['migrations', '42P01', 'no risk_platform.schema_migrations table'],
    ['tables', '57014', 'timed out (statement_timeout)'],
    ['statements', '55000', 'pg_stat_statements must be loaded via "shared_preload_libraries" (55000)'],
  ] as const)('feature %s, SQLSTATE %s → %s', (f, code, want) => {
    expect(featureMessage(f, code, 'pg_stat_statements must be loaded via "shared_preload_libraries"')).toBe(want);
  });
});
