import { spawn, type IPty } from 'node-pty';
import xterm from '@xterm/headless';

/**
 * The built riskctl in a real pseudo-terminal, its output fed into a headless
 * xterm so tests read the screen an operator would see.
 */
export class PtySession {
  readonly term: InstanceType<typeof xterm.Terminal>;
  readonly pty: IPty;
  exitCode: number | null = null;
  private exited: Promise<number>;
  raw = '';

  constructor(args: string[], opts: { cols?: number; rows?: number; env?: Record<string, string | undefined> } = {}) {
    const cols = opts.cols ?? 120;
    const rows = opts.rows ?? 32;
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
    const env: Record<string, string> = {};
    // The test runner's own CI setting is not the cockpit's (Ink would draw nothing); a test may set one.
    const inherited = { ...process.env };
    delete inherited.CI;
    delete inherited.CONTINUOUS_INTEGRATION;
    for (const [k, v] of Object.entries({ ...inherited, TERM: 'xterm-256color', ...opts.env })) {
      if (v !== undefined) env[k] = v;
    }
    this.pty = spawn(process.execPath, ['dist/riskctl.mjs', ...args], { name: 'xterm-256color', cols, rows, cwd: process.cwd(), env });
    this.pty.onData((d) => {
      this.raw += d;
      this.term.write(d);
    });
    this.exited = new Promise((resolve) =>
      this.pty.onExit(({ exitCode }) => {
        this.exitCode = exitCode;
        resolve(exitCode);
      }),
    );
  }

  /** The visible screen, one string per row, trailing blanks trimmed. */
  screen(): string[] {
    const buf = this.term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < this.term.rows; y++) out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return out;
  }

  text(): string {
    return this.screen().join('\n');
  }

  /** Whether the terminal shows the alternate screen buffer. */
  onAltScreen(): boolean {
    return this.term.buffer.active.type === 'alternate';
  }

  async waitFor(pred: (text: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
    const start = Date.now();
    // xterm parses asynchronously; poll the parsed screen.
    for (;;) {
      await new Promise((r) => setTimeout(r, 50));
      const t = this.text();
      if (pred(t)) return t;
      if (this.exitCode !== null) throw new Error(`riskctl exited (${this.exitCode}) while waiting for ${what}; screen:\n${t}`);
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; screen:\n${t}`);
    }
  }

  press(keys: string): void {
    this.pty.write(keys);
  }

  waitExit(timeoutMs = 10_000): Promise<number> {
    return Promise.race([this.exited, new Promise<number>((_, reject) => setTimeout(() => reject(new Error('riskctl did not exit')), timeoutMs))]);
  }

  kill(): void {
    if (this.exitCode === null) this.pty.kill();
  }
}
