import { describe, expect, test } from 'vitest';
import { parseBackupList } from '../../../../src/services/procedures/runner/backupFiles';
import { pickItems, pickLines, type PickList } from '../../../../src/screens/procedureLines';

const Z = '\u0000';

describe('parseBackupList (find -printf records, NUL-separated)', () => {
  test.each<[string, string, Array<[string, number | null, number | null]>]>([
    ['newest first', `100.5 10 old.tar.gz${Z}200 20 new.tar.gz${Z}`, [['new.tar.gz', 200_000, 20], ['old.tar.gz', 100_500, 10]]],
    ['a file one folder down', `300 5 database/risk_platform.dump${Z}`, [['database/risk_platform.dump', 300_000, 5]]],
    ['names a value may not have are not offered', `1 1 a b.tar.gz${Z}` + `1 1 $(touch x).gz${Z}` + `1 1 -rf${Z}` + `1 1 .hidden${Z}` + `1 1 ok.gz${Z}` + `1 1 line\nbreak.gz${Z}`, [['ok.gz', 1000, 1]]],
    ['two folders down is not a backup of this folder', `1 1 a/b/c.gz${Z}`, []],
    ['the busybox fallback: no times, order kept', `- - b.gz${Z}- - a.gz${Z}`, [['b.gz', null, null], ['a.gz', null, null]]],
    ['empty', '', []],
    ['junk', `garbage${Z}`, []],
  ])('%s', (_n, out, want) => {
    expect(parseBackupList(out).map((f) => [f.name, f.mtime, f.size])).toEqual(want);
  });
});

describe('pickLines and pickItems', () => {
  const base: PickList = { procedure: 'BR-002', param: 'backup_file', dir: '/b', files: [], sel: -1, loading: false, error: null };
  const now = 10 * 3600_000;
  test.each<[string, Partial<PickList>, string[]]>([
    ['listing', { loading: true }, ['listing /b …']],
    ['cannot list', { error: 'no such folder: /b' }, ['cannot list /b: no such folder: /b — type the file name']],
    ['empty folder', {}, ['/b has no files — type the file name']],
    ['files: the list draws them', { files: [{ name: 'a', mtime: null, size: null }] }, []],
  ])('%s', (_n, p, want) => {
    expect(pickLines({ ...base, ...p }, 80).map((l) => l.text)).toEqual(want);
  });

  test('files as pick-list rows: name, age and size, keyed by name', () => {
    const files = [
      { name: 'new.tar.gz', mtime: now - 3 * 3600_000, size: 2048 },
      { name: 'old.tar.gz', mtime: null, size: null },
    ];
    expect(pickItems({ ...base, files, sel: 0 }, now, 80)).toEqual([
      { key: 'new.tar.gz', label: 'new.tar.gz      3h ago   2.0 KiB' },
      { key: 'old.tar.gz', label: 'old.tar.gz' },
    ]);
    expect(pickItems({ ...base, files, loading: true }, now, 80)).toEqual([]);
  });
});
