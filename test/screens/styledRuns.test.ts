import { describe, expect, test } from 'vitest';
import { styledRuns, type Run } from '../../src/screens/widgets/styledRuns';
import { headerLine, rowRuns, type Column } from '../../src/screens/widgets/tableLayout';

const E = '\x1b[';

describe('styledRuns', () => {
  test.each<[string, Run[], string]>([
    ['plain runs stay plain', [{ text: 'ab' }, { text: ' c' }], 'ab c'],
    ['a colour opens and closes', [{ text: 'x' }, { text: 'ok', color: 'green' }, { text: '!' }], `x${E}32mok${E}39m!`],
    ['a colour open at the end is closed', [{ text: 'up', color: 'red' }], `${E}31mup${E}39m`],
    [
      'one colour to another',
      [
        { text: 'a', color: 'red' },
        { text: 'b', color: 'gray' },
      ],
      `${E}31ma${E}90mb${E}39m`,
    ],
    [
      'runs of one style are one stretch',
      [
        { text: 'a', bold: true },
        { text: 'b', bold: true },
      ],
      `${E}1mab${E}22m`,
    ],
    ['bold, inverse and colour together', [{ text: 'P', bold: true, inverse: true, color: 'red' }], `${E}31m${E}1m${E}7mP${E}39m${E}22m${E}27m`],
    [
      'inverse runs on through a cell',
      [
        { text: '› ', inverse: true },
        { text: 'lab', inverse: true, color: 'green' },
        { text: ' ', inverse: true },
      ],
      `${E}7m› ${E}32mlab${E}39m ${E}27m`,
    ],
    ['empty runs write nothing', [{ text: '', color: 'red' }, { text: 'a' }], 'a'],
  ])('%s', (_, runs, want) => {
    expect(styledRuns(runs)).toBe(want);
  });

  test('without styles: the text alone', () => {
    expect(
      styledRuns(
        [
          { text: 'a', color: 'red', bold: true },
          { text: 'b', inverse: true },
        ],
        false,
      ),
    ).toBe('ab');
  });
});

describe('rowRuns and headerLine', () => {
  type R = { name: string; cpu: number };
  const columns: Column<R>[] = [
    { title: 'NAME', width: 6, cell: (r) => ({ text: r.name, bold: true }) },
    { title: 'CPU', width: 4, align: 'right', cell: (r) => ({ text: `${r.cpu}%`, tone: r.cpu > 90 ? 'critical' : undefined }) },
    { title: 'GONE', width: 3, cell: () => ({ text: 'x' }) },
  ];
  const widths = [6, 4, 0];

  test('a row: gutter, each shown cell fitted, a gap after each but the last column', () => {
    expect(rowRuns({ name: 'lab-1', cpu: 95 }, columns, widths, false, true, true)).toEqual([
      { text: '  ', inverse: false },
      { text: 'lab-1 ', color: undefined, bold: true, inverse: undefined },
      { text: ' ', inverse: false },
      { text: ' 95%', color: 'red', bold: undefined, inverse: undefined },
      { text: ' ', inverse: false },
    ]);
  });

  test('the selected row is inverse end to end; no colour without color', () => {
    const runs = rowRuns({ name: 'lab-1', cpu: 95 }, columns, widths, true, false, true);
    expect(runs.map((r) => r.text).join('')).toBe('› lab-1   95% ');
    expect(runs.every((r) => r.inverse && r.color === undefined)).toBe(true);
  });

  test('the header: titles of the shown columns after the gutter', () => {
    expect(headerLine(columns, widths, 2)).toBe('  NAME    CPU');
  });
});
