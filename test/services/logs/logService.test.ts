// LogService's ticks to the screen, on fake timers: lines reach the store at
// most once a flush interval, and after a key (yieldToKeys) the next tick
// waits a whole interval, so the key's frame is drawn first.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { FLOOD_FLUSH_MS, FLOOD_LINES, LogService, sourceKey, tickDelayMs, type LogSource } from '../../../src/services/logs/LogService';

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

  test('lines that trickle tick once a flush interval', async () => {
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

  test('a flood ticks once a flush interval, then once every FLOOD_FLUSH_MS; a trickle after it ticks at the flush interval again', async () => {
    const { logs, write } = await started();
    const tick0 = logs.store.getState().tick;
    // 20 lines every 5 ms: 400 lines a flush interval.
    for (let ms = 0; ms < 1100; ms += 5) {
      write('line\n'.repeat(20));
      await vi.advanceTimersByTimeAsync(5);
    }
    // The first tick at 100 ms carried the flood's lines; the next ones come at 600 and 1100 ms.
    expect(logs.store.getState().tick - tick0).toBe(3);
    await vi.advanceTimersByTimeAsync(FLOOD_FLUSH_MS);
    const tick1 = logs.store.getState().tick;
    // A line now and then: one tick waits the flood's interval (the tick before carried a flood), the next ones 100 ms.
    for (let ms = 0; ms < 1000; ms += 50) {
      write('line\n');
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(logs.store.getState().tick - tick1).toBe(6);
    logs.stop();
  });
});

describe('tickDelayMs', () => {
  test.each([
    [0, 100, 100],
    [FLOOD_LINES, 100, 100],
    [FLOOD_LINES + 1, 100, FLOOD_FLUSH_MS],
    [10_000, 100, FLOOD_FLUSH_MS],
    // A flush interval longer than the flood's stays as it is.
    [10_000, 2 * FLOOD_FLUSH_MS, 2 * FLOOD_FLUSH_MS],
  ])('%s lines in the last tick, flushMs %s → %s ms', (lines, flushMs, expected) => {
    expect(tickDelayMs(lines, flushMs)).toBe(expected);
  });
});
