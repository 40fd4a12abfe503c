import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { keepConnectionAlive } from '../../src/hosts/sshKeepalive';

/** A socket, a client and an interval that ticks only when told: the keepalive's decisions, tick by tick. */
function rig(intervalMs = 4000, countMax = 2, opts: { throwOnProbe?: boolean } = {}) {
  const socket = Object.assign(new EventEmitter(), {
    destroyedWith: null as Error | null,
    destroy(err?: Error) {
      socket.destroyedWith = err ?? null;
    },
  });
  const probes: Array<[string, number]> = [];
  const client = {
    unforwardIn(addr: string, port: number) {
      if (opts.throwOnProbe) throw new Error('Not connected');
      probes.push([addr, port]);
      return client;
    },
  };
  let tick: (() => void) | null = null;
  let every = 0;
  let cleared = false;
  let unrefed = false;
  keepConnectionAlive(client, socket, intervalMs, countMax, {
    setInterval(fn, ms) {
      tick = fn;
      every = ms;
      return {
        unref() {
          unrefed = true;
        },
      };
    },
    clearInterval() {
      cleared = true;
    },
  });
  return {
    socket,
    probes,
    tick: () => tick?.(),
    data: () => socket.emit('data', Buffer.from('x')),
    get every() {
      return every;
    },
    get started() {
      return tick !== null;
    },
    get cleared() {
      return cleared;
    },
    get unrefed() {
      return unrefed;
    },
  };
}

describe('keepConnectionAlive', () => {
  it('asks nothing while data comes within every interval', () => {
    const r = rig();
    expect(r.every).toBe(4000);
    expect(r.unrefed).toBe(true);
    for (let i = 0; i < 10; i++) {
      r.data();
      r.tick();
    }
    expect(r.probes).toEqual([]);
    expect(r.socket.destroyedWith).toBeNull();
  });

  it('after a silent interval, asks with a cancel-tcpip-forward that has nothing to cancel', () => {
    const r = rig();
    r.tick(); // the interval since ready
    r.tick(); // a whole silent interval
    expect(r.probes).toEqual([['127.0.0.1', 0]]);
  });

  it('an answer (any data) counts: the count starts again', () => {
    const r = rig(4000, 2);
    r.tick();
    for (let round = 0; round < 5; round++) {
      r.tick(); // probe 1
      r.tick(); // probe 2
      r.data(); // the answer
      r.tick();
    }
    expect(r.socket.destroyedWith).toBeNull();
    expect(r.probes).toHaveLength(10);
  });

  it('countMax probes unanswered: the socket is dropped with "Keepalive timeout" and the timer stops', () => {
    const r = rig(4000, 2);
    r.tick();
    r.tick();
    r.tick();
    expect(r.socket.destroyedWith).toBeNull();
    expect(r.probes).toHaveLength(2);
    r.tick();
    expect(r.socket.destroyedWith?.message).toBe('Keepalive timeout');
    expect((r.socket.destroyedWith as Error & { level?: string }).level).toBe('client-timeout');
    expect(r.cleared).toBe(true);
    expect(r.probes).toHaveLength(2);
  });

  it('stops when the socket closes', () => {
    const r = rig();
    r.socket.emit('close');
    expect(r.cleared).toBe(true);
  });

  it('a probe on a connection already gone does not throw out of the timer', () => {
    const r = rig(4000, 2, { throwOnProbe: true });
    r.tick();
    expect(() => r.tick()).not.toThrow();
  });

  it.each([0, -1, Number.NaN])('interval %s ms: no keepalive at all', (ms) => {
    const r = rig(ms);
    expect(r.started).toBe(false);
  });
});
