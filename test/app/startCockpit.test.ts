import { describe, expect, it } from 'vitest';
import { hostSeeds, inkDrawsStyles } from '../../src/app/startCockpit';
import type { RiskctlConfig } from '../../src/hosts/loadConfig';

describe('inkDrawsStyles: the plain first frame only where Ink will draw styles too', () => {
  it.each([
    [{ TERM: 'xterm-256color' }, true],
    [{ TERM: 'screen' }, true],
    [{ TERM: 'tmux-256color' }, true],
    [{ TERM: 'linux' }, true],
    [{ TERM: 'unknown-term', COLORTERM: 'truecolor' }, true],
    [{ TERM: 'unknown-term' }, false],
    [{}, false],
    [{ TERM: 'dumb', COLORTERM: '1' }, false],
    [{ TERM: 'xterm-256color', FORCE_COLOR: '0' }, false],
    [{ TERM: 'xterm-256color', FORCE_COLOR: '3' }, false],
    [{ TERM: 'xterm-256color', CI: 'false' }, false],
    [{ TERM: 'xterm-256color', TEAMCITY_VERSION: '2024.1' }, false],
    [{ TERM: 'xterm-256color', TF_BUILD: 'True', AGENT_NAME: 'a' }, false],
  ])('%j → %s', (env, draws) => {
    expect(inkDrawsStyles(env)).toBe(draws);
  });
});

describe('hostSeeds', () => {
  it('every configured host, connecting, with its production flag, address and database', () => {
    const config = {
      hosts: [
        {
          name: 'db-1',
          tags: ['production'],
          ssh: { host: '10.0.0.5', port: 22, user: 'ops' },
          postgres: { host: '127.0.0.1', port: 5432, database: 'risk', user: 'app' },
          docker: {},
        },
        { name: 'web-1', tags: [], local: true, docker: { configured: true } },
      ],
    } as unknown as RiskctlConfig;
    const seeds = hostSeeds(config);
    expect(seeds.map((s) => [s.name, s.state, s.production, s.address, s.databaseTarget !== null, s.dockerConfigured])).toEqual([
      ['db-1', 'connecting', true, 'ops@10.0.0.5:22', true, false],
      ['web-1', 'connecting', false, 'local', false, true],
    ]);
  });
});
