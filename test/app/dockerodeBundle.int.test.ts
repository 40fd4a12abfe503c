// The bin loads dockerode from its own bundle (scripts/build.mjs), with the
// image-build half stubbed out (the build checks which modules those are):
// it must still speak to a real engine exactly as dockerode does.
import { createRequire } from 'node:module';
import util from 'node:util';
import { describe, expect, it } from 'vitest';
import type Dockerode from 'dockerode';
import { directDocker, dockerLab } from '../services/docker/dockerLab';

const require = createRequire(import.meta.url);

describe('the bundled dockerode beside the bin', () => {
  const Bundled = require('../../dist/riskctl-dockerode.cjs') as typeof Dockerode;

  it('lists the lab engine the same as dockerode itself', async () => {
    const ours = new Bundled({ socketPath: dockerLab().socket });
    const names = (l: Dockerode.ContainerInfo[]) => l.map((c) => `${c.Names.join(',')} ${c.State}`).sort();
    const [a, b] = await Promise.all([ours.listContainers({ all: true }), directDocker().listContainers({ all: true })]);
    expect(a.length).toBeGreaterThan(0);
    expect(names(a)).toEqual(names(b));
    expect((await ours.version()).Version).toBe((await directDocker().version()).Version);
  });

  it('formats no request for a debug line that is off (docker-modem inspects every request otherwise)', async () => {
    const ours = new Bundled({ socketPath: dockerLab().socket });
    const real = util.inspect;
    let calls = 0;
    util.inspect = ((...a: Parameters<typeof util.inspect>) => (calls++, real(...a))) as typeof util.inspect;
    try {
      await ours.listContainers({ all: true });
      await ours.version();
    } finally {
      util.inspect = real;
    }
    expect(calls).toBe(0);
  });
});
