// A run's command output in a real pseudo-terminal: a step on a lab host
// prints every family of control sequence (title, OSC 52, OSC 8, CSI, DCS,
// C1, CR, invalid UTF-8); the run view shows it inert and the terminal, read
// back with @xterm/headless, does nothing. The procedure's own title carries
// an escape sequence too (a library is text from elsewhere as well).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanEnv, tempDir, writeConfig } from '../app/cliHelpers';
import { labHost } from '../lab/lab';
import { PtySession } from './pty';

const LIBRARY = [
  '# Hostile output',
  '',
  '## Testing',
  '',
  '### TH-001: Hostile \x1b]0;LIBTITLE\x07output',
  '',
  '**Purpose:** Print every family of control sequence.',
  '',
  '**Steps:**',
  '',
  '1. **Print Them**',
  '   ```bash',
  "   printf 'out-title \\033]0;PWNED\\007 end\\n'",
  "   printf 'out-clip \\033]52;c;aGVsbG8=\\007 end\\n'",
  "   printf 'out-link \\033]8;;http://evil.example/\\033\\\\click\\033]8;;\\033\\\\ end\\n'",
  "   printf 'out-csi \\033[2J\\033[5;10H\\033[31mred\\033[0m\\033[6n end\\n'",
  "   printf 'out-dcs \\033P$qm\\033\\\\ \\302\\233c end\\n'",
  "   printf 'out-cr harmless\\rEVIL end\\n'",
  "   printf 'out-utf8 \\377 end\\n'",
  '   ```',
  '',
].join('\n');

// What the step's terminal showed: its sequences dropped, a CR-rewritten line's
// last text (an 8-bit CSI is a sequence too), invalid bytes inert.
const SHOWN = ['out-title  end', 'out-clip  end', 'out-link click end', 'out-csi red end', 'out-dcs   end', 'EVIL end', 'out-utf8 \ufffd end'];

describe("a run's command output reaches the terminal inert", () => {
  let s: PtySession | null = null;
  afterEach(() => s?.kill());

  it('every sequence family in a step’s output shows inert; no title, clipboard, link or reply', async () => {
    const dir = tempDir('inert-run');
    const library = join(dir, 'hostile.md');
    writeFileSync(library, LIBRARY);
    const cfg = writeConfig(dir, [{ name: 'lab-2', host: labHost(2) }]);
    s = new PtySession(['--config', cfg, '--host', 'lab-2', '--library', library], { env: cleanEnv(), cols: 140, rows: 40 });
    const seen = { titles: [] as string[], osc: [] as string[], replies: [] as string[] };
    s.term.onTitleChange((t) => seen.titles.push(t));
    s.term.parser.registerOscHandler(52, (d) => (seen.osc.push(`52 ${d}`), false));
    s.term.parser.registerOscHandler(8, (d) => (seen.osc.push(`8 ${d}`), false));
    s.term.onData((d) => seen.replies.push(d));
    await s.waitFor((t) => /lab-2.*connected/.test(t), 'the overview');
    s.press('p');
    await s.waitFor((t) => t.includes('TH-001') && t.includes('Hostile ␛]0;LIBTITLE␇output'), 'the library, its title inert');
    s.press('x');
    await s.waitFor((t) => t.includes('out-utf8 '), 'the output', 20_000);
    const rows = s.screen();
    for (const line of SHOWN)
      expect(
        rows.some((r) => r.includes(line)),
        `${line}:\n${rows.join('\n')}`,
      ).toBe(true);
    expect(s.onAltScreen()).toBe(true);
    expect(seen).toEqual({ titles: [], osc: [], replies: [] });
    s.press('q');
    expect(await s.waitExit()).toBe(0);
  }, 60_000);
});
