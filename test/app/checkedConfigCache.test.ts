import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCheckedConfig, writeCheckedConfig, type CheckedConfigCache } from '../../src/app/checkedConfigCache';
import { resolveConfig } from '../../src/app/resolveConfig';
import { ConfigError } from '../../src/hosts/ConfigError';
import { readConfigFile } from '../../src/hosts/loadConfig';

describe('the config checked last, kept for the next start', () => {
  let dir: string;
  let cache: CheckedConfigCache;
  let file: string;
  let knownHosts: string;
  const env = {};
  const good = (port: number) =>
    `hosts:\n  - name: db-1\n    ssh: { host: 10.0.0.5, port: ${port}, user: ops, identityFile: ~/.ssh/id, knownHosts: KH }\n    tags: [production]\n  - name: me\n    local: true\nrefresh: 5\n`;
  const write = (text: string) => writeFileSync(file, text.replaceAll('KH', knownHosts));
  const cacheFile = () => join(cache.dir, 'config.json');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'riskctl-checked-'));
    cache = { dir: join(dir, 'cache', 'riskctl'), build: 'build-a' };
    file = join(dir, 'hosts.yaml');
    knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, '');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a checked config is kept, and the next start with the same text gets the same config from it', async () => {
    write(good(2222));
    const first = await resolveConfig({ config: file, cache }, env, '/home/ops');
    expect(first.config).toEqual(readConfigFile(file, '/home/ops'));
    expect(statSync(cacheFile()).mode & 0o777).toBe(0o600);
    expect(statSync(cache.dir).mode & 0o777).toBe(0o700);
    const kept = readCheckedConfig(cache, file, '/home/ops', readFileSync(file, 'utf8'));
    expect(kept).toEqual(first.config);
    const second = await resolveConfig({ config: file, cache }, env, '/home/ops');
    expect(second.config).toEqual(first.config);
    expect(second.config.hosts[0]!.ssh!.identityFiles).toEqual(['/home/ops/.ssh/id']);
  });

  it('the cache answers only for the same text, source, home and build', () => {
    write(good(2222));
    const text = readFileSync(file, 'utf8');
    writeCheckedConfig(cache, file, '/home/ops', text, readConfigFile(file, '/home/ops'));
    expect(readCheckedConfig(cache, file, '/home/ops', text)).toBeDefined();
    expect(readCheckedConfig(cache, file, '/home/ops', text.replace('2222', '2223'))).toBeUndefined();
    expect(readCheckedConfig(cache, `${file}.other`, '/home/ops', text)).toBeUndefined();
    expect(readCheckedConfig(cache, file, '/home/other', text)).toBeUndefined();
    expect(readCheckedConfig({ ...cache, build: 'build-b' }, file, '/home/ops', text)).toBeUndefined();
  });

  it('a config changed after it was kept is checked again: its mistake is reported', async () => {
    write(good(2222));
    await resolveConfig({ config: file, cache }, env, '/home/ops');
    write(good(70000));
    await expect(resolveConfig({ config: file, cache }, env, '/home/ops')).rejects.toThrow(/hosts\[0\]\.ssh\.port/);
    // The failed check leaves the last good config kept, never the bad one.
    write(good(2222));
    expect(readCheckedConfig(cache, file, '/home/ops', readFileSync(file, 'utf8'))).toBeDefined();
  });

  it('a known_hosts file gone since the check is reported as the check reports it', async () => {
    write(good(2222));
    await resolveConfig({ config: file, cache }, env, '/home/ops');
    rmSync(knownHosts);
    const e = await resolveConfig({ config: file, cache }, env, '/home/ops').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as Error).message).toMatch(/hosts\[0\]\.ssh\.knownHosts.*no such file/);
  });

  it('a damaged, foreign or unreadable cache file is a miss, and the config is checked', async () => {
    write(good(2222));
    const expected = readConfigFile(file, '/home/ops');
    for (const junk of [
      '',
      '{',
      'null',
      '[]',
      '{"build":"build-a"}',
      JSON.stringify({ build: 'build-a', source: file, home: '/home/ops', text: 'x', config: {} }),
    ]) {
      writeCheckedConfig(cache, file, '/home/ops', 'placeholder', expected);
      writeFileSync(cacheFile(), junk);
      expect((await resolveConfig({ config: file, cache }, env, '/home/ops')).config).toEqual(expected);
    }
    // A cache folder that is a file: nothing kept, nothing thrown.
    const blocked = { dir: join(file, 'riskctl'), build: 'build-a' };
    expect((await resolveConfig({ config: file, cache: blocked }, env, '/home/ops')).config).toEqual(expected);
  });

  it('without a cache nothing is written', async () => {
    write(good(2222));
    await resolveConfig({ config: file }, env, '/home/ops');
    expect(() => statSync(cache.dir)).toThrow();
  });
});
