import { describe, expect, it } from 'vitest';
import { parseLoadavg } from '../../../src/services/resources/parseLoadavg';
import { osName, parseOsRelease } from '../../../src/services/resources/parseOsRelease';
import { parseUptime } from '../../../src/services/resources/parseUptime';

describe('parseLoadavg', () => {
  it.each([
    { text: '0.52 0.58 0.59 1/467 12345\n', want: { load1: 0.52, load5: 0.58, load15: 0.59, running: 1, threads: 467 } },
    { text: '64.00 32.50 10.01 70/3000 1', want: { load1: 64, load5: 32.5, load15: 10.01, running: 70, threads: 3000 } },
    { text: '0.00 0.00 0.00', want: { load1: 0, load5: 0, load15: 0, running: null, threads: null } },
    { text: '', want: null },
    { text: '0.5 0.4', want: null },
    { text: 'load: high', want: null },
  ])('$text → $want', ({ text, want }) => {
    expect(parseLoadavg(text)).toEqual(want);
  });
});

describe('parseUptime', () => {
  it.each([
    ['3035.12 5980.11\n', 3035],
    ['0.99 0.50', 0],
    ['864000.42 1.0', 864000],
    ['', null],
    ['up 3 days', null],
  ])('%j → %j', (text, want) => {
    expect(parseUptime(text)).toBe(want);
  });
});

describe('os-release', () => {
  it.each([
    {
      name: 'PRETTY_NAME in double quotes',
      text: 'NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
      want: 'Debian GNU/Linux 12 (bookworm)',
    },
    { name: 'unquoted, last line without newline', text: 'ID=alpine\nPRETTY_NAME=Alpine', want: 'Alpine' },
    { name: 'single quotes', text: "PRETTY_NAME='Rocky Linux 9.3 (Blue Onyx)'", want: 'Rocky Linux 9.3 (Blue Onyx)' },
    { name: 'no PRETTY_NAME → NAME VERSION', text: 'NAME="CentOS Linux"\nVERSION="7 (Core)"\n', want: 'CentOS Linux 7 (Core)' },
    { name: 'no PRETTY_NAME, no VERSION → NAME VERSION_ID', text: 'NAME=Alpine Linux\nVERSION_ID=3.19.1\n', want: 'Alpine Linux 3.19.1' },
    { name: 'empty', text: '', want: null },
  ])('$name', ({ text, want }) => {
    expect(osName(text)).toBe(want);
  });

  it('unescapes backslashes inside double quotes', () => {
    expect(parseOsRelease('PRETTY_NAME="A \\"quoted\\" OS"').get('PRETTY_NAME')).toBe('A "quoted" OS');
  });
});
