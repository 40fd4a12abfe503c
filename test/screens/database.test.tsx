import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { App, type AppProps } from '../../src/app/App';
import type { DatabaseProps } from '../../src/app/useDatabaseView';
import { createLiveStore, setBackups, setDatabase, setDatabaseError, setHostStatus, setResources, type LiveStore } from '../../src/services/liveStore';
import type { BackendSignal, DatabaseSnapshot, DbSession } from '../../src/services/database/types';
import { blockingPaths, dbOverviewCell, DEFAULT_DB_LIMITS, visibleSessions } from '../../src/screens/databaseRows';
import { dbUiReducer, INITIAL_DB_UI } from '../../src/screens/databaseUi';
import { recordingActions, WEB, sees, matches, settled } from './fixtures';

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
const ESC = '\u001b';
const ENTER = '\r';

const session = (pid: number, over: Partial<DbSession> = {}): DbSession => ({
  pid,
  user: 'risk_platform_app',
  database: 'risk_platform',
  application: 'api',
  client: '10.0.0.7:5000',
  state: 'idle',
  waitEventType: null,
  waitEvent: null,
  durationSeconds: 1,
  query: `SELECT ${pid}`,
  blockedBy: [],
  ...over,
});

function snapshot(over: Partial<DatabaseSnapshot> = {}): DatabaseSnapshot {
  const sessions = [
    session(101, { state: 'idle in transaction', durationSeconds: 700, query: 'SELECT * FROM risk_platform.users WHERE id = $1 FOR UPDATE' }),
    session(102, {
      state: 'active',
      durationSeconds: 650,
      waitEventType: 'Lock',
      waitEvent: 'transactionid',
      blockedBy: [101],
      query: 'UPDATE risk_platform.users SET status = $1',
    }),
    session(103, { state: 'active', durationSeconds: 20, waitEventType: 'Lock', waitEvent: 'tuple', blockedBy: [102] }),
    session(104, { user: 'reporting', application: 'metabase', durationSeconds: 5 }),
  ];
  return {
    target: 'risk_platform_app@127.0.0.1:5432/risk_platform',
    serverVersion: '15.8 (Debian 15.8-0+deb12u1)',
    inRecovery: false,
    ownPid: 99,
    privileged: true,
    connections: { total: 5, active: 3, idle: 1, idleInTransaction: 1, hidden: 0, max: 100 },
    sessions,
    longRunning: [sessions[0]!, sessions[1]!],
    blocked: [
      { pid: 102, blockedBy: [101] },
      { pid: 103, blockedBy: [102] },
    ],
    cacheHitRatio: 91.25,
    sizeBytes: 15 * 1024 * 1024,
    largestTables: [{ schema: 'risk_platform', name: 'audit_log', totalBytes: 9 * 1024 * 1024, rowsEstimate: 20250 }],
    replication: { role: 'primary', lagSeconds: null, standbys: [] },
    topStatements: [
      { query: 'SELECT * FROM risk_platform.audit_log WHERE timestamp > $1', user: 'risk_platform_app', calls: 120, totalMs: 4500, meanMs: 37.5, rows: 900 },
    ],
    migrations: [{ version: '20261127010000', appliedAt: new Date(Date.now() - 2 * 3600_000).toISOString() }],
    walBytes: 32 * 1024 * 1024,
    degraded: {},
    slowAt: Date.now(),
    ...over,
  };
}

function store(snap: DatabaseSnapshot | null = snapshot()): LiveStore {
  const s = createLiveStore([
    { name: 'db-1', tags: ['production'], production: true, address: 'ops@10.0.0.6:22', databaseTarget: 'risk_platform_app@127.0.0.1:5432/risk_platform' },
    { name: 'web-1', tags: [], production: false, address: 'ops@10.0.0.5:22' },
  ]);
  for (const h of ['db-1', 'web-1']) {
    setHostStatus(s, h, { state: 'connected', error: null, since: Date.now() });
    setResources(s, h, WEB);
  }
  if (snap) setDatabase(s, 'db-1', snap);
  setBackups(s, 'db-1', { dir: '/opt/risk-platform/backups', newest: { path: '/opt/risk-platform/backups/database/rp.dump', ageSeconds: 3 * 3600 } }, null);
  return s;
}

interface Signal {
  host: string;
  pid: number;
  how: BackendSignal;
  confirmed: boolean;
}

async function start(s: LiveStore, props: Partial<AppProps> = {}) {
  const signals: Signal[] = [];
  const database: DatabaseProps = {
    actions: {
      setView: () => {},
      signalBackend: async (host, pid, how, confirmed) => {
        signals.push({ host, pid, how, confirmed });
        return { ok: confirmed, message: confirmed ? `${how} ${pid} done` : 'not done' };
      },
    },
  };
  const r = render(<App store={s} actions={recordingActions()} database={database} version="0.1.0" onQuit={() => {}} rows={34} columns={150} {...props} />);
  await tick();
  return {
    frame: () => r.lastFrame() ?? '',
    press: async (...keys: string[]) => {
      for (const k of keys) {
        r.stdin.write(k);
        await settled(() => r.lastFrame() ?? '');
      }
    },
    signals,
  };
}

afterEach(() => cleanup());

describe('the database screen', () => {
  test('b shows the figures, the blocking chain and the sessions', async () => {
    const h = await start(store());
    await h.press('b');
    const f = h.frame();
    expect(f).toContain('Database');
    expect(f).toContain('risk_platform_app@127.0.0.1:5432/risk_platform');
    expect(f).toMatch(/CONN .*5\/50 \(max 100\)/);
    expect(f).toContain('3 active · 1 idle · 1 idle in tx · 2 long · 2 waiting');
    expect(f).toMatch(/CACHE .*91\.3% \(≥ 95%\) !/);
    expect(f).toContain('backup 3h ago (database/rp.dump)');
    expect(f).toContain('size 15 MiB · WAL 32 MiB · primary, no standbys · migration 20261127010000 (2h ago)');
    expect(f).toContain('⛔ blocking: 101 ← 102 ← 103');
    expect(f).toMatch(/!101 +risk_platform_app/);
    expect(f).toContain('← 101');
  });

  test('/ filters the sessions; Enter shows the full query; Esc goes back, then clears the filter', async () => {
    const h = await start(store());
    await h.press('b', '/', 'metabase', ENTER);
    await sees(h.frame, 'sessions 1 of 4 (filter "metabase")');
    await sees(h.frame, '104');
    expect(h.frame()).not.toMatch(/^\S*\s+101 /m);
    await h.press(ENTER);
    await sees(h.frame, 'pid 104 · reporting · metabase');
    await sees(h.frame, 'SELECT 104');
    await h.press(ESC);
    await sees(h.frame, 'sessions 1 of 4');
    await h.press(ESC);
    await sees(h.frame, 'sessions 4 · sort duration');
  });

  test('K on a production host asks for the host name, then terminates; c asks y/n only off production', async () => {
    const h = await start(store());
    await h.press('b', 'g', 'K');
    await sees(h.frame, 'Terminate backend 101');
    await sees(h.frame, 'Type the host name');
    await h.press('db-1', ENTER);
    expect(h.signals).toEqual([{ host: 'db-1', pid: 101, how: 'terminate', confirmed: true }]);
    await sees(h.frame, 'terminate 101 done');
    await h.press('j', 'c');
    await sees(h.frame, 'Cancel the query of backend 102');
    await h.press(ESC);
    expect(h.signals.at(-1)).toEqual({ host: 'db-1', pid: 102, how: 'cancel', confirmed: false });
  });

  test('under --read-only a terminate is refused and recorded as such', async () => {
    const s = store();
    s.setState({ readOnly: true });
    const h = await start(s);
    await h.press('b', 'K');
    expect(h.signals).toEqual([{ host: 'db-1', pid: 101, how: 'terminate', confirmed: false }]);
  });

  test('a role without pg_monitor: the figures it may see and the reason for the rest', async () => {
    const h = await start(
      store(snapshot({ privileged: false, walBytes: null, degraded: { sessions: "other roles' sessions hidden: needs pg_monitor", wal: 'needs pg_monitor' } })),
    );
    await h.press('b');
    await sees(h.frame, "⚠ sessions: other roles' sessions hidden: needs pg_monitor; wal: needs pg_monitor");
    await sees(h.frame, 'CONN');
  });

  test('unavailable: the reason, the last figures marked stale; no database configured: says so', async () => {
    const s = store();
    setDatabaseError(s, 'db-1', 'database unavailable: cannot connect to 127.0.0.1:5432 on the host (connection refused)');
    const h = await start(s);
    await h.press('b');
    await sees(h.frame, '✗ database unavailable: cannot connect to 127.0.0.1:5432 on the host (connection refused) — showing the last figures (stale)');
    await h.press('2');
    await h.press('b');
    await sees(h.frame, 'web-1 has no database configured');
  });

  test('v cycles statements, tables, migrations', async () => {
    const h = await start(store());
    await h.press('b', 'v');
    await sees(h.frame, 'top statements by total time');
    await sees(h.frame, 'SELECT * FROM risk_platform.audit_log WHERE timestamp > $1');
    await h.press('v');
    await sees(h.frame, 'risk_platform.audit_log');
    await sees(h.frame, '20250');
    await h.press('v');
    await sees(h.frame, '20261127010000');
  });

  test('the overview gains a DB column only when a host has a database', async () => {
    const h = await start(store());
    await matches(h.frame, /db-1 .*5\/50 2 long/);
  });
});

describe('database rows', () => {
  test('blocking paths run from the blocker that waits for no one', () => {
    const s = snapshot().sessions;
    expect(blockingPaths(s)).toEqual([[101, 102, 103]]);
    expect(blockingPaths([session(1, { blockedBy: [2] }), session(2, { blockedBy: [1] })])).toEqual([[1, 2]]);
    expect(blockingPaths([session(5, { blockedBy: [4] }), session(6, { blockedBy: [4] })])).toEqual([
      [4, 5],
      [4, 6],
    ]);
  });

  test('sorting keeps equal rows in pid order; filtering matches user, app, query, pid', () => {
    const s = snapshot().sessions;
    expect(visibleSessions(s, 'duration', '').map((x) => x.pid)).toEqual([101, 102, 103, 104]);
    expect(visibleSessions(s, 'user', '').map((x) => x.pid)).toEqual([104, 101, 102, 103]);
    expect(visibleSessions(s, 'pid', 'for update').map((x) => x.pid)).toEqual([101]);
    expect(visibleSessions(s, 'pid', '103').map((x) => x.pid)).toEqual([103]);
  });

  test.each([
    ['no database', { databaseTarget: null, database: { data: null, updatedAt: null, error: null } }, '—'],
    ['down', { databaseTarget: 't', database: { data: null, updatedAt: 1, error: 'database unavailable: x' } }, 'down'],
    ['first reading pending', { databaseTarget: 't', database: { data: null, updatedAt: null, error: null } }, '…'],
    ['long queries', { databaseTarget: 't', database: { data: snapshot(), updatedAt: 1, error: null } }, '5/50 2 long'],
  ])('overview cell: %s', (_, h, text) => {
    expect(dbOverviewCell(h as Parameters<typeof dbOverviewCell>[0], DEFAULT_DB_LIMITS).text).toBe(text);
  });

  test('the database UI reducer: selection by pid, sort and panel cycle', () => {
    let s = dbUiReducer(INITIAL_DB_UI, { type: 'select', by: 1, pids: [7, 8, 9] });
    expect(s.pid).toBe(7);
    s = dbUiReducer(s, { type: 'select', by: 'bottom', pids: [7, 8, 9] });
    expect(s.pid).toBe(9);
    expect(dbUiReducer(s, { type: 'sort' }).sort).toBe('pid');
    expect(dbUiReducer({ ...s, panel: 'migrations' }, { type: 'panel' }).panel).toBe('sessions');
  });
});
