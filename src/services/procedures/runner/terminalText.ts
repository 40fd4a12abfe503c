/**
 * What a command wrote to its pseudo-terminal, as plain text for the screen,
 * the journal and the report: CR LF line ends become LF, a line rewritten
 * with carriage returns (a progress bar) keeps what a terminal would show
 * last, terminal control sequences (colours, cursor moves, titles) are
 * dropped, and any control left is made inert (inertText).
 */
import { inertText } from '../../inertText';

// CSI (ESC [ … final), OSC (ESC ] … BEL or ST), DCS/PM/APC/SOS strings, charset and other two-byte escapes.
const SEQUENCES = /\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|\x1b[()*+][0-~]?|\x1b[ #%][0-~]?|\x1b[0-~]/g;

/** One complete chunk of lines (or a final partial line) → plain text. */
export function terminalText(s: string): string {
  const plain = s.replace(SEQUENCES, '').replace(/\r+\n/g, '\n');
  const lines = plain.split('\n').map((line) => {
    const cr = line.lastIndexOf('\r');
    if (cr < 0) return line;
    // A carriage return at the very end rewrites nothing yet: keep what came before it.
    const after = line.slice(cr + 1);
    return after === '' ? line.slice(0, cr).split('\r').pop()! : after;
  });
  return inertText(lines.join('\n').replace(/[\b]/g, ''));
}
