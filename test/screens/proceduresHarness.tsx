// The App with a procedures library on this machine's shell (LocalHost), for
// the procedures screen tests: keys in, frames out, the state folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { App } from '../../src/app/App';
import type { HostConfig } from '../../src/hosts/HostConfig';
import { LocalHost } from '../../src/hosts/LocalHost';
import { createLiveStore, setHostStatus } from '../../src/services/liveStore';
import type { Library } from '../../src/services/procedures/model';
import { recordingActions } from './fixtures';

export const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

export async function until(pred: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!pred() && Date.now() - start < ms) await tick(20);
}

export const localCfg: HostConfig = {
  name: 'local',
  local: true,
  tags: [],
  docker: { socket: '/nonexistent' },
  health: [],
  logs: [],
  backups: { dir: '/tmp' },
  certificates: [],
  origin: 'test',
};

export async function startProcedures(library: Library, opts: { readOnly?: boolean; extra?: Record<string, unknown>; stateTag?: string } = {}) {
  const readOnly = opts.readOnly ?? false;
  const state = mkdtempSync(join(tmpdir(), `riskctl-${opts.stateTag ?? 'procscreen'}-`));
  const s = createLiveStore([{ name: 'local', tags: [], production: false, address: 'this machine' }], { readOnly });
  setHostStatus(s, 'local', { state: 'connected', error: null, since: Date.now() });
  const procedures = { library, hosts: new Map([['local', new LocalHost('local')]]), configs: [localCfg], stateDir: state, readOnly, ...opts.extra };
  const r = render(<App store={s} actions={recordingActions()} procedures={procedures} version="0.1.0" onQuit={() => {}} rows={30} columns={140} />);
  await tick();
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      r.stdin.write(k);
      await tick();
    }
  };
  return { frame: () => r.lastFrame() ?? '', press, state };
}
