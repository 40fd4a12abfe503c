import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { HeldOutput } from '../../src/app/heldOutput';

/** A stand-in terminal: what reaches it, its size, its resize events. */
function terminal() {
  const out = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  Object.assign(out, { columns: 120, rows: 32, isTTY: true });
  const seen: string[] = [];
  out.on('data', (c: Buffer) => seen.push(c.toString()));
  return { out, seen };
}

describe('HeldOutput', () => {
  test('passes writes through, drops them while held (calling back), and passes them again once released', async () => {
    const { out, seen } = terminal();
    const held = new HeldOutput(out);
    held.write('frame 1');
    held.hold();
    let called = false;
    held.write('frame 2', () => (called = true));
    expect(called).toBe(true);
    held.release();
    held.write('frame 3', 'utf8');
    await new Promise((r) => setImmediate(r));
    expect(seen.join('')).toBe('frame 1frame 3');
  });

  test("is the terminal's size and resize events, held or not", () => {
    const { out } = terminal();
    const held = new HeldOutput(out);
    held.hold();
    let resized = 0;
    held.on('resize', () => resized++);
    out.emit('resize');
    expect([held.columns, held.rows, held.isTTY, resized]).toEqual([120, 32, true, 1]);
  });
});
