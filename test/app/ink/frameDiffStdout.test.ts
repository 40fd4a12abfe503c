import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
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
  it('go out with the frame, and vanish with an empty diff', () => {
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
    expect(real.written).toEqual([`${BSU}${CLEAR}${at(1)}a${EOL}${at(2)}b${EOL}`, ESU, `${BSU}\x1b[?25h`, ESU]);
  });
});
