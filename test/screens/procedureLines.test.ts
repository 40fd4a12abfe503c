import { describe, expect, test } from 'vitest';
import { linksLines, reportLines, runsLines, type PastRun } from '../../src/screens/procedureLines';

describe('the runs list', () => {
  const run = (o: Partial<PastRun>): PastRun => ({
    runId: 'r1',
    procedure: 'BR-002',
    host: 'lab-2',
    status: 'completed',
    startedAt: '2026-11-27T04:55:26.391Z',
    operator: 'ops',
    ...o,
  });
  test.each<[string, PastRun[], Array<[string, string]>]>([
    ['none', [], []],
    [
      'started, procedure, host, status, operator, run id; toned by status',
      [run({}), run({ runId: 'r2', procedure: 'DO-001', host: 'prod-db-1', status: 'failed', operator: 'alice' }), run({ runId: 'r3', status: 'interrupted' })],
      [
        ['2026-11-27 04:55:26  BR-002  lab-2      completed   ops       r1', 'ok'],
        ['2026-11-27 04:55:26  DO-001  prod-db-1  failed      alice     r2', 'critical'],
        ['2026-11-27 04:55:26  BR-002  lab-2      interrupted ops       r3', 'warning'],
      ],
    ],
  ])('%s', (_n, runs, want) => {
    expect(runsLines(runs, 120).map((l) => [l.text, l.tone])).toEqual(want);
  });
});

const at = { file: 'x.md', line: 1 };

describe('links and reports', () => {
  test('a link says where it leads, an unresolved one that the library lacks it', () => {
    expect(
      linksLines(
        [
          { text: 'Incident', target: 'ir-001-x', procedure: 'IR-001', source: at },
          { text: 'Security', target: 'ir-004-security', procedure: null, source: at },
        ],
        100,
      ),
    ).toEqual([
      { text: 'Incident → IR-001', tone: 'normal' },
      { text: 'Security → #ir-004-security (unresolved: not in the library)', tone: 'warning' },
    ]);
  });

  test.each<[string, string, number, string[]]>([
    ['lines as written, the final newline dropped, blank lines kept', '# T\n\n- a\n', 20, ['# T', '', '- a']],
    ['a long line wraps rather than being cut', 'abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['wide characters count once', '✔✔✔✔✔', 2, ['✔✔', '✔✔', '✔']],
  ])('report: %s', (_n, md, width, want) => {
    expect(reportLines(md, width).map((l) => l.text)).toEqual(want);
  });
});
