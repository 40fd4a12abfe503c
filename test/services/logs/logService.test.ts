// LogService's ticks to the screen, on fake timers: lines reach the store at
// most once a flush interval, and after a key (yieldToKeys) the next tick
// waits a whole interval, so the key's frame is drawn first.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { LogService, sourceKey, type LogSource } from '../../../src/services/logs/LogService';

function floodHost(): { host: Host; write: (text: string) => void } {
  let onStdout: ((c: Buffer) => void) | undefined;
  const host = {
    name: 'h1',
    status: () => ({ state: 'connected' }),
    stream: (_cmd: string, o: { onStdout: (c: Buffer) => void; signal?: AbortSignal }) =>
      new Promise<number | null>((resolve) => {
        onStdout = o.onStdout;
        o.signal?.addEventListener('abort', () => resolve(null), { once: true });
      }),
  } as unknown as Host;
  return { host, write: (text) => onStdout!(Buffer.from(text)) };
}

const SOURCE: LogSource = { kind: 'file', host: 'h1', path: '/var/log/app.log' };

describe('LogService ticks', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  async function started() {
    const { host, write } = floodHost();
    const logs = new LogService({ host: () => host, docker: () => undefined, globs: () => [], flushMs: 100 });
    logs.open(SOURCE);
    await vi.advanceTimersByTimeAsync(0);
    return { logs, write };
  }

  test.each([
    // [what, key at ms after the first line (null: none), ms after the first line, ticks expected then]
    ['lines tick once a flush interval', null, 99, 0],
    ['lines tick once a flush interval', null, 100, 1],
    ['a key holds the tick a whole interval from the key', 60, 100, 0],
    ['a key holds the tick a whole interval from the key', 60, 159, 0],
    ['a key holds the tick a whole interval from the key', 60, 160, 1],
    ['a key with no lines waiting changes nothing', 120, 150, 1],
  ])('%s (key at %s ms; at %s ms: %s ticks)', async (_what, keyAt, at, ticks) => {
    const { logs, write } = await started();
    const tick0 = logs.store.getState().tick;
    write('one\ntwo\n');
    if (keyAt !== null) {
      await vi.advanceTimersByTimeAsync(keyAt);
      logs.yieldToKeys();
      await vi.advanceTimersByTimeAsync(at - keyAt);
    } else {
      await vi.advanceTimersByTimeAsync(at);
    }
    expect(logs.store.getState().tick - tick0).toBe(ticks);
    // Nothing is lost while the tick waits: the lines are in the buffer.
    expect(logs.buffer(sourceKey(SOURCE))!.length).toBe(2);
    logs.stop();
  });

  test('a flood ticks no more than once a flush interval', async () => {
    const { logs, write } = await started();
    const tick0 = logs.store.getState().tick;
    for (let ms = 0; ms < 1000; ms += 5) {
      write(`line ${ms}\n`);
      await vi.advanceTimersByTimeAsync(5);
    }
    expect(logs.store.getState().tick - tick0).toBe(10);
    expect(logs.buffer(sourceKey(SOURCE))!.total).toBe(200);
    logs.stop();
  });
});
