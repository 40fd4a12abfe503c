// inertText / inertLine: every family of terminal control sequence comes out
// visible and inert, read back through a terminal emulator (@xterm/headless)
// as well as compared as strings.
import { Terminal } from '@xterm/headless';
import { describe, expect, test } from 'vitest';
import { inertLine, inertText } from '../../src/services/inertText';

const ESC = '\x1b';
const BEL = '\x07';
const ST = `${ESC}\\`;

/** [family, raw, inertText's result]. */
const FAMILIES: Array<[string, string, string]> = [
  ['OSC 0 window title (BEL)', `${ESC}]0;PWNED${BEL}`, '␛]0;PWNED␇'],
  ['OSC 2 window title (ST)', `${ESC}]2;PWNED${ST}`, '␛]2;PWNED␛\\'],
  ['OSC 52 clipboard write', `${ESC}]52;c;aGVsbG8=${BEL}`, '␛]52;c;aGVsbG8=␇'],
  ['OSC 8 hyperlink', `${ESC}]8;;http://evil.example/${ST}click${ESC}]8;;${ST}`, '␛]8;;http://evil.example/␛\\click␛]8;;␛\\'],
  ['CSI SGR colour', `${ESC}[31mred${ESC}[0m`, '␛[31mred␛[0m'],
  ['CSI cursor position', `${ESC}[5;10Hx`, '␛[5;10Hx'],
  ['CSI cursor up', `${ESC}[3A`, '␛[3A'],
  ['CSI erase display', `${ESC}[2J${ESC}[3J`, '␛[2J␛[3J'],
  ['CSI leave alternate screen', `${ESC}[?1049l`, '␛[?1049l'],
  ['CSI device status report', `${ESC}[6n`, '␛[6n'],
  ['DCS (DECRQSS)', `${ESC}P$qm${ST}`, '␛P$qm␛\\'],
  ['APC', `${ESC}_Gpayload${ST}`, '␛_Gpayload␛\\'],
  ['PM', `${ESC}^private${ST}`, '␛^private␛\\'],
  ['SOS', `${ESC}Xstring${ST}`, '␛Xstring␛\\'],
  ['lone ESC + char (RIS reset)', `${ESC}c`, '␛c'],
  ['lone ESC + char (save cursor)', `${ESC}7x${ESC}8`, '␛7x␛8'],
  ['lone ESC at the end', `tail${ESC}`, 'tail␛'],
  ['C1 CSI', '\u009b31m', '\\x9b31m'],
  ['C1 OSC + ST', '\u009d0;PWNED\u009c', '\\x9d0;PWNED\\x9c'],
  ['C1 DCS, NEL', '\u0090x\u0085', '\\x90x\\x85'],
  ['carriage return overwrite', 'harmless\rEVIL', 'harmless␍EVIL'],
  ['CRLF line end', 'one\r\ntwo\r\n', 'one\ntwo\n'],
  ['backspace', 'abc\b\b\bXYZ', 'abc␈␈␈XYZ'],
  ['BEL, VT, FF, NUL', `a${BEL}\x0b\x0c\x00b`, 'a␇␋␌␀b'],
  ['DEL', 'a\x7fb', 'a␡b'],
  ['SI/SO charset shift', '\x0e\x0f', '␎␏'],
  ['tab and newline kept', 'a\tb\nc', 'a\tb\nc'],
  ['lone high surrogate', 'a\ud800b', 'a\ufffdb'],
  ['lone low surrogate', 'a\udc00b', 'a\ufffdb'],
  ['replacement char from a decoder kept', 'a\ufffdb', 'a\ufffdb'],
  ['plain text unchanged', 'GET /health 200 — ok ✓ 日本 🚀', 'GET /health 200 — ok ✓ 日本 🚀'],
];

/** Control characters no inert text may hold (tab and newline aside). */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('inertText', () => {
  test.each(FAMILIES)('%s', (_family, raw, inert) => {
    expect(inertText(raw)).toBe(inert);
    expect(CONTROL.test(inertText(raw))).toBe(false);
  });

  test('every code point 0–0x10ffff (and every lone surrogate) comes out free of controls', () => {
    let all = '';
    for (let c = 0; c < 0xd800; c++) all += String.fromCharCode(c);
    for (let c = 0xd800; c < 0xe000; c += 7) all += `x${String.fromCharCode(c)}x`;
    for (let c = 0xe000; c <= 0x10ffff; c += 97) all += String.fromCodePoint(c);
    const out = inertText(all);
    expect(CONTROL.test(out)).toBe(false);
    expect(out).not.toContain('\r');
  });

  test('text without controls is returned as it is', () => {
    const s = 'nothing to do here';
    expect(inertText(s)).toBe(s);
    expect(inertLine(s)).toBe(s);
  });
});

describe('inertLine', () => {
  test.each<[string, string, string]>([
    ['newline', 'web\nFAKE ROW', 'web␊FAKE ROW'],
    ['CRLF', 'a\r\nb', 'a␍␊b'],
    ['tab', 'a\tb', 'a b'],
    ['OSC title', `${ESC}]0;x${BEL}`, '␛]0;x␇'],
    ['C1', '\u009b2J', '\\x9b2J'],
  ])('%s', (_what, raw, inert) => {
    expect(inertLine(raw)).toBe(inert);
    expect(/[\x00-\x1f\x7f-\x9f]/.test(inertLine(raw))).toBe(false);
  });
});

describe('inert text on a terminal', () => {
  /** Writes the text to an 80×10 emulator; what it shows and what the text made it do. */
  async function onTerminal(text: string) {
    const term = new Terminal({ cols: 80, rows: 10, allowProposedApi: true });
    const titles: string[] = [];
    const oscs: number[] = [];
    term.onTitleChange((t) => titles.push(t));
    for (const id of [0, 1, 2, 4, 7, 8, 10, 11, 52, 104, 133, 1337]) {
      term.parser.registerOscHandler(id, () => (oscs.push(id), true));
    }
    const dcs: string[] = [];
    term.parser.registerDcsHandler({ intermediates: '$', final: 'q' }, () => (dcs.push('DECRQSS'), true));
    const replies: string[] = [];
    term.onData((d) => replies.push(d));
    const csis: string[] = [];
    for (const final of ['H', 'A', 'B', 'C', 'D', 'J', 'K', 'm', 'n', 'l', 'h']) {
      term.parser.registerCsiHandler({ final }, () => (csis.push(final), true));
      term.parser.registerCsiHandler({ prefix: '?', final }, () => (csis.push(`?${final}`), true));
    }
    const escs: string[] = [];
    for (const final of ['c', '7', '8', 'D', 'E', 'M']) term.parser.registerEscHandler({ final }, () => (escs.push(final), true));
    await new Promise<void>((r) => term.write(text.replace(/\n/g, '\r\n'), r));
    const rows: string[] = [];
    const b = term.buffer.active;
    for (let y = 0; y < term.rows; y++) rows.push(b.getLine(y)?.translateToString(true) ?? '');
    const out = { titles, oscs, dcs, csis, escs, replies, rows, cursorY: b.cursorY, cursorX: b.cursorX };
    term.dispose();
    return out;
  }

  test.each(FAMILIES.filter(([f]) => !f.startsWith('tab')))('%s: nothing happens, the text shows', async (_family, raw, inert) => {
    const t = await onTerminal(`>${inertText(raw)}`);
    expect(t.titles).toEqual([]);
    expect(t.oscs).toEqual([]);
    expect(t.dcs).toEqual([]);
    expect(t.csis).toEqual([]);
    expect(t.escs).toEqual([]);
    expect(t.replies).toEqual([]);
    const shown = t.rows.join('\n').trimEnd();
    expect(shown).toBe(`>${inert}`.trimEnd());
  });

  test('the raw sequences do act on the same terminal (the emulator test can fail)', async () => {
    const t = await onTerminal(`${ESC}]0;PWNED${BEL}${ESC}]52;c;aGVsbG8=${BEL}${ESC}[5;10Hx\rEVIL`);
    expect(t.titles).toEqual([]); // the OSC 0 handler above takes it
    expect(t.oscs).toEqual([0, 52]);
    expect(t.csis).toEqual(['H']);
  });
});
