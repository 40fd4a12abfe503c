import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseYaml, positionAt, shownText, tooDeepAt, YamlProblemError } from '../../src/hosts/yamlProblems';

function problem(text: string): string {
  try {
    parseYaml(text);
  } catch (e) {
    if (e instanceof YamlProblemError) return e.message;
    throw e;
  }
  return 'ok';
}

describe('parseYaml', () => {
  // line:column of the first problem, in riskctl's words. The document's own mapping is the first of MAX_DEPTH levels.
  const cases: Array<[string, string]> = [
    ['a: 1\na: 2\n', '2:1: "a" appears twice in one mapping (each key once)'],
    ['a: { "b c": 1, "b c": 2 }\n', '1:16: "b c" appears twice in one mapping (each key once)'],
    ['a: 1\n---\nb: 2\n', "2:1: a second document ('---'): a config is one YAML document"],
    ['a:\n\t- 1\n', '2:1: a tab in the indentation (indent with spaces)'],
    ['a: "x\n', '2:1: a "quoted" value is not closed'],
    ['a: *x\n', '1:4: the alias *x has no anchor &x before it'],
    ['a: !!binary aGk=\n', '1:4: a tag (!…): a config uses none'],
    ['? [a]\n: 1\n', '1:3: a key must be a name, not a list or mapping'],
    ['a: "\\e[31m"\n', '1:4: a control character (U+001B) in a key or value'],
    ['a: "x\\u0085"\n', '1:4: a control character (U+0085) in a key or value'],
    ['a: x\u0000\n', '1:5: a NUL byte: this is not a text file'],
    [`a: ${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}\n`, `1:${3 + MAX_DEPTH}: nested too deeply (a config needs ${MAX_DEPTH} levels at most)`],
    [`a: ${'['.repeat(100_000)}\n`, `1:${4 + 63}: nested too deeply (a config needs ${MAX_DEPTH} levels at most)`],
    ['%YAML 1.2\n%FOO\n---\na: 1\n', "2:1: a '%' directive: a config uses none"],
  ];
  it.each(cases)('%j → %s', (text, expected) => {
    expect(problem(text)).toBe(expected);
  });

  it('an alias bomb is refused at the alias that multiplies, before it expands', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ].join('\n');
    expect(problem(`${bomb}\n`)).toBe('2:8: aliases expand to more than 100 values (a config needs few; is this an alias bomb?)');
  });

  it('anchors, aliases and merge keys in moderation are YAML an operator may use', () => {
    const { value } = parseYaml('base: &b { port: 2222, user: ops }\nx:\n  <<: *b\n  host: h\ny: *b\n');
    expect(value).toEqual({ base: { port: 2222, user: 'ops' }, x: { port: 2222, user: 'ops', host: 'h' }, y: { port: 2222, user: 'ops' } });
  });

  it('prints nothing by itself (the library warns on stderr unless told not to)', () => {
    const writes: unknown[] = [];
    const orig = process.emitWarning;
    process.emitWarning = ((w: unknown) => void writes.push(w)) as typeof process.emitWarning;
    try {
      problem('? [a]\n: 1\n');
      problem('%FOO\n---\na: 1\n');
    } finally {
      process.emitWarning = orig;
    }
    expect(writes).toEqual([]);
  });
});

describe('tooDeepAt', () => {
  const cases: Array<[string, number]> = [
    ['hosts:\n  - name: a\n    health: [{ name: api, url: "http://x/[" }]\n', -1],
    ['a: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\n', -1],
    ["a: '{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{'\n", -1],
    ['a: 1 # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n', -1],
    [`a: ${'['.repeat(64)}\n`, 3 + 63],
    [`${'- '.repeat(70)}x\n`, 2 * 64],
  ];
  it.each(cases)('%j → %i', (text, at) => {
    expect(tooDeepAt(text)).toBe(at);
  });

  it('is linear: a megabyte of brackets is answered at once', () => {
    expect(tooDeepAt('['.repeat(1024 * 1024))).toBe(63);
  });
});

describe('positionAt and shownText', () => {
  it('gives 1-based line and column', () => {
    expect(positionAt('ab\ncd\n', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('ab\ncd\n', 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt('ab\ncd\n', 99)).toEqual({ line: 3, column: 1 });
  });
  it('shows text short and inert', () => {
    expect(shownText('\u001b]0;x\u0007')).toBe('\\u001b]0;x\\u0007');
    expect(shownText('x'.repeat(100))).toBe(`${'x'.repeat(39)}…`);
  });
});
