import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PidLineSplitter, killGroupCommand, remoteCommand } from '../../src/hosts/remoteCommand';

function split(chunks: (string | Buffer)[]): { pid: number | null; out: string } {
  const got: Buffer[] = [];
  const s = new PidLineSplitter((c) => got.push(c));
  for (const c of chunks) s.push(Buffer.from(c));
  s.flush();
  return { pid: s.pid, out: Buffer.concat(got).toString() };
}

describe('PidLineSplitter', () => {
  it.each([
    ['one chunk', ['123\nhello'], 123, 'hello'],
    ['pid split over chunks', ['1', '2', '3\n', 'hello'], 123, 'hello'],
    ['newline alone', ['77', '\n'], 77, ''],
    ['output right behind the pid', ['9\nA', 'B', 'C'], 9, 'ABC'],
    ['no output at all', [], null, ''],
    ['not a pid line: passed through', ['hello\nworld'], null, 'hello\nworld'],
    ['long junk without newline: passed through', ['x'.repeat(40), 'y'], null, `${'x'.repeat(40)}y`],
    ['short junk held back then flushed', ['abc'], null, 'abc'],
  ] as const)('%s', (_n, chunks, pid, out) => {
    expect(split([...chunks])).toEqual({ pid, out });
  });
});

describe('remoteCommand through a real /bin/sh', () => {
  it('prints the shell pid first, then the command output with env applied', () => {
    const out = execFileSync('/bin/sh', ['-c', remoteCommand('printf "%s" "$V"', { V: "a'$(id)" })]);
    const r = split([out]);
    expect(r.pid).toBeGreaterThan(1);
    expect(r.out).toBe("a'$(id)");
  });

  it('builds a group kill only for a sane pid', () => {
    expect(killGroupCommand(4242)).toContain('kill -9 -4242');
    expect(() => killGroupCommand(1)).toThrow();
    expect(() => killGroupCommand(Number.NaN)).toThrow();
  });
});
