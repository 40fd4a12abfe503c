import { describe, expect, it } from 'vitest';
import { classifyShell } from '../../../src/services/procedures/classifyShell';
import { classifySql } from '../../../src/services/procedures/classifySql';
import { libraryFromTexts } from '../../../src/services/procedures/loadLibrary';
import { normaliseText } from '../../../src/services/procedures/parseLibrary';
import { commandsOf, SEED, seedLibrary, seedText } from './seed';

describe('library text as saved by other editors', () => {
  it.each([
    ['CRLF line ends', (t: string) => t.replace(/\n/g, '\r\n')],
    ['a UTF-8 byte-order mark', (t: string) => `\uFEFF${t}`],
    ['both', (t: string) => `\uFEFF${t.replace(/\n/g, '\r\n')}`],
    ['lone CR line ends', (t: string) => t.replace(/\n/g, '\r')],
  ])('parses the seed with %s exactly as with LF', (_name, variant) => {
    const want = seedLibrary();
    const got = libraryFromTexts([{ file: SEED, text: variant(seedText()) }]);
    expect(got).toEqual(want);
    const texts = got.procedures.flatMap((p) => commandsOf(p).map((c) => c.text));
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((t) => t.includes('\r'))).toEqual([]);
  });

  it('normalises only what it must', () => {
    expect(normaliseText('a\r\nb\rc\n\uFEFFd')).toBe('a\nb\nc\n\uFEFFd');
    expect(normaliseText('\uFEFF# x')).toBe('# x');
  });

  it.each([
    ['docker compose down\r', 'destructive'],
    ['redis-cli FLUSHALL\r', 'destructive'],
    ['sudo ufw disable\r', 'destructive'],
    ['rm\r -rf /tmp/x', 'destructive'],
    ['echo x > /etc/hosts\r', 'destructive'],
  ])('a trailing carriage return never lowers a risk: %j → %s', (command, risk) => {
    expect(classifyShell(command).risk).toBe(risk);
  });

  it('reads SQL keywords across a carriage return', () => {
    expect(classifySql('DELETE\r\nFROM t;').risk).toBe('destructive');
    expect(classifySql('DROP TABLE t;\r').risk).toBe('destructive');
  });
});
