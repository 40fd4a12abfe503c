import { describe, expect, test } from 'vitest';
import { gaugeBar } from '../../src/screens/widgets/gaugeBar';
import { sparkline } from '../../src/screens/widgets/sparklineText';
import { layoutColumns, scrollWindow, windowLabel } from '../../src/screens/widgets/tableLayout';
import { fitSegments, segmentsText } from '../../src/screens/widgets/segmentLine';
import { statusSegments } from '../../src/screens/widgets/statusSegments';
import { commandLineText } from '../../src/screens/widgets/CommandLine';
import { helpLines, helpScrollMax } from '../../src/screens/widgets/HelpOverlay';
import { toneColor } from '../../src/screens/widgets/tone';
import { BINDINGS } from '../../src/screens/keymap';

describe('sparkline', () => {
  test.each<[number[], number, number | undefined, string]>([
    [[], 10, 100, ''],
    [[0, 50, 100], 10, 100, '▁▅█'],
    [[0, 12.5, 25, 37.5, 50, 62.5, 75, 87.5, 100], 9, 100, '▁▂▃▄▅▆▇██'],
    [[1, 2, 3, 4], 2, 4, '▇█'], // width keeps the newest samples
    [[2, 4], 5, undefined, '▅█'], // own maximum without a fixed scale
    [[0, 0], 3, undefined, '▁▁'],
    [[150, -5], 2, 100, '█▁'], // out-of-range values are clamped
    [[1, 2], 0, 100, ''],
  ])('%j width %s max %s → %s', (values, width, max, out) => {
    expect(sparkline(values, width, max)).toBe(out);
  });
});

describe('gaugeBar', () => {
  test.each<[number | null, number, string]>([
    [0, 10, '░░░░░░░░░░'],
    [50, 10, '█████░░░░░'],
    [100, 10, '██████████'],
    [140, 4, '████'],
    [null, 4, '····'],
    [50, 0, ''],
  ])('%s percent in %s columns → %s', (p, w, out) => expect(gaugeBar(p, w)).toBe(out));
});

describe('layoutColumns', () => {
  test.each<[{ width: number | 'flex'; minWidth?: number; maxWidth?: number }[], number, number[]]>([
    [[{ width: 3 }, { width: 4 }], 20, [3, 4]],
    [[{ width: 3 }, { width: 'flex' }, { width: 4 }], 20, [3, 11, 4]],
    [[{ width: 'flex' }, { width: 'flex' }], 21, [10, 10]],
    [[{ width: 3 }, { width: 'flex', maxWidth: 5 }], 40, [3, 5]],
    // Too narrow: the flex column keeps its minimum, columns on the right are cut.
    [[{ width: 5 }, { width: 'flex', minWidth: 6 }, { width: 5 }], 14, [5, 6, 1]],
    [[{ width: 5 }, { width: 5 }, { width: 5 }], 8, [5, 2, 0]],
  ])('%j in %s → %j', (cols, total, out) => expect(layoutColumns(cols, total)).toEqual(out));
});

describe('scrollWindow', () => {
  test.each<[number, number, number, number, number]>([
    // prev, selected, count, size → start
    [0, 0, 5, 10, 0], // everything fits
    [0, 9, 50, 10, 0], // still in view
    [0, 10, 50, 10, 1], // one past the bottom: scroll by one
    [0, 49, 50, 10, 40], // G
    [40, 39, 50, 10, 39], // one above the top
    [40, 0, 50, 10, 0], // g
    [45, -1, 50, 10, 40], // a stale offset is clamped
    [7, -1, 50, 10, 7], // no selection: the offset stands
    [3, 2, 50, 0, 0], // no room at all
  ])('prev %s sel %s count %s size %s → %s', (prev, sel, count, size, out) => {
    expect(scrollWindow(prev, sel, count, size)).toBe(out);
  });

  test('window label', () => {
    expect(windowLabel(0, 10, 10)).toBe('');
    expect(windowLabel(20, 10, 50)).toBe('21–30 of 50');
  });
});

describe('segments and the status bar', () => {
  test('fitSegments cuts at the width', () => {
    const out = fitSegments([{ text: 'abcd' }, { text: 'efgh' }, { text: 'ij' }], 6);
    expect(segmentsText(out)).toBe('abcde…');
  });

  const base = {
    width: 100,
    host: { name: 'web-1', production: true, state: 'connected' as const },
    screen: 'overview',
    message: null,
    readOnly: false,
    clock: '12:34:56',
    version: '0.1.0',
  };

  test('host, PROD badge, screen, state and clock in one line of the exact width', () => {
    const segs = statusSegments(base);
    const text = segmentsText(segs);
    expect(text).toHaveLength(100);
    expect(text).toMatch(/^ web-1 {2}PROD {2}overview connected /);
    expect(text.endsWith('12:34:56')).toBe(true);
    expect(segs.find((s) => s.text === ' PROD ')).toMatchObject({ inverse: true, tone: 'critical' });
  });

  test('an error message takes the middle and stays on one line', () => {
    const text = segmentsText(statusSegments({ ...base, message: { text: 'unknown host "nope"\nsecond line', level: 'error' } }));
    expect(text).toContain('✗ unknown host "nope" second line');
    expect(text).toHaveLength(100);
  });

  test('read-only is spelled out', () => {
    expect(segmentsText(statusSegments({ ...base, readOnly: true }))).toContain('READ-ONLY');
  });

  test('a narrow terminal keeps the host first', () => {
    const text = segmentsText(fitSegments(statusSegments({ ...base, width: 20 }), 20));
    expect(text.startsWith(' web-1 ')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(20);
  });
});

describe('command line', () => {
  test.each<['command' | 'filter', string, number, number | undefined, string]>([
    ['command', 'host db-1', 40, undefined, ':host db-1'],
    ['filter', 'db', 40, 2, '/db'],
    ['command', 'abcdefghijklmnopqrstuvwxyz', 10, undefined, ':…tuvwxyz'], // the end (cursor) stays visible
  ])('%s %s in %s', (kind, text, width, matches, out) => {
    expect(commandLineText(kind, text, width, matches)).toBe(out);
  });
});

describe('help', () => {
  test('the help lists every binding once per scope, current screen first', () => {
    const lines = helpLines('hosts');
    expect(lines[0]).toEqual({ kind: 'title', text: 'Hosts (this screen)' });
    expect(lines.filter((l) => l.kind === 'row')).toHaveLength(BINDINGS.length);
    expect(lines).toContainEqual({ kind: 'row', keys: 'c', help: 'connect the selected host' });
  });

  test('scrolling is bounded by what does not fit', () => {
    const n = helpLines('overview').length;
    expect(helpScrollMax('overview', n + 1)).toBe(0);
    expect(helpScrollMax('overview', 11)).toBe(n - 10);
  });
});

test('colour is one switch (NO_COLOR)', () => {
  expect(toneColor('critical', true)).toBe('red');
  expect(toneColor('critical', false)).toBeUndefined();
  expect(toneColor('ok', true)).toBeUndefined();
});
