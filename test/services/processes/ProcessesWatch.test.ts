import { describe, expect, it } from 'vitest';
import type { Host, StreamOptions } from '../../../src/hosts/Host';
import { ProcessesWatch } from '../../../src/services/processes/ProcessesWatch';
import { MARK } from '../../../src/services/processes/processesScript';

const READING = [
  MARK.uptime,
  '100.0 50.0',
  MARK.ticks,
  '7 (evil) S 1 7 7 0 -1 0 0 0 0 0 5 5 0 0 20 0 1 0 9 1000 100',
  '',
  MARK.ps,
  ' 7 1 eve 1.0 0.1 2048 S 60 evil\x1b]0;PWNED\x07 --x',
  MARK.end,
  '',
].join('\n');

/** A host whose stream prints one reading (cut in two chunks) and then waits for its abort. */
function fakeHost(): Host & { streams: number; aborted: number } {
  const h = {
    name: 'web-1',
    streams: 0,
    aborted: 0,
    connect: async () => {},
    stream: (_cmd: string, opts: StreamOptions) => {
      h.streams++;
      opts.onStdout(Buffer.from(READING.slice(0, 40)));
      opts.onStdout(Buffer.from(READING.slice(40)));
      return new Promise<number | null>((resolve) => opts.signal?.addEventListener('abort', () => (h.aborted++, resolve(null))));
    },
  };
  return h as unknown as Host & { streams: number; aborted: number };
}

describe('ProcessesWatch', () => {
  it('starts no stream until a host is watched, one while it is, and ends it when the watch ends', async () => {
    const host = fakeHost();
    const watch = new ProcessesWatch(new Map([['web-1', host]]), 2, () => 1000);
    expect(host.streams).toBe(0);
    watch.watch('web-1');
    watch.watch('web-1');
    await new Promise((r) => setImmediate(r));
    expect(host.streams).toBe(1);
    expect(watch.store.getState()).toMatchObject({ host: 'web-1', readAt: 1000, error: null });
    watch.watch(null);
    expect(host.aborted).toBe(1);
    expect(watch.store.getState()).toMatchObject({ host: null, processes: null });
  });

  it('makes the command line inert before it reaches the store', async () => {
    const watch = new ProcessesWatch(new Map([['web-1', fakeHost()]]), 2);
    watch.watch('web-1');
    await new Promise((r) => setImmediate(r));
    const [p] = watch.store.getState().processes!;
    expect(p!.command).toBe('evil␛]0;PWNED␇ --x');
    expect(p!.command).not.toMatch(/[\x00-\x1f]/);
    watch.stop();
  });

  it('an unknown host is an error, not a stream', () => {
    const watch = new ProcessesWatch(new Map(), 2);
    watch.watch('nope');
    expect(watch.store.getState().error).toBe('nope: no such host');
  });
});
