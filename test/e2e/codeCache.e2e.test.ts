// The built bin with V8's code caches (one per script of the app) missing,
// stale (another script's, under this build's names) and damaged: every start
// draws the same first frame — the plain one, then Ink's on the same cells —
// and each leaves caches V8 accepts for the next one. The config's check is
// kept beside them; a changed config is checked again.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import xterm, { type IBufferCell } from '@xterm/headless';
import { readCodeCache, writeCodeCache } from '../../src/launch/codeCache';
import { cleanEnv } from '../app/cliHelpers';
import { PtySession } from './pty';

/** The clock in the status bar is the one thing allowed to differ between starts. */
const withoutClock = (screen: string) => screen.replace(/\b\d\d:\d\d\b/g, 'HH:MM');

const END_OF_FRAME = '\x1b[?2026l'; // the plain first frame and each of Ink's end with it

/** A cell as an operator sees it: the character, its colours and its bold, dim and inverse. */
function cellText(c: IBufferCell): string {
  return `${c.getChars() || ' '}${c.getFgColorMode()}:${c.getFgColor()}/${c.getBgColorMode()}:${c.getBgColor()}${c.isBold() ? 'b' : ''}${c.isDim() ? 'd' : ''}${c.isInverse() ? 'i' : ''}`;
}

/** The screen after the n-th synchronized frame (0: the first), in a terminal of the same size: its text, and its cells with their styles. */
async function screenAfterFrame(raw: string, n: number, cols: number, rows: number): Promise<{ text: string; cells: string }> {
  let end = -1;
  for (let i = 0; i <= n; i++) {
    end = raw.indexOf(END_OF_FRAME, end + 1);
    expect(end).toBeGreaterThan(0);
  }
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  await new Promise<void>((r) => term.write(raw.slice(0, end + END_OF_FRAME.length), r));
  const b = term.buffer.active;
  const lines: string[] = [];
  const cells: string[] = [];
  for (let y = 0; y < rows; y++) {
    const line = b.getLine(b.viewportY + y);
    lines.push(line?.translateToString(true) ?? '');
    for (let x = 0; x < cols; x++) cells.push(line?.getCell(x) ? cellText(line.getCell(x)!) : '');
  }
  term.dispose();
  return { text: lines.join('\n'), cells: cells.join(' ') };
}

describe('the code cache, as the built bin uses it', () => {
  // An SSH server that accepts and never speaks: the host never connects, so
  // nothing but the start itself differs from one start to the next.
  let silent: Server;
  const held: Socket[] = [];
  let port = 0;
  const env = cleanEnv();
  const dir = join(env.HOME!, '.cache', 'riskctl');
  const config = join(env.HOME!, 'hosts.yaml');

  beforeAll(async () => {
    silent = createServer((s) => held.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    port = (silent.address() as { port: number }).port;
    writeFileSync(config, `hosts:\n  - name: quiet-1\n    ssh: { host: 127.0.0.1, port: ${port}, user: ops }\n    health: []\n`);
  });
  afterAll(() => {
    for (const s of held) s.destroy();
    silent.close();
  });

  /** The first frame's screen (without its clock); the plain frame and Ink's first frame draw the same cells. */
  async function firstFrame(): Promise<string> {
    const s = new PtySession(['--config', config], { env });
    try {
      await s.waitFor((t) => t.includes('Overview') && t.includes('quiet-1'), 'the first frame');
      // Ink's first frame out too: the bin writes missing caches after each script's first frame.
      await s.waitFor(() => s.raw.split(END_OF_FRAME).length > 2, "Ink's first frame");
      s.press('q');
      expect(await s.waitExit()).toBe(0);
      const plain = await screenAfterFrame(s.raw, 0, s.term.cols, s.term.rows);
      const ink = await screenAfterFrame(s.raw, 1, s.term.cols, s.term.rows);
      expect(plain.text).toBe(ink.text);
      expect(plain.cells).toBe(ink.cells);
      return withoutClock(plain.text);
    } finally {
      s.kill();
    }
  }

  const SCRIPTS = { app: 'riskctl-app.js', cockpit: 'riskctl-cockpit.js', config: 'riskctl-config.js' } as const;
  type Part = keyof typeof SCRIPTS;
  const cacheFile = (part: Part) => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.v8cache'));
    expect(files).toHaveLength(3);
    const file = files.find((f) => f.startsWith(`${part}-`));
    expect(file).toBeDefined();
    return join(dir, file!);
  };
  const accepted = (part: Part) => {
    const data = readCodeCache(cacheFile(part));
    expect(data).toBeDefined();
    const source = readFileSync(join('dist', SCRIPTS[part]), 'utf8');
    return new Script(source, { filename: join(process.cwd(), 'dist', SCRIPTS[part]), cachedData: data }).cachedDataRejected === false;
  };
  const damage = (file: string) => {
    const bytes = readFileSync(file);
    for (let i = bytes.length >> 1; i < (bytes.length >> 1) + 64; i++) bytes[i] = bytes[i]! ^ 0x5a;
    writeFileSync(file, bytes);
  };
  const bothAccepted = () => {
    expect(accepted('app')).toBe(true);
    expect(accepted('cockpit')).toBe(true);
  };

  it('missing, then stale, then damaged: the same first frame each time, and caches V8 accepts after each', async () => {
    const missing = await firstFrame();
    expect(missing).toMatch(/Overview/);
    expect(missing).toMatch(/quiet-1/);
    bothAccepted();
    // The first start checked the config: the check's script was compiled, and its cache written too.
    expect(accepted('config')).toBe(true);

    // Stale: another script's cache under this build's names, with a valid digest.
    for (const part of ['app', 'cockpit'] as const) {
      writeCodeCache(cacheFile(part), new Script('(function other() { return 1 + 1; })').createCachedData());
      expect(accepted(part)).toBe(false);
    }
    expect(await firstFrame()).toBe(missing);
    bothAccepted();

    // Damaged: bytes flipped in the middle of the data, of both, then of one.
    damage(cacheFile('app'));
    damage(cacheFile('cockpit'));
    expect(await firstFrame()).toBe(missing);
    bothAccepted();
    damage(cacheFile('cockpit'));
    expect(await firstFrame()).toBe(missing);
    bothAccepted();

    // And a start with good caches draws it too.
    expect(await firstFrame()).toBe(missing);
  });

  it('the config checked last is kept beside the caches; a config changed since is checked again (its script compiled past a damaged cache)', async () => {
    const good = readFileSync(config, 'utf8');
    expect(await firstFrame()).toMatch(/quiet-1/);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).text).toBe(good);
    writeFileSync(config, good.replace(`port: ${port}`, 'port: 70000'));
    damage(cacheFile('config'));
    try {
      const s = new PtySession(['--config', config], { env });
      try {
        expect(await s.waitExit()).toBe(2);
        expect(s.raw).toContain('hosts[0].ssh.port');
        expect(s.raw).not.toContain('Overview');
      } finally {
        s.kill();
      }
    } finally {
      writeFileSync(config, good);
    }
    expect(await firstFrame()).toMatch(/quiet-1/);
  });

  it('an unwritable cache folder costs nothing but the cache', async () => {
    mkdirSync(env.HOME!, { recursive: true });
    const blocked = { ...env, XDG_CACHE_HOME: join(env.HOME!, 'hosts.yaml') }; // a file, not a folder
    const s = new PtySession(['--config', config], { env: blocked });
    try {
      await s.waitFor((t) => t.includes('Overview') && t.includes('quiet-1'), 'the first frame');
      s.press('q');
      expect(await s.waitExit()).toBe(0);
    } finally {
      s.kill();
    }
  });
});
