import { afterEach, describe, expect, test } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { App, type AppProps } from '../../src/app/App';
import { BINDINGS } from '../../src/screens/keymap';
import { setPendingHostKey, setResourcesError, type LiveStore } from '../../src/services/liveStore';
import { CONNECT_ERROR, bigStore, recordingActions, seededStore, type RecordedActions, sees, matches, settled } from './fixtures';

// A key lands when its frame has settled (settled); the first frame and a rerender get a turn of the event loop.
const tick = (ms = 25) => new Promise((r) => setTimeout(r, ms));
const ESC = '\u001b';
const ENTER = '\r';

interface Harness {
  frame: () => string;
  lines: () => string[];
  press: (...keys: string[]) => Promise<void>;
  frames: string[];
  actions: RecordedActions;
  quits: () => number;
  rerender: (p: Partial<AppProps>) => Promise<void>;
}

async function start(store: LiveStore = seededStore(), props: Partial<AppProps> = {}): Promise<Harness> {
  const actions = recordingActions();
  let quits = 0;
  const base: AppProps = { store, actions, version: '0.1.0', onQuit: () => quits++, rows: 30, columns: 100, ...props };
  const r = render(<App {...base} />);
  await tick();
  return {
    frame: () => r.lastFrame() ?? '',
    lines: () => (r.lastFrame() ?? '').split('\n'),
    press: async (...keys) => {
      for (const k of keys) {
        r.stdin.write(k);
        await settled(() => r.lastFrame() ?? '');
      }
    },
    frames: r.frames,
    actions,
    quits: () => quits,
    rerender: async (p) => {
      r.rerender(<App {...base} {...p} />);
      await tick();
    },
  };
}

const lineWith = (lines: string[], text: string) => lines.find((l) => l.includes(text)) ?? '';

afterEach(() => cleanup());

describe('overview', () => {
  test('shows every host with its figures and a PROD badge on the production one', async () => {
    const h = await start();
    const lines = h.lines();
    const web = lineWith(lines, 'web-1 ');
    expect(web).toContain('PROD');
    expect(web).toContain('connected');
    expect(web).toMatch(/42%\s+63%\s+88% \/var\s+0\.75\/4\s+3d 4h\s+1s ago/);
    const db = lineWith(lines, 'db-1 ');
    expect(db).not.toContain('PROD');
    expect(db).toMatch(/85%\s+71%\s+97% \/srv\/pgda/);
    expect(db).toContain('6.50/4');
    const cache = lineWith(lines, 'cache-1');
    expect(cache).toContain('error (connect ECONNREFU');
    expect(cache).toContain('never');
    await sees(h.frame, 'Overview · 3 hosts · 1 production · 1 in error');
    // The status bar names the selected host (the first) with its badge.
    expect(lines.at(-1)).toMatch(/^ web-1 {2}PROD {2}overview connected/);
  });

  test('j/k move the selection and Enter opens its resources', async () => {
    const h = await start();
    expect(lineWith(h.lines(), 'web-1 ').startsWith('›')).toBe(true);
    await h.press('j');
    expect(lineWith(h.lines(), 'db-1 ').startsWith('›')).toBe(true);
    await h.press(ENTER);
    await sees(h.frame, 'db-01.risk.local');
  });

  test('a host in error shows its message in words', async () => {
    const h = await start();
    await h.press('G');
    // The selected host's full error, under the table.
    await sees(h.frame, `cache-1: ${CONNECT_ERROR}`);
    await h.press(ENTER);
    await sees(h.frame, `✗ error (${CONNECT_ERROR})`);
    await h.press('h');
    expect(lineWith(h.lines(), 'cache-1')).toContain('connect ECONNREFUSED');
  });

  test('/ filters hosts by name as you type; Esc clears the filter', async () => {
    const h = await start();
    await h.press('/', 'd', 'b');
    await sees(h.frame, '/db');
    await sees(h.frame, '(1 match)');
    const table = () => h.lines().slice(0, -2).join('\n');
    expect(table()).not.toContain('web-1 ');
    expect(table()).not.toContain('cache-1');
    await h.press(ENTER);
    await sees(h.frame, 'filter "db": 1 shown');
    expect(lineWith(h.lines(), 'db-1 ').startsWith('›')).toBe(true);
    await h.press(ESC);
    await sees(h.frame, 'web-1 ');
    expect(h.frame()).not.toContain('filter "db"');
  });
});

describe('resources', () => {
  test('pressing 2 shows host 2: hostname, gauges and the filesystem table', async () => {
    const h = await start();
    await h.press('2');
    const f = h.frame();
    expect(f).toContain('db-01.risk.local');
    expect(f).toContain('Debian GNU/Linux 12');
    expect(f).toMatch(/CPU\s+\[█+░*\] 85% !/);
    expect(f).toMatch(/MOUNT\s+FILESYSTEM\s+SIZE\s+USED\s+AVAIL\s+USE%/);
    expect(lineWith(h.lines(), '/srv/pgdata')).toMatch(/500 GiB\s+485 GiB\s+15 GiB\s+97%/);
    expect(h.lines().at(-1)).toMatch(/^ db-1 {2}resources connected/);
  });

  test('a failed poll keeps the figures and says they are stale', async () => {
    const store = seededStore();
    setResourcesError(store, 'web-1', 'exec timed out after 5 s');
    const h = await start(store);
    await h.press('1');
    await sees(h.frame, '✗ last poll failed: exec timed out after 5 s — showing the last figures (stale)');
    await sees(h.frame, '42%');
  });

  test('the production badge is on the resources screen too', async () => {
    const h = await start();
    await h.press('1');
    expect(h.lines()[0]).toMatch(/^ web-1 {2}PROD /);
  });

  test('a digit beyond the host count is an error message, not a crash', async () => {
    const h = await start();
    await h.press('9');
    expect(h.lines().at(-1)).toContain('no host 9: 3 configured');
    await sees(h.frame, 'Overview');
  });
});

describe('keys and overlays', () => {
  test('? shows the help generated from the keymap; ? closes it', async () => {
    const h = await start(seededStore(), { rows: 200 });
    await h.press('?');
    const f = h.frame();
    expect(f).toContain('Keys — ? or Esc closes');
    for (const b of BINDINGS) expect(f).toContain(b.help);
    expect(f).toContain('Shift-Tab');
    expect(f).toContain('1–9');
    await h.press('?');
    await sees(h.frame, 'Overview ·');
  });

  test('a short help scrolls with j', async () => {
    const h = await start(seededStore(), { rows: 12 });
    await h.press('?');
    await matches(h.frame, /1–9 of \d+/);
    await h.press('j');
    await matches(h.frame, /2–10 of \d+/);
    await h.press(ESC);
    await sees(h.frame, 'Overview ·');
  });

  test(':host nope shows an error in the status bar and keeps going', async () => {
    const h = await start();
    await h.press(':');
    expect(h.lines().at(-2)).toBe(':');
    await h.press('host nope', ENTER);
    const status = h.lines().at(-1) ?? '';
    expect(status).toContain('✗ unknown host "nope"');
    await sees(h.frame, 'Overview');
    // Still alive and listening: the next key works and clears the message.
    await h.press('3');
    expect(h.frame()).not.toContain('unknown host');
    expect(h.lines().at(-1)).toMatch(/^ cache-1 +resources error/);
  });

  test(':host NAME switches host, :hosts and :overview switch screens', async () => {
    const h = await start();
    await h.press(':', 'host db-1', ENTER);
    await sees(h.frame, 'db-01.risk.local');
    await h.press(':', 'hosts', ENTER);
    await sees(h.frame, 'Hosts · 3 configured');
    await h.press(':', 'overview', ENTER);
    await sees(h.frame, 'Overview ·');
  });

  test(':host alone lists the hosts: j and ↓ move, Enter switches; Esc closes it; a digit picks', async () => {
    const h = await start();
    await h.press(':', 'host', ENTER);
    await sees(h.frame, 'switch host (3)');
    await matches(h.frame, /› web-1 /);
    await h.press('j');
    await matches(h.frame, /› db-1 /);
    await h.press(ENTER);
    await sees(h.frame, 'db-01.risk.local');
    expect(h.frame()).not.toContain('switch host');
    await h.press(':', 'host', ENTER);
    await matches(h.frame, /› db-1 /);
    await h.press(ESC);
    expect(h.frame()).not.toContain('switch host');
    expect(h.lines().at(-1)).toMatch(/^ db-1 +resources/);
    await h.press(':', 'host', ENTER, '3');
    await matches(() => h.lines().at(-1) ?? '', /^ cache-1 +resources/);
    expect(h.frame()).not.toContain('switch host');
  });

  test('a pasted command line with Enter works in one write', async () => {
    const h = await start();
    await h.press(':host cache-1\r');
    expect(h.lines().at(-1)).toMatch(/^ cache-1 +resources/);
  });

  test('Esc closes the command line without running it', async () => {
    const h = await start();
    await h.press(':', 'q', ESC);
    expect(h.quits()).toBe(0);
    expect(h.frame()).not.toMatch(/^:/m);
  });

  test('Tab and Shift-Tab cycle the screens; o, r, h jump', async () => {
    const h = await start();
    await h.press('\t');
    expect(h.lines().at(-1)).toContain('resources');
    await h.press('\t');
    await sees(h.frame, 'Hosts · ');
    await h.press('\u001b[Z');
    expect(h.lines().at(-1)).toContain('resources');
    await h.press('o');
    await sees(h.frame, 'Overview ·');
    await h.press('h');
    await sees(h.frame, 'Hosts · ');
    await h.press('r');
    await sees(h.frame, 'web-01.risk.local');
    await h.press(ESC);
    await sees(h.frame, 'Hosts · ');
  });

  test.each([
    ['q', ['q']],
    [':q', [':', 'q', ENTER]],
    [':quit', [':quit\r']],
    ['Ctrl-C', ['\u0003']],
  ])('%s calls onQuit', async (_name, keys) => {
    const h = await start();
    await h.press(...keys);
    expect(h.quits()).toBe(1);
  });
});

describe('hosts screen', () => {
  test('lists address, tags, state, since and last error; c/d act on the selection', async () => {
    const h = await start();
    await h.press('h');
    const lines = h.lines();
    expect(lines.join('\n')).toMatch(/ADDRESS\s+TAGS\s+STATE\s+SINCE\s+LAST ERROR/);
    expect(lineWith(lines, 'web-1 ')).toMatch(/PROD\s+ops@10\.0\.0\.5:22\s+production,web\s+connected\s+1m/);
    expect(lineWith(lines, 'cache-1')).toMatch(/error\s+5s\s+connect ECONNREFUSED/);
    await h.press('j', 'c');
    expect(h.actions.calls).toContain('connect db-1');
    expect(h.lines().at(-1)).toContain('connecting db-1…');
    await h.press('d');
    expect(h.actions.calls).toContain('disconnect db-1');
    await h.press(ENTER);
    await sees(h.frame, 'db-01.risk.local');
  });
});

describe('host-key prompt', () => {
  test('shows host and SHA256 fingerprint; y accepts, n rejects', async () => {
    const store = seededStore();
    const h = await start(store);
    setPendingHostKey(store, 'web-1', { fingerprint: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8', keyType: 'ssh-ed25519' });
    setPendingHostKey(store, 'db-1', { fingerprint: 'AAAAfingerprint', keyType: 'ssh-rsa' });
    await tick();
    let f = h.frame();
    expect(f).toContain('Unknown host key for');
    expect(f).toMatch(/web-1 {2}PROD/);
    expect(f).toContain('ssh-ed25519  SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8');
    expect(f).toContain('1 more host(s) waiting');
    // The prompt captures keys: q neither quits nor leaks to the screen.
    await h.press('q', 'h');
    expect(h.quits()).toBe(0);
    await h.press('y');
    expect(h.actions.calls).toContain('answerHostKey web-1 true');
    // The service clears the pending key once answered; then the next one shows.
    setPendingHostKey(store, 'web-1', null);
    await tick();
    f = h.frame();
    expect(f).toContain('SHA256:AAAAfingerprint');
    await h.press('n');
    expect(h.actions.calls).toContain('answerHostKey db-1 false');
    setPendingHostKey(store, 'db-1', null);
    await tick();
    await sees(h.frame, 'Overview ·');
  });
});

describe('frame budget', () => {
  const tooTall = (frames: string[], rows: number) => frames.filter((f) => f.split('\n').length > rows - 1);

  test('with 50 hosts every frame is at most rows - 1 lines, on every screen', async () => {
    const rows = 20;
    const h = await start(bigStore(50), { rows });
    // 19 lines: title, header, 16 rows, status bar.
    expect(h.lines()[0]).toContain('1–16 of 50');
    await h.press('G');
    await sees(h.frame, 'host-50');
    expect(h.lines()[0]).toContain('35–50 of 50');
    await h.press('g', 'j', 'j', '\u001b[6~', ':', 'host host-42', ENTER, 'h', 'G', '?', 'j', ESC, '/', '4', ENTER, 'r');
    expect(tooTall(h.frames, rows)).toEqual([]);
    expect(h.frames.length).toBeGreaterThan(10);
  });

  test('one host fits too', async () => {
    const h = await start(bigStore(1), { rows: 10 });
    await sees(h.frame, 'host-01');
    expect(tooTall(h.frames, 10)).toEqual([]);
  });

  test('a resize re-lays out the frame to the new height', async () => {
    const h = await start(bigStore(50), { rows: 40 });
    expect(h.lines()).toHaveLength(39);
    await h.rerender({ rows: 12, columns: 60 });
    expect(h.lines()).toHaveLength(11);
    for (const l of h.lines()) expect(l.length).toBeLessThanOrEqual(60);
    expect(tooTall(h.frames.slice(-1), 12)).toEqual([]);
  });

  test.each([3, 4, 6])('a tiny terminal (%s rows) still fits', async (rows) => {
    const h = await start(bigStore(50), { rows, columns: 40 });
    await h.press('2', ':', '?', ESC, 'h');
    expect(tooTall(h.frames, rows)).toEqual([]);
  });

  test('no line is wider than the terminal', async () => {
    const h = await start(seededStore(), { columns: 70 });
    for (const keys of [[], ['2'], ['h'], ['?']]) {
      await h.press(...keys);
      for (const l of h.lines()) expect(l.length, l).toBeLessThanOrEqual(70);
    }
  });
});
