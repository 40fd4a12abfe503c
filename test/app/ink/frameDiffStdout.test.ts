import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { diffFrame, frameDiffStdout } from '../../../src/app/ink/frameDiffStdout';

const CLEAR = '\x1b[2J\x1b[3J\x1b[H';
const at = (r: number) => `\x1b[${r}H`.replace('H', ';1H');
const EOL = '\x1b[0m\x1b[K';

describe('diffFrame', () => {
  it.each<[string, string[] | null, string[], string]>([
    ['first frame: clear, then every row', null, ['a', 'b'], `${CLEAR}${at(1)}a${EOL}${at(2)}b${EOL}`],
    ['nothing changed: no bytes', ['a', 'b'], ['a', 'b'], ''],
    ['one row changed: only that row', ['a', 'b', 'c'], ['a', 'B', 'c'], `${at(2)}B${EOL}`],
    ['shorter frame: the rows it lost are blanked', ['a', 'b', 'c'], ['a'], `${at(2)}${EOL}${at(3)}${EOL}`],
    ['lost rows that were blank stay untouched', ['a', '', ''], ['a'], ''],
    ['longer frame: the new rows are drawn', ['a'], ['a', 'b'], `${at(2)}b${EOL}`],
    ['styled rows are compared as written', ['\x1b[31mx\x1b[39m'], ['\x1b[32mx\x1b[39m'], `${at(1)}\x1b[32mx\x1b[39m${EOL}`],
  ])('%s', (_n, prev, next, bytes) => {
    expect(diffFrame(prev, next)).toBe(bytes);
  });
});

class FakeTty extends EventEmitter {
  isTTY = true;
  columns = 80;
  rows = 24;
  written: string[] = [];
  write(s: string) {
    this.written.push(s);
    return true;
  }
}

describe('frameDiffStdout', () => {
  it('turns full redraws into changed rows, passes other writes through, redraws whole after a resize', () => {
    const real = new FakeTty();
    const out = frameDiffStdout(real as unknown as NodeJS.WriteStream);
    expect(out.columns).toBe(80);
    expect(out.isTTY).toBe(true);
    out.write(`${CLEAR}top\ncpu 3%`);
    out.write(`${CLEAR}top\ncpu 86%`);
    out.write('\x1b[?25l');
    real.columns = 100;
    real.emit('resize');
    expect(out.columns).toBe(100);
    out.write(`${CLEAR}top\ncpu 86%`);
    expect(real.written).toEqual([`${CLEAR}${at(1)}top${EOL}${at(2)}cpu 3%${EOL}`, `${at(2)}cpu 86%${EOL}`, '\x1b[?25l', `${CLEAR}${at(1)}top${EOL}${at(2)}cpu 86%${EOL}`]);
  });

  it('listeners added through it reach the real stream', () => {
    const real = new FakeTty();
    const out = frameDiffStdout(real as unknown as NodeJS.WriteStream);
    let n = 0;
    out.on('resize', () => n++);
    real.emit('resize');
    expect(n).toBe(1);
  });
});

describe('synchronized-output marks', () => {
  const BSU = '\x1b[?2026h';
  const ESU = '\x1b[?2026l';
  it('go out with the frame in one write, and vanish with an empty diff', () => {
    const real = new FakeTty();
    const out = frameDiffStdout(real as unknown as NodeJS.WriteStream);
    out.write(BSU);
    out.write(`${CLEAR}a\nb`);
    out.write(ESU);
    out.write(BSU);
    out.write(`${CLEAR}a\nb`);
    out.write(ESU);
    out.write(BSU);
    out.write('\x1b[?25h');
    out.write(ESU);
    expect(real.written).toEqual([`${BSU}${CLEAR}${at(1)}a${EOL}${at(2)}b${EOL}${ESU}`, `${BSU}\x1b[?25h${ESU}`]);
  });

  it('a frame whose end mark does not come goes out at the end of the turn, or before the next write', async () => {
    const real = new FakeTty();
    const out = frameDiffStdout(real as unknown as NodeJS.WriteStream);
    out.write(BSU);
    out.write(`${CLEAR}a`);
    expect(real.written).toEqual([]);
    await Promise.resolve();
    expect(real.written).toEqual([`${BSU}${CLEAR}${at(1)}a${EOL}`]);
    out.write(BSU);
    out.write(`${CLEAR}b`);
    out.write('\x1b[?25h');
    expect(real.written.slice(1)).toEqual([`${BSU}${at(1)}b${EOL}`, '\x1b[?25h']);
  });
});

describe('log-update redraws (frames under the terminal height)', () => {
  const erase = (n: number) => `${'\x1b[2K\x1b[1A'.repeat(n - 1)}\x1b[2K\x1b[G`;
  it('become the changed rows, with the cursor left below the frame', () => {
    const real = new FakeTty();
    const out = frameDiffStdout(real as unknown as NodeJS.WriteStream);
    out.write('top\ncpu 3%\n'); // the first frame has nothing to erase: it passes as it is
    out.write(`${erase(3)}top\ncpu 3%\n`);
    out.write(`${erase(3)}top\ncpu 86%\n`);
    out.write(`${erase(3)}top\ncpu 86%\n`);
    expect(real.written).toEqual(['top\ncpu 3%\n', `${CLEAR}${at(1)}top${EOL}${at(2)}cpu 3%${EOL}${at(3)}`, `${at(2)}cpu 86%${EOL}${at(3)}`]);
  });

  it('an erase with nothing after it blanks the frame; a write that is not a whole frame passes as it is', () => {
    const real = new FakeTty();
    const out = frameDiffStdout(real as unknown as NodeJS.WriteStream);
    out.write(`${erase(2)}a\nb\n`);
    out.write(erase(3));
    out.write(`${erase(2)}a\nb\x1b[1A`);
    expect(real.written).toEqual([`${CLEAR}${at(1)}a${EOL}${at(2)}b${EOL}${at(3)}`, `${at(1)}${EOL}${at(2)}${EOL}${at(1)}`, `${erase(2)}a\nb\x1b[1A`]);
  });
});

describe('after a write it cannot read', () => {
  it('a raw frame (newlines) makes the next frame a whole redraw', () => {
    const erase = (n: number) => `${'\x1b[2K\x1b[1A'.repeat(n - 1)}\x1b[2K\x1b[G`;
    const real = new FakeTty();
    const out = frameDiffStdout(real as unknown as NodeJS.WriteStream);
    out.write(`${erase(2)}a\nb\n`);
    out.write('old size\nframe\nscrolled\n');
    out.write(`${erase(2)}a\nb\n`);
    expect(real.written[2]).toBe(`${CLEAR}${at(1)}a${EOL}${at(2)}b${EOL}${at(3)}`);
  });
});

describe('right after a resize', () => {
  it('frames are drawn whole until the layout settles, then as changed rows again', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const real = new FakeTty();
      const out = frameDiffStdout(real as unknown as NodeJS.WriteStream);
      out.write(`${CLEAR}a\nb`);
      real.emit('resize');
      out.write(`${CLEAR}a\nb`);
      out.write(`${CLEAR}a\nb`);
      vi.setSystemTime(1_000_000 + 1500);
      out.write(`${CLEAR}a\nb`);
      out.write(`${CLEAR}a\nB`);
      const whole = `${CLEAR}${at(1)}a${EOL}${at(2)}b${EOL}`;
      expect(real.written).toEqual([whole, whole, whole, whole, `${at(2)}B${EOL}`]);
    } finally {
      vi.useRealTimers();
    }
  });
});
