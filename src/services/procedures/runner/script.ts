/**
 * One remote shell per run of a step's shell commands, so what a command sets
 * (INCIDENT_ID=…, cd) carries to the next, with a marker line around each
 * command to read its own exit code and output from the one stream.
 *
 * The prelude makes the shell safe to leave unattended: stderr joins stdout
 * (one ordered stream), stdin is /dev/null (nothing can wait for a typed
 * answer), and `sudo` is a function running `sudo -n`, so a password prompt
 * becomes an error we report as "needs passwordless sudo" instead of a hang.
 */
import { shellQuote } from '../../../hosts/shellEnv';

export interface ScriptCommand {
  /** Already rewritten for the environment (envRewrite.ts): holds no values. */
  text: string;
}

const marker = (nonce: string) => new RegExp(`^@@RISKCTL:${nonce}:(B|E):(\\d+)(?::(-?\\d+))?$`);

export function stepScript(commands: ScriptCommand[], nonce: string, cwd?: string): string {
  const lines = ['exec 2>&1 </dev/null', 'sudo() { command sudo -n "$@"; }'];
  // The platform folder when the host has one; otherwise the login folder, as an operator's ssh would.
  if (cwd) lines.push(`cd ${shellQuote(cwd)} 2>/dev/null || true`);
  commands.forEach((c, i) => {
    lines.push(`printf '\\n@@RISKCTL:${nonce}:B:${i}\\n'`);
    lines.push(c.text);
    lines.push(`printf '\\n@@RISKCTL:${nonce}:E:${i}:%s\\n' "$?"`);
  });
  return `${lines.join('\n')}\n`;
}

export interface CommandOutcome {
  output: string;
  /** null when the command never reached its end marker (killed, the shell exited). */
  exitCode: number | null;
  started: boolean;
}

/**
 * Reads the stream of a step script line by line: calls `onOutput` with each
 * command's output as it arrives (marker lines never shown) and collects the
 * outcome of each command.
 */
export class MarkerParser {
  readonly outcomes: CommandOutcome[];
  private current = -1;
  private partial = '';
  private blank = 0;
  private readonly re: RegExp;

  constructor(
    nonce: string,
    count: number,
    private readonly onOutput: (command: number, text: string) => void,
  ) {
    this.re = marker(nonce);
    this.outcomes = Array.from({ length: count }, () => ({ output: '', exitCode: null, started: false }));
  }

  push(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line, true);
  }

  end(): void {
    if (this.partial) this.line(this.partial, false);
    this.partial = '';
  }

  /** The command running now (-1 before the first). */
  running(): number {
    return this.current;
  }

  private line(line: string, newline: boolean): void {
    const m = this.re.exec(line);
    if (m) {
      const i = Number(m[2]);
      const o = this.outcomes[i];
      if (!o) return;
      // Of the held empty lines, the last is the marker's own; the others were the command's.
      if (this.current >= 0 && this.blank > 1) {
        const t = '\n'.repeat(this.blank - 1);
        this.outcomes[this.current]!.output += t;
        this.onOutput(this.current, t);
      }
      this.blank = 0;
      if (m[1] === 'B') {
        o.started = true;
        this.current = i;
      } else {
        o.exitCode = Number(m[3]);
        this.current = -1;
      }
      return;
    }
    if (this.current < 0) return; // the blank lines before markers, the prelude's silence
    // An empty line may be the one printed before the end marker (ours): held until the next line says.
    if (line === '' && newline) {
      this.blank++;
      return;
    }
    const t = '\n'.repeat(this.blank) + (newline ? `${line}\n` : line);
    this.blank = 0;
    this.outcomes[this.current]!.output += t;
    this.onOutput(this.current, t);
  }
}

/** A problem an operator can act on, read from a command's output. */
export function problemIn(output: string): string | undefined {
  if (/sudo: (a password is required|a terminal is required|no tty present)/.test(output)) return 'needs passwordless sudo (sudo -n asked for a password)';
  return undefined;
}
