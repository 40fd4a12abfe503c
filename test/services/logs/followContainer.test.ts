import { PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { followContainer } from '../../../src/services/logs/followers';

/** A Docker client whose logs call answers with `stream` once `answer` is called (a TTY container: raw bytes). */
function fakeDocker(stream: PassThrough): { docker: Dockerode; answer: () => void } {
  let answer!: () => void;
  const answered = new Promise<void>((r) => (answer = r));
  const container = {
    inspect: async () => ({ Config: { Tty: true } }),
    logs: async () => {
      await answered;
      return stream;
    },
  };
  return { docker: { getContainer: () => container } as unknown as Dockerode, answer };
}

describe('followContainer', () => {
  it('ends and destroys the stream when the follow was aborted while Docker answered', async () => {
    const stream = new PassThrough();
    const { docker, answer } = fakeDocker(stream);
    const ctl = new AbortController();
    const lines: string[] = [];
    const done = followContainer(docker, 'c1', { tail: 0, signal: ctl.signal }, (t) => lines.push(t));
    await new Promise((r) => setImmediate(r));
    ctl.abort();
    answer();
    await done;
    expect(stream.destroyed).toBe(true);
    stream.write('2026-11-27T03:00:00.000000000Z late line\n');
    expect(lines).toEqual([]);
  });

  it('follows until aborted, then destroys the stream', async () => {
    const stream = new PassThrough();
    const { docker, answer } = fakeDocker(stream);
    const ctl = new AbortController();
    const lines: string[] = [];
    answer();
    const done = followContainer(docker, 'c1', { tail: 0, signal: ctl.signal }, (t) => lines.push(t));
    await new Promise((r) => setTimeout(r, 10));
    stream.write('2026-11-27T03:00:00.000000000Z one\n2026-11-27T03:00:00.100000000Z two\n');
    await new Promise((r) => setImmediate(r));
    ctl.abort();
    await done;
    expect(lines).toEqual(['one', 'two']);
    expect(stream.destroyed).toBe(true);
  });
});
