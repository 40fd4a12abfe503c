import { describe, expect, it } from 'vitest';
import { fieldAt, forEachLine, readCounters, skipFields } from '../../../src/services/resources/counterFields';

describe('counterFields (a /proc line read without splitting it)', () => {
  it.each([
    ['LF', 'a 1\nb 2\n', ['a 1', 'b 2']],
    ['CRLF', 'a 1\r\nb 2\r\n', ['a 1', 'b 2']],
    ['no final newline', 'a 1\nb 2', ['a 1', 'b 2']],
    ['empty lines kept', 'a\n\n\r\nb', ['a', '', '', 'b']],
    ['nothing', '', []],
  ])('forEachLine: %s', (_name, text, want) => {
    const got: string[] = [];
    forEachLine(text, (l) => got.push(l));
    expect(got).toEqual(want);
  });

  it('reads the counters after an index, spaces and tabs alike, up to a maximum', () => {
    const out: number[] = [9, 9, 9, 9, 9];
    expect(readCounters('eth0:  12 \t 3 4567', 5, out, 16)).toBe(true);
    expect(out).toEqual([12, 3, 4567]);
    expect(readCounters(' 1 2 3 4', 0, out, 2)).toBe(true);
    expect(out).toEqual([1, 2]);
    expect(readCounters('   ', 0, out, 4)).toBe(true);
    expect(out).toEqual([]);
  });

  it('refuses a field that is not a whole non-negative number, as Number() would have let some through', () => {
    const out: number[] = [];
    for (const bad of ['1 -2', '1 a', '1 1.5', '1 0x10', '1 2e3']) expect(readCounters(bad, 0, out, 4)).toBe(false);
  });

  it('reads wide counters as Number() does, exactly up to 2^53', () => {
    const out: number[] = [];
    readCounters('18446744073709551615 9007199254740991', 0, out, 2);
    expect(out[1]).toBe(Number.MAX_SAFE_INTEGER);
    expect(out[0]! / Number('18446744073709551615')).toBeCloseTo(1, 12);
  });

  it('skips fields and names one', () => {
    const line = '   8       0 sda 1 2';
    expect(line.slice(skipFields(line, 0, 3))).toBe(' 1 2');
    expect(skipFields(line, 0, 6)).toBe(-1);
    expect(fieldAt(line, 2)).toBe('sda');
    expect(fieldAt(line, 9)).toBe('');
  });
});
