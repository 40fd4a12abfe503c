// The built bin with V8's code cache missing, stale (another build's, under
// this build's name) and damaged: every start draws the same first frame, and
// each leaves a cache V8 accepts for the next one.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import xterm from '@xterm/headless';
import { readCodeCache, writeCodeCache } from '../../src/launch/codeCache';
import { cleanEnv } from '../app/cliHelpers';
import { PtySession } from './pty';

/** The clock in the status bar is the one thing allowed to differ between starts. */
const withoutClock = (screen: string) => screen.replace(/\b\d\d:\d\d\b/g, 'HH:MM');

const END_OF_FRAME = '\x1b[?2026l'; // Ink closes each synchronized frame with it

/** The screen after the first frame alone: the bytes up to the first frame's end, in a terminal of the same size. */
async function screenOfFirstFrame(raw: string, cols: number, rows: number): Promise<string> {
  const end = raw.indexOf(END_OF_FRAME);
  expect(end).toBeGreaterThan(0);
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  await new Promise<void>((r) => term.write(raw.slice(0, end + END_OF_FRAME.length), r));
  const b = term.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < rows; y++) lines.push(b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
  term.dispose();
  return lines.join('\n');
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

  async function firstFrame(): Promise<string> {
    const s = new PtySession(['--config', config], { env });
    try {
      await s.waitFor((t) => t.includes('Overview') && t.includes('quiet-1'), 'the first frame');
      // The bin writes a missing cache right after the first frame: let it finish before quitting.
      s.press('q');
      expect(await s.waitExit()).toBe(0);
      return withoutClock(await screenOfFirstFrame(s.raw, s.term.cols, s.term.rows));
    } finally {
      s.kill();
    }
  }

  const cacheFile = () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.v8cache'));
    expect(files).toHaveLength(1);
    return join(dir, files[0]!);
  };
  const accepted = (file: string) => {
    const data = readCodeCache(file);
    expect(data).toBeDefined();
    const source = readFileSync(join('dist', 'riskctl-app.js'), 'utf8');
    return new Script(source, { filename: join(process.cwd(), 'dist', 'riskctl-app.js'), cachedData: data }).cachedDataRejected === false;
  };

  it('missing, then stale, then damaged: the same first frame each time, and a cache V8 accepts after each', async () => {
    const missing = await firstFrame();
    expect(missing).toMatch(/Overview/);
    expect(missing).toMatch(/quiet-1/);
    const file = cacheFile();
    expect(accepted(file)).toBe(true);

    // Stale: another script's cache under this build's name, with a valid digest.
    writeCodeCache(file, new Script('(function other() { return 1 + 1; })').createCachedData());
    expect(accepted(file)).toBe(false);
    const stale = await firstFrame();
    expect(stale).toBe(missing);
    expect(accepted(cacheFile())).toBe(true);

    // Damaged: bytes flipped in the middle of the data.
    const bytes = readFileSync(file);
    for (let i = bytes.length >> 1; i < (bytes.length >> 1) + 64; i++) bytes[i] = bytes[i]! ^ 0x5a;
    writeFileSync(file, bytes);
    const damaged = await firstFrame();
    expect(damaged).toBe(missing);
    expect(accepted(cacheFile())).toBe(true);

    // And a start with a good cache draws it too.
    expect(await firstFrame()).toBe(missing);
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
