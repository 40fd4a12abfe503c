import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { cacheDir, cacheFileName, readCodeCache, writeCodeCache } from '../../src/launch/codeCache';

const tmp = () => mkdtempSync(join(tmpdir(), 'riskctl-codecache-'));
const SOURCE = '(function (a, b) { return a * b + 1; })';

describe('cacheDir', () => {
  it.each([
    [{ XDG_CACHE_HOME: '/x/cache', HOME: '/home/op' }, '/x/cache/riskctl'],
    [{ HOME: '/home/op' }, '/home/op/.cache/riskctl'],
    // A relative XDG_CACHE_HOME is invalid by the XDG spec and ignored.
    [{ XDG_CACHE_HOME: 'cache', HOME: '/home/op' }, '/home/op/.cache/riskctl'],
    [{ XDG_CACHE_HOME: '', HOME: '/home/op' }, '/home/op/.cache/riskctl'],
  ])('%j → %s', (env, dir) => {
    expect(cacheDir(env)).toBe(dir);
  });
});

describe('cacheFileName', () => {
  it('names the script, its hash, the Node version and the architecture', () => {
    expect(cacheFileName('app', 'abc123', 'v20.20.2', 'x64')).toBe('app-abc123-v20.20.2-x64.v8cache');
    expect(cacheFileName('cockpit', 'abc123', 'v20.20.2', 'x64')).toBe('cockpit-abc123-v20.20.2-x64.v8cache');
    expect(cacheFileName('app', 'abc123', 'v22.1.0', 'x64')).not.toBe(cacheFileName('app', 'abc123', 'v20.20.2', 'x64'));
  });
});

describe('readCodeCache and writeCodeCache', () => {
  const data = () => new Script(SOURCE).createCachedData();

  it('reads back what it wrote, and V8 accepts it', () => {
    const file = join(tmp(), 'riskctl', cacheFileName('app', 'h1'));
    expect(writeCodeCache(file, data())).toBe(true);
    const back = readCodeCache(file);
    expect(back).toBeDefined();
    const script = new Script(SOURCE, { cachedData: back });
    expect(script.cachedDataRejected).toBe(false);
  });

  it('a missing file reads as no cache', () => {
    expect(readCodeCache(join(tmp(), 'none.v8cache'))).toBeUndefined();
  });

  it.each([
    ['one byte changed in the data', (b: Buffer) => (b.writeUInt8(b[b.length >> 1]! ^ 0xff, b.length >> 1), b)],
    ['cut short', (b: Buffer) => b.subarray(0, b.length - 7)],
    ['empty', () => Buffer.alloc(0)],
    ['only a digest', (b: Buffer) => b.subarray(0, 4)],
  ])('a damaged file (%s) reads as no cache', (_, damage) => {
    const file = join(tmp(), cacheFileName('app', 'h2'));
    writeCodeCache(file, data());
    writeFileSync(file, damage(Buffer.from(readFileSync(file))));
    expect(readCodeCache(file)).toBeUndefined();
  });

  it('writing one script’s cache removes that script’s others (older builds, other Nodes), not the other script’s, not unrelated files', () => {
    const dir = join(tmp(), 'riskctl');
    writeCodeCache(join(dir, cacheFileName('app', 'old', 'v20.0.0')), data());
    writeCodeCache(join(dir, cacheFileName('cockpit', 'c1')), data());
    writeFileSync(join(dir, 'notes.txt'), 'keep');
    writeCodeCache(join(dir, cacheFileName('app', 'new')), data());
    expect(readdirSync(dir).sort()).toEqual([cacheFileName('app', 'new'), cacheFileName('cockpit', 'c1'), 'notes.txt']);
  });

  it('an unwritable folder is reported, not thrown, and leaves no temporary file', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'file'), 'x');
    expect(writeCodeCache(join(dir, 'file', 'riskctl', cacheFileName('app', 'h3')), data())).toBe(false);
    expect(existsSync(join(dir, 'file'))).toBe(true);
  });
});
