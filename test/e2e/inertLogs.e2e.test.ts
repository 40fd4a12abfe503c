// Hostile logs in a real pseudo-terminal: a container and a followed log file
// each write every family of terminal control sequence (window title, OSC 52
// clipboard, OSC 8 hyperlink, CSI clear/move/colour/report, DCS, APC, PM,
// SOS, lone ESC, C1, CR, invalid UTF-8). Read back through @xterm/headless:
// the title never changes, no clipboard write or hyperlink reaches the
// terminal, nothing makes it answer, the screen keeps its place, and each
// line is on screen whole in its inert form.
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv } from '../app/cliHelpers';
import { readLab } from '../lab/lab';
import { containerSay, dockerLab } from '../services/docker/dockerLab';
import { PtySession } from './pty';

/** [name, printf format (octal escapes), what the screen shows]. */
const FAMILIES: Array<[string, string, string]> = [
  ['title', '\\033]0;PWNED\\007 \\033]2;PWNED2\\033\\\\', '␛]0;PWNED␇ ␛]2;PWNED2␛\\'],
  ['clipboard', '\\033]52;c;aGVsbG8=\\007', '␛]52;c;aGVsbG8=␇'],
  ['hyperlink', '\\033]8;;http://evil.example/\\033\\\\click\\033]8;;\\033\\\\', '␛]8;;http://evil.example/␛\\click␛]8;;␛\\'],
  ['csi', '\\033[2J\\033[5;10H\\033[31mred\\033[0m\\033[?1049l\\033[6n', '␛[2J␛[5;10H␛[31mred␛[0m␛[?1049l␛[6n'],
  ['strings', '\\033P$qm\\033\\\\ \\033_apc\\033\\\\ \\033^pm\\033\\\\ \\033Xsos\\033\\\\', '␛P$qm␛\\ ␛_apc␛\\ ␛^pm␛\\ ␛Xsos␛\\'],
  ['lone-esc', '\\033c\\0337\\0338\\033D', '␛c␛7␛8␛D'],
  ['c1', '\\302\\2336n \\302\\2350;C1\\302\\234', '\\x9b6n \\x9d0;C1\\x9c'],
  ['cr', 'harmless\\rEVIL', 'harmless␍EVIL'],
  ['controls', 'a\\010\\010b\\007\\013\\014\\177', 'a␈␈b␇␋␌␡'],
  ['bad-utf8', '\\377\\300 ok', '\ufffd\ufffd ok'],
];

/** The bytes printf would write for a format: octal escapes and \\. */
function printfBytes(format: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < format.length;) {
    const oct = /^\\([0-7]{1,3})/.exec(format.slice(i));
    if (oct) {
      out.push(parseInt(oct[1]!, 8));
      i += oct[0].length;
    } else if (format.startsWith('\\\\', i)) {
      out.push(0x5c);
      i += 2;
    } else if (format.startsWith('\\r', i)) {
      out.push(0x0d);
      i += 2;
    } else {
      out.push(...Buffer.from(format[i]!));
      i++;
    }
  }
  return Buffer.from(out);
}

/** What the terminal was made to do, recorded from its parser and events. */
function watch(s: PtySession) {
  const seen = { titles: [] as string[], clipboard: [] as string[], links: [] as string[], replies: [] as string[] };
  s.term.onTitleChange((t) => seen.titles.push(t));
  s.term.parser.registerOscHandler(52, (d) => (seen.clipboard.push(d), false));
  s.term.parser.registerOscHandler(8, (d) => (seen.links.push(d), false));
  s.term.onData((d) => seen.replies.push(d));
  return seen;
}

/** Moves the picker's selection to the row that shows `label`. */
async function pick(s: PtySession, label: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const rows = s.screen();
    const at = rows.findIndex((r) => r.includes(label));
    const sel = rows.findIndex((r) => r.startsWith('›'));
    if (at >= 0 && at === sel) return;
    const before = s.text();
    s.press(sel < 0 || at < 0 || sel < at ? 'j' : 'k');
    await s.waitFor((t) => t !== before, 'the selection to move', 3000).catch(() => undefined);
  }
  throw new Error(`could not pick ${label}:\n${s.text()}`);
}

function expectInertOnScreen(s: PtySession, tag: string, seen: ReturnType<typeof watch>): void {
  const rows = s.screen();
  for (const [name, , inert] of FAMILIES) {
    const row = rows.find((r) => r.includes(`${tag}-${name} `));
    expect(row, `${name} on a row of its own:\n${rows.join('\n')}`).toBeDefined();
    expect(row).toContain(`${tag}-${name} ${inert} end`);
  }
  // The frame keeps its place: title row on top, still on the alternate screen.
  expect(rows[0]).toMatch(/Logs\s+lab-\d/);
  expect(s.onAltScreen()).toBe(true);
  expect(seen.titles).toEqual([]);
  expect(seen.clipboard).toEqual([]);
  expect(seen.links).toEqual([]);
  expect(seen.replies).toEqual([]);
}

describe('hostile logs reach the terminal inert', () => {
  let s: PtySession | null = null;
  let file: string | null = null;
  afterEach(() => {
    s?.kill();
    if (file) rmSync(file, { force: true });
  });

  it("a container's output: every sequence family shows inert, the terminal does nothing", async () => {
    s = new PtySession(['--config', readLab().config, '--host', 'lab-2'], { env: cleanEnv(), cols: 140, rows: 34 });
    const seen = watch(s);
    await s.waitFor((t) => /lab-2.*connected/.test(t), 'the overview');
    s.press('u');
    await s.waitFor((t) => /Services\s+lab-2/.test(t) && /^› +api\s/m.test(t), 'the services screen, api selected', 20_000);
    s.press('\r');
    await s.waitFor((t) => /Logs\s+lab-2\s+risk-platform_api_1\s+FOLLOWING/.test(t), 'the api logs');
    const tag = `inert-${Date.now()}`;
    containerSay('api', FAMILIES.map(([name, fmt]) => `printf '${tag}-${name} ${fmt} end\\n'`).join('; '));
    await s.waitFor((t) => t.includes(`${tag}-bad-utf8 `), 'the hostile lines', 10_000);
    expectInertOnScreen(s, tag, seen);
    s.press('q');
    expect(await s.waitExit()).toBe(0);
  });

  it('a followed log file: every sequence family shows inert, the terminal does nothing', async () => {
    const tag = `inert-${Date.now()}`;
    file = join(dockerLab().logsDir, `${tag}.log`);
    writeFileSync(file, `${tag}-start\n`);
    s = new PtySession(['--config', readLab().config, '--host', 'lab-3'], { env: cleanEnv(), cols: 140, rows: 34 });
    const seen = watch(s);
    await s.waitFor((t) => /lab-3.*connected/.test(t), 'the overview');
    s.press('l');
    // Containers first, then files: wait for both, then move to the file (other tests' containers may come and go).
    await s.waitFor((t) => /Logs\s+lab-3/.test(t) && /container\s+risk-platform_api_1/.test(t) && t.includes(`${tag}.log`), 'the picker with the file', 20_000);
    await pick(s, `${tag}.log`);
    s.press('\r');
    await s.waitFor((t) => new RegExp(`Logs\\s+lab-3\\s+\\S*${tag}\\.log\\s+FOLLOWING`).test(t) && t.includes(`${tag}-start`), 'the file followed');
    for (const [name, fmt] of FAMILIES) appendFileSync(file, Buffer.concat([Buffer.from(`${tag}-${name} `), printfBytes(fmt), Buffer.from(' end\n')]));
    await s.waitFor((t) => t.includes(`${tag}-bad-utf8 `), 'the hostile lines', 10_000);
    expectInertOnScreen(s, tag, seen);
    s.press('q');
    expect(await s.waitExit()).toBe(0);
  }, 60_000);
});
