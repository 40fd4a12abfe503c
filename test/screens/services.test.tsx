// The services and logs screens with a seeded store and a scripted service:
// what they show, what the keys do, and the pure view logic under them.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { App, type AppProps } from '../../src/app/App';
import type { ServicesProps } from '../../src/app/useServicesView';
import type { ContainerAction } from '../../src/services/docker/ServicesService';
import { setHealth, setServices, setServicesError } from '../../src/services/docker/servicesStore';
import type { ContainerInfo } from '../../src/services/docker/types';
import { createLiveStore, setHostStatus, setResources, type LiveStore } from '../../src/services/liveStore';
import { LogBuffer } from '../../src/services/logs/LogBuffer';
import { LogService, sourceKey, type LogSource } from '../../src/services/logs/LogService';
import { compileFilter, logWindow, scrollAnchor } from '../../src/screens/logView';
import { servicesCell } from '../../src/screens/serviceRows';
import { INITIAL_SVC_UI, svcUiReducer } from '../../src/screens/servicesUi';
import { recordingActions, WEB, sees, matches, settled } from './fixtures';

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
/** Under load a 30 ms tick is not always enough for an effect and its promise chain. */
async function until(pred: () => boolean, ms = 2000): Promise<void> {
  const start = Date.now();
  while (!pred() && Date.now() - start < ms) await tick(20);
}
const ESC = '\u001b';
const ENTER = '\r';

const c = (service: string, over: Partial<ContainerInfo> = {}): ContainerInfo => ({
  id: `id-${service}`,
  name: `risk-platform_${service}_1`,
  project: 'risk-platform',
  service,
  image: 'risk-platform/app:1.4',
  state: 'running',
  status: 'Up 2 hours',
  health: null,
  restarts: 0,
  startedAt: new Date(Date.now() - 7200_000).toISOString(),
  exitCode: null,
  healthLog: null,
  ports: [],
  created: 0,
  ...over,
});

const CONTAINERS = [
  c('api', { health: 'healthy', restarts: 2 }),
  c('grafana', { state: 'exited', status: 'Exited (1) 5 minutes ago', exitCode: 1, startedAt: null }),
  c('redis', { health: 'unhealthy', healthLog: 'PING: connection refused' }),
  c('backup-job', { project: null, service: null, name: 'nightly-backup', state: 'exited', exitCode: 0 }),
];

function store(): LiveStore {
  const s = createLiveStore([
    { name: 'web-1', tags: [], production: false, address: 'ops@10.0.0.5:22' },
    { name: 'db-1', tags: ['production'], production: true, address: 'ops@10.0.0.6:22' },
  ]);
  for (const h of ['web-1', 'db-1']) {
    setHostStatus(s, h, { state: 'connected', error: null, since: Date.now() });
    setResources(s, h, WEB);
    setServices(s, h, '27.1.1', CONTAINERS, true);
  }
  setHealth(s, 'web-1', [
    { name: 'api', url: 'http://localhost:3000/health', ok: true, status: 200, latencyMs: 12, error: null, checkedAt: Date.now() },
    { name: 'grafana', url: 'http://localhost:3001/api/health', ok: false, status: null, latencyMs: null, error: 'connection refused', checkedAt: Date.now() },
  ]);
  return s;
}

interface Act {
  host: string;
  id: string;
  action: ContainerAction;
  confirmed: boolean;
}

async function start(s: LiveStore, props: Partial<AppProps> = {}) {
  const acts: Act[] = [];
  const opened: string[] = [];
  const logs = new LogService({ host: () => undefined, docker: () => undefined, globs: () => [], capacity: 100 });
  const services: ServicesProps = {
    actions: {
      logs,
      setView: () => {},
      openLogs: (src) => opened.push(sourceKey(src)),
      closeLogs: () => {},
      containerAction: async (host, id, action, confirmed) => {
        acts.push({ host, id, action, confirmed });
        const refused = s.getState().readOnly;
        return { ok: confirmed && !refused, message: refused ? `--read-only: refused to ${action}` : confirmed ? `${action} done` : 'not done' };
      },
    },
  };
  const r = render(<App store={s} actions={recordingActions()} services={services} version="0.1.0" onQuit={() => {}} rows={30} columns={150} {...props} />);
  await tick();
  return {
    frame: () => r.lastFrame() ?? '',
    press: async (...keys: string[]) => {
      for (const k of keys) {
        r.stdin.write(k);
        await settled(() => r.lastFrame() ?? '');
      }
    },
    acts,
    opened,
    logs,
  };
}

afterEach(() => cleanup());

describe('the services screen', () => {
  test('u shows the project with its containers, the selected one in detail, the health endpoints', async () => {
    const h = await start(store());
    await h.press('u');
    // The first container is selected once the list is known (an effect after the first frame).
    await tick();
    const f = h.frame();
    expect(f).toMatch(/Services\s+web-1\s+Docker 27\.1\.1 · live/);
    expect(f).toMatch(/risk-platform\s+2\/3 up\s+1 unhealthy/);
    expect(f).toMatch(/› +api\s+running\s+healthy\s+2h\s+2/);
    expect(f).toMatch(/grafana\s+exited \(1\)/);
    expect(f).toMatch(/redis\s+running\s+unhealthy/);
    expect(f).toMatch(/no compose project/);
    expect(f).toMatch(/nightly-backup\s+exited \(0\)/);
    expect(f).toContain('Health endpoints · 1/2 up');
    expect(f).toMatch(/grafana\s+down\s.*connection refused/);
    await h.press('j', 'j');
    await sees(h.frame, 'risk-platform_redis_1 · risk-platform/app:1.4 · Up 2 hours');
    await sees(h.frame, 'healthcheck: PING: connection refused');
  });

  test('R asks y/n off production, then restarts; S on a production host wants its name typed', async () => {
    const h = await start(store());
    await h.press('u');
    await until(() => /› +api/.test(h.frame()));
    await h.press('R');
    await sees(h.frame, 'Restart container risk-platform_api_1');
    await h.press('y');
    await until(() => h.acts.length === 1 && h.frame().includes('restart done'));
    expect(h.acts).toEqual([{ host: 'web-1', id: 'id-api', action: 'restart', confirmed: true }]);
    await sees(h.frame, 'restart done');
    await h.press('2', 'u');
    await until(() => /Services\s+db-1/.test(h.frame()) && /› +api/.test(h.frame()));
    await h.press('S');
    await sees(h.frame, 'Stop container risk-platform_api_1');
    await sees(h.frame, 'Type the host name');
    await h.press(...'db-1', ENTER);
    await until(() => h.acts.length === 2);
    expect(h.acts.at(-1)).toEqual({ host: 'db-1', id: 'id-api', action: 'stop', confirmed: true });
    await h.press('U', ESC);
    await until(() => h.acts.length === 3);
    expect(h.acts.at(-1)).toEqual({ host: 'db-1', id: 'id-api', action: 'start', confirmed: false });
  });

  test('under --read-only the action is refused without asking', async () => {
    const s = store();
    s.setState({ readOnly: true });
    const h = await start(s);
    await h.press('u');
    await until(() => /› +api/.test(h.frame()));
    await h.press('R');
    await until(() => h.acts.length > 0 && h.frame().includes('refused'));
    expect(h.frame()).not.toContain('y  confirm');
    expect(h.acts).toEqual([{ host: 'web-1', id: 'id-api', action: 'restart', confirmed: false }]);
    await sees(h.frame, '--read-only: refused');
  });

  test('an unreadable engine says why and keeps the last list', async () => {
    const s = store();
    setServicesError(s, 'web-1', 'Docker unavailable: no socket at /var/run/docker.sock (dockerd not running, or docker.socket set wrong)');
    const h = await start(s);
    await h.press('u');
    await sees(h.frame, 'Docker unavailable: no socket at /var/run/docker.sock');
    await matches(h.frame, /showing the list from \d+s ago/);
    await sees(h.frame, 'events reconnecting');
  });

  test('the overview gains a services column', async () => {
    const h = await start(store());
    await matches(h.frame, /SVC/);
    await matches(h.frame, /web-1.*2\/4 1 unh/);
    expect(servicesCell({ services: { data: null, updatedAt: null, error: 'Docker unavailable: x' } }).text).toBe('no docker');
  });
});

describe('the logs screen', () => {
  test('Enter on a container opens its logs; the filter, errors view, pause and Esc', async () => {
    const h = await start(store());
    await h.press('u');
    await until(() => /› +api/.test(h.frame()));
    await h.press(ENTER);
    const src: LogSource = { kind: 'container', host: 'web-1', id: 'id-api', name: 'risk-platform_api_1' };
    expect(h.opened).toEqual([sourceKey(src)]);
    // The scripted service follows nothing; put lines where the screen reads them.
    const buf = new LogBuffer(100);
    for (const t of ['GET /health 200', 'WARNING slow query', 'GET /users 200', 'ERROR upstream timed out']) buf.push(t, Date.now());
    (h.logs as unknown as { buffers: Map<string, LogBuffer> }).buffers.set(sourceKey(src), buf);
    h.logs.store.setState((x) => ({ tick: x.tick + 1 }));
    await tick();
    await matches(h.frame, /Logs\s+web-1\s+risk-platform_api_1\s+FOLLOWING\s+· 4 lines/);
    await sees(h.frame, 'ERROR upstream timed out');

    await h.press('/', ...'get', ENTER);
    await sees(h.frame, '2 of 4 lines');
    expect(h.frame()).not.toContain('WARNING slow query');
    await h.press('!');
    await matches(h.frame, /inverted/);
    await sees(h.frame, 'WARNING slow query');
    expect(h.frame()).not.toContain('GET /health');
    await h.press('!', ESC, 'e');
    await sees(h.frame, 'errors only');
    await sees(h.frame, '2 of 4 lines');
    await h.press(' ');
    await sees(h.frame, 'PAUSED');
    await h.press('f');
    await sees(h.frame, 'FOLLOWING');
    // Esc: back to the source picker.
    await h.press(ESC);
    await sees(h.frame, 'pick a source');
    await matches(h.frame, /container\s+risk-platform_api_1/);
  });

  test('the source picker is a select list: j/k and ↓ move it, Enter or a digit follows the source; typed / goes to the line', async () => {
    const h = await start(store());
    await h.press('l');
    await sees(h.frame, 'pick a source');
    await matches(h.frame, /KIND\s+SOURCE\s+SERVICE\s+STATE/);
    await matches(h.frame, /› container\s+risk-platform_api_1/);
    await h.press('j', '\u001b[B');
    await matches(h.frame, /› container\s+risk-platform_redis_1/);
    await h.press('k');
    await matches(h.frame, /› container\s+risk-platform_grafana_1/);
    // The filter line takes j and k as text; the highlight stays.
    await h.press('/', 'j', 'k', ESC);
    await matches(h.frame, /› container\s+risk-platform_grafana_1/);
    await h.press(ENTER);
    expect(h.opened).toEqual([sourceKey({ kind: 'container', host: 'web-1', id: 'id-grafana', name: 'risk-platform_grafana_1' })]);
    await matches(h.frame, /risk-platform_grafana_1\s+FOLLOWING/);
    await h.press(ESC, '4');
    await until(() => h.opened.length === 2);
    expect(h.opened[1]).toBe(sourceKey({ kind: 'container', host: 'web-1', id: 'id-backup-job', name: 'nightly-backup' }));
  });
});

describe('log view logic', () => {
  const buf = new LogBuffer(10);
  for (let i = 1; i <= 10; i++) buf.push(i % 3 === 0 ? `ERROR ${i}` : `line ${i}`, i);
  const all = compileFilter('', false, false);

  test('filters: regex, text when not a regex, !inverted, errors view', () => {
    const texts = (f: ReturnType<typeof compileFilter>) =>
      [...Array(buf.length).keys()]
        .map((i) => buf.at(i)!)
        .filter(f.match)
        .map((l) => l.text);
    expect(texts(compileFilter('line [12]$', false, false))).toEqual(['line 1', 'line 2']);
    expect(compileFilter('[oops', false, false).mode).toBe('text');
    expect(texts(compileFilter('!line', false, false))).toEqual(['ERROR 3', 'ERROR 6', 'ERROR 9']);
    expect(texts(compileFilter('line', true, false))).toEqual(['ERROR 3', 'ERROR 6', 'ERROR 9']);
    expect(texts(compileFilter('', false, true))).toEqual(['ERROR 3', 'ERROR 6', 'ERROR 9']);
    expect(all.active).toBe(false);
  });

  test('the window: following shows the end; paused shows up to its anchor; wrap makes rows', () => {
    const w = (anchor: number | null, height: number, width = 80, wrap = false) =>
      logWindow({ buf, match: all.match, anchor, height, width, wrap, timestamps: false }).map((r) => r.text);
    expect(w(null, 3)).toEqual(['line 8', 'ERROR 9', 'line 10']);
    expect(w(5, 2)).toEqual(['line 4', 'line 5']);
    // Wrapped: "ERROR 9" takes two rows of 4; the top one that does not fit shows its end.
    expect(w(null, 3, 4, true)).toEqual(['R 9', 'line', ' 10']);
  });

  test('scrolls land on matching lines; top is the oldest screenful', () => {
    const errors = compileFilter('', false, true);
    expect(scrollAnchor(buf, errors.match, null, -1, 5)).toBe(6);
    expect(scrollAnchor(buf, all.match, 5, 2, 5)).toBe(7);
    expect(scrollAnchor(buf, all.match, null, 'top', 3)).toBe(3);
    expect(scrollAnchor(buf, errors.match, 4, 'bottom', 3)).toBe(9);
  });

  test('the reducer: open, pause, filter, toggles, back to the picker', () => {
    const src: LogSource = { kind: 'file', host: 'h', path: '/var/log/app.log' };
    let s = svcUiReducer(INITIAL_SVC_UI, { type: 'openLog', source: src, key: 'k' });
    expect(s.logs).toMatchObject({ mode: 'view', source: src, anchor: null });
    s = svcUiReducer(s, { type: 'anchor', seq: 7 });
    s = svcUiReducer(s, { type: 'logFilter', text: '  err ' });
    s = svcUiReducer(s, { type: 'toggle', what: 'wrap' });
    expect(s.logs).toMatchObject({ anchor: 7, filter: 'err', wrap: true });
    expect(svcUiReducer(s, { type: 'toggle', what: 'timestamps' }).logs.timestamps).toBe(true);
    expect(svcUiReducer(s, { type: 'picker' }).logs).toMatchObject({ mode: 'pick', anchor: null, filter: 'err' });
    expect(svcUiReducer(s, { type: 'anchor', seq: 7 })).toBe(s);
  });
});
