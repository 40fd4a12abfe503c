import { describe, expect, it } from 'vitest';
import { parsePsLines } from '../../../src/services/processes/parsePsLines';

describe('parsePsLines', () => {
  it.each([
    {
      name: 'a daemon with arguments, spaces kept as they are',
      line: '  812     1 postgres                          2.5  1.2 40960 Ss     86400 postgres: 16/main: checkpointer  ',
      want: {
        pid: 812,
        ppid: 1,
        user: 'postgres',
        cpuPercent: 2.5,
        memPercent: 1.2,
        rssBytes: 40960 * 1024,
        state: 'Ss',
        elapsedSeconds: 86400,
        command: 'postgres: 16/main: checkpointer',
      },
    },
    {
      name: 'a kernel thread',
      line: '    2     0 root                              0.0  0.0     0 S       3781 [kthreadd]',
      want: { pid: 2, ppid: 0, user: 'root', cpuPercent: 0, memPercent: 0, rssBytes: 0, state: 'S', elapsedSeconds: 3781, command: '[kthreadd]' },
    },
    {
      name: 'a long user name (no + truncation at 32 columns)',
      line: ' 4242  4000 systemd-timesync                  0.0  0.1  7000 Ssl      50 /lib/systemd/systemd-timesyncd',
      want: { user: 'systemd-timesync', pid: 4242, command: '/lib/systemd/systemd-timesyncd' },
    },
    {
      name: 'odd user names: dots, dollar, numeric uid',
      line: ' 77 1 host$.svc-1 0.0 0.0 1 S 5 x',
      want: { user: 'host$.svc-1' },
    },
    {
      name: 'numeric uid (name wider than the column)',
      line: ' 78 1 1000001 99.9 0.0 1 R 5 burn',
      want: { user: '1000001', cpuPercent: 99.9, state: 'R' },
    },
    {
      name: 'a command line with control characters stays as the host sent it (made inert where shown)',
      line: ' 79 1 eve 0.0 0.0 1 S 5 evil\x1b]0;PWN\x07 x  y',
      want: { command: 'evil\x1b]0;PWN\x07 x  y' },
    },
    {
      name: 'a zombie has no command line of its own',
      line: ' 80 1 eve 0.0 0.0 0 Z 5 [sh] <defunct>',
      want: { state: 'Z', command: '[sh] <defunct>' },
    },
  ])('$name', ({ line, want }) => {
    const [p] = parsePsLines(line);
    expect(p).toMatchObject(want);
  });

  it.each([
    ['empty', ''],
    ['a header line', '  PID  PPID USER %CPU %MEM RSS STAT ELAPSED COMMAND'],
    ['the tail of a command line cut by a raw newline', 'x --flag 3'],
    ['a busybox ps line (other columns)', '    1 root      0:01 init'],
  ])('leaves out %s', (_n, text) => {
    expect(parsePsLines(text)).toEqual([]);
  });

  it('reads every line of a listing, in order', () => {
    const text = ' 1 0 root 0.1 0.1 100 Ss 10 /sbin/init\n 2 0 root 0.0 0.0 0 S 10 [kthreadd]\n';
    expect(parsePsLines(text).map((p) => p.pid)).toEqual([1, 2]);
  });
});
