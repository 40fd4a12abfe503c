/**
 * Ink's output step as patched (patches/ink+6.8.0.patch): a row whose writes
 * equal a row of the previous frame reuses that row's text, styles are
 * diffed only where they change, and a row of one write that fits is written
 * as its line. A frame must read the same whatever frames came before it:
 * each frame of a sequence is compared with the same frame drawn after an
 * unrelated one, by a fresh Ink. A row written as its line must show the
 * same cells as the row laid out cell by cell: both are read back through a
 * terminal emulator. Ink's caches of texts (sanitized, measured, cut) are
 * bounded: texts drawn by the thousand do not stay in memory.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import React from 'react';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { Terminal } from '@xterm/headless';
import { Box, Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { inkColoursInThisFile } from '../screens/inkColours';
import { styledRuns } from '../../src/screens/widgets/styledRuns';
import type { ToneColor } from '../../src/screens/widgets/tone';

// The frames have styles: Ink draws with colours while this file runs.
inkColoursInThisFile();

interface Cell {
  text: string;
  color?: ToneColor;
  bold?: boolean;
  inverse?: boolean;
}
type Grid = { width: number; rows: Cell[][]; selected?: number };

function Frame({ width, rows, selected }: Grid): React.JSX.Element {
  return (
    <Box flexDirection="column" width={width}>
      {rows.map((cells, y) => (
        <Box key={y}>
          {cells.map((c, x) => (
            <Text key={x} wrap="truncate" inverse={y === selected}>
              <Text color={c.color} bold={c.bold} inverse={c.inverse}>
                {c.text}
              </Text>{' '}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}

const row = (n: number, cpu: string, tone?: ToneColor): Cell[] => [
  { text: String(n).padStart(3), color: 'gray' },
  { text: `lab-${n}`.padEnd(8), bold: true },
  { text: n === 1 ? ' PROD ' : '      ', color: 'red', inverse: n === 1, bold: n === 1 },
  { text: 'connected', color: 'green' },
  { text: cpu.padStart(4), color: tone },
];
const rows = (from: number, cpu: (n: number) => string, tone?: (n: number) => ToneColor | undefined): Cell[][] =>
  Array.from({ length: 5 }, (_, i) => row(from + i, cpu(from + i), tone?.(from + i)));

const CASES: { name: string; frames: Grid[] }[] = [
  {
    name: 'a figure and its colour change, the other cells stay',
    frames: [
      { width: 60, rows: rows(1, () => '5%') },
      {
        width: 60,
        rows: rows(
          1,
          (n) => (n === 2 ? '95%' : '5%'),
          (n) => (n === 2 ? 'red' : undefined),
        ),
      },
      { width: 60, rows: rows(1, () => '5%') },
    ],
  },
  {
    name: 'the list scrolls: the same rows one line higher',
    frames: [
      { width: 60, rows: rows(1, () => '7%') },
      { width: 60, rows: rows(2, () => '7%') },
      { width: 60, rows: rows(1, () => '7%') },
    ],
  },
  {
    name: 'the selection moves: inverse around styled cells',
    frames: [
      { width: 60, rows: rows(1, () => '7%'), selected: 0 },
      { width: 60, rows: rows(1, () => '7%'), selected: 1 },
      { width: 60, rows: rows(1, () => '7%') },
    ],
  },
  {
    name: 'the width changes: rows are cut where they were whole',
    frames: [
      { width: 60, rows: rows(1, () => '7%') },
      { width: 24, rows: rows(1, () => '7%') },
      { width: 60, rows: rows(1, () => '7%') },
    ],
  },
  {
    name: 'wide characters and styles that nest',
    frames: [
      { width: 40, rows: [[{ text: '日本語', color: 'cyan' }, { text: 'é', bold: true, inverse: true }, { text: '—' }]] },
      { width: 40, rows: [[{ text: '日本', color: 'cyan' }, { text: 'é', bold: true, inverse: true }, { text: '—' }]] },
    ],
  },
];

const UNRELATED: Grid = {
  width: 50,
  rows: rows(
    40,
    () => '1%',
    () => 'yellow',
  ),
};

afterEach(() => cleanup());
// Leave no forced colour behind for test files that share this worker.
afterAll(() => {
  delete process.env.FORCE_COLOR;
});

describe("Ink's output step", () => {
  test.each(CASES)('$name: each frame reads as it does after any other', ({ frames }) => {
    const r = render(<Frame {...frames[0]!} />);
    const inSequence = frames.map((f) => {
      r.rerender(<Frame {...f} />);
      return r.lastFrame();
    });
    const alone = frames.map((f) => {
      const fresh = render(<Frame {...UNRELATED} />);
      fresh.rerender(<Frame {...f} />);
      const out = fresh.lastFrame();
      fresh.unmount();
      return out;
    });
    expect(inSequence).toEqual(alone);
    // The frames are styled, and differ where their cells do.
    expect(inSequence.every((f) => f?.includes('\u001b['))).toBe(true);
    expect(new Set(inSequence).size).toBeGreaterThan(1);
  });
});

const rowLine = (cells: Cell[], selected: boolean): string =>
  styledRuns(
    cells.flatMap((c) => [
      { ...c, inverse: selected || c.inverse },
      { text: ' ', inverse: selected },
    ]),
  );

/** The same rows, each one Text whose line carries its cells' styles: one write a row. */
function LineFrame({ width, rows, selected, indent = 0 }: Grid & { indent?: number }): React.JSX.Element {
  return (
    <Box flexDirection="column" width={width} paddingLeft={indent}>
      {rows.map((cells, y) => (
        <Text key={y} wrap="truncate">
          {rowLine(cells, y === selected)}
        </Text>
      ))}
    </Box>
  );
}

/** Each cell of a frame as a terminal shows it: character, colour, bold, inverse. */
async function cells(frame: string, cols: number): Promise<string[]> {
  const term = new Terminal({ cols, rows: 12, allowProposedApi: true });
  await new Promise<void>((r) => term.write(frame.replace(/\n/g, '\r\n'), r));
  const out: string[] = [];
  const cell = term.buffer.active.getNullCell();
  for (let y = 0; y < 12; y++) {
    const line = term.buffer.active.getLine(y)!;
    for (let x = 0; x < cols; x++) {
      line.getCell(x, cell);
      out.push(`${y},${x}:${cell.getChars() || ' '}|${cell.getFgColor()}|${cell.isBold()}|${cell.isInverse()}`);
    }
  }
  term.dispose();
  return out;
}

describe('a row of one write', () => {
  const selectedRows = rows(
    1,
    (n) => `${n * 19}%`,
    (n) => (n === 3 ? 'red' : undefined),
  );
  test.each<[string, Grid, number]>([
    ['styled cells, a selected row', { width: 60, rows: selectedRows, selected: 1 }, 0],
    ['after an indent', { width: 60, rows: selectedRows }, 3],
    ['wide characters', { width: 40, rows: [[{ text: '日本語', color: 'cyan' }, { text: 'é', bold: true, inverse: true }, { text: '—' }]] }, 0],
  ])('%s: its line shows the cells the row laid out cell by cell shows', async (_, grid, indent) => {
    const laidOut = render(
      <Box paddingLeft={indent}>
        <Frame {...grid} />
      </Box>,
    ).lastFrame()!;
    cleanup();
    const asLines = render(<LineFrame {...grid} indent={indent} />).lastFrame()!;
    // Each row's line is written as it is, not taken apart and put together again.
    for (const [y, row] of grid.rows.entries()) expect(asLines).toContain(' '.repeat(indent) + rowLine(row, y === grid.selected).trimEnd());
    expect(await cells(asLines, 80)).toEqual(await cells(laidOut, 80));
  });
});

describe("Ink's text caches", () => {
  test('a Text with a control sequence is drawn without it, in the frame that sanitizes it and in the frames after', () => {
    const r = render(<Text>{'a\u001b[2Jb \u001b[31mred\u001b[39m'}</Text>);
    for (let i = 0; i < 3; i++) {
      r.rerender(<Text>{'a\u001b[2Jb \u001b[31mred\u001b[39m'}</Text>);
      expect(r.lastFrame()).toBe('ab \u001b[31mred\u001b[39m');
    }
  });

  test('texts measured by the thousand do not stay in memory, and are still measured right', () => {
    // A collector to call: V8 hands one to a new context once the flag is set.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const r = render(<Text>start</Text>);
    const before = heap();
    // 3 000 texts of 4 KB: 12 MB if every measured text were kept, 4 MB at most in caches of 1 000.
    const pad = 'x'.repeat(4096);
    for (let i = 0; i < 3000; i++) r.rerender(<Text wrap="truncate">{`${i} ${pad}`}</Text>);
    r.rerender(<Text>{'end of the texts'}</Text>);
    expect(r.lastFrame()).toBe('end of the texts');
    expect((heap() - before) / 2 ** 20).toBeLessThan(8);
  });
});
