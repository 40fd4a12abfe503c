/**
 * Hands the terminal to a shell and takes it back. The cockpit leaves the
 * alternate screen, the operator's keys go to the shell as they come (raw),
 * the shell's bytes go to the terminal as they are — the operator's own shell,
 * shown the way ssh shows it — and the terminal's size follows it. When the
 * shell ends the cockpit comes back as it was: the same screen, the same
 * selection (App keeps its UI state), drawn whole. Polling goes on underneath.
 *
 * App reads the shell store: while a shell owns the terminal App listens to
 * no keys (so Ink lets go of stdin) and draws a placeholder, whose frames
 * HeldOutput keeps off the terminal.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ShellSession } from '../hosts/Host';
import { shellLabel, type ShellOpened, type ShellService, type ShellTarget } from '../services/shell/ShellService';
import type { Outcome } from './reportOutcome';
import type { HeldOutput } from './heldOutput';
import { enterAltScreen, leaveAltScreen } from './terminal';

export interface ShellState {
  /** What owns the terminal ("a shell on lab-1"), or null: the cockpit does. */
  active: string | null;
}

export type ShellStore = StoreApi<ShellState>;

export const createShellStore = (): ShellStore => createStore<ShellState>()(() => ({ active: null }));

export interface ShellHandOverDeps {
  service: ShellService;
  store: ShellStore;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  inkOutput: HeldOutput;
  term: string;
}

/** Turns until Ink has let go of stdin (its last input hook went inactive and it left raw mode). */
async function inkLetGo(stdin: NodeJS.ReadStream): Promise<void> {
  for (let i = 0; i < 200 && stdin.listenerCount('readable') > 0; i++) await new Promise((r) => setTimeout(r, 5));
}

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export class ShellHandOver {
  private session: ShellSession | null = null;
  private busy = false;

  constructor(private readonly d: ShellHandOverDeps) {}

  /** Whether a shell owns the terminal now. */
  get active(): boolean {
    return this.busy;
  }

  /**
   * After the operator's answer: hand the terminal over, open the shell, run
   * it, come back. The terminal is handed over before the shell opens: a local
   * shell takes the terminal (its foreground process group) as it starts, and
   * Ink must be off it by then. A shell that cannot open brings the cockpit
   * straight back, with the reason.
   */
  async run(target: ShellTarget, confirmed: boolean): Promise<Outcome> {
    if (this.busy) return { ok: false, message: 'a shell is already open' };
    const { stdin, stdout } = this.d;
    const size = () => ({ cols: stdout.columns || 80, rows: stdout.rows || 24, term: this.d.term });
    // A no (or --read-only) opens nothing; the service records it.
    if (!confirmed) {
      const r = await this.d.service.open(target, false, size());
      return r.ok ? { ok: true, message: r.what } : r;
    }
    this.busy = true;
    this.d.store.setState({ active: shellLabel(target) });
    let opened!: ShellOpened;
    let code: number | null = null;
    const started = Date.now();
    try {
      await inkLetGo(stdin);
      this.d.inkOutput.hold();
      leaveAltScreen(stdout);
      // Off the terminal entirely: a local shell reads it itself, and Node's
      // stdin would otherwise go on reading (buffering) the operator's keys.
      stdin.pause();
      opened = await this.d.service.open(target, true, size());
      if (opened.ok) code = await this.attach(opened.session);
    } finally {
      // Reading again (Ink's 'readable' listener needs the handle reading); keys until Ink listens are dropped.
      stdin.resume();
      this.busy = false;
      enterAltScreen(stdout);
      stdout.write('\x1b[?25l'); // Ink hid the cursor once, at its first frame
      this.d.inkOutput.release();
      // App draws its frame again: different from the placeholder, so Ink writes it whole.
      this.d.store.setState({ active: null });
    }
    if (!opened.ok) return opened;
    // A shell's exit code is its last command's: not an error of the cockpit's.
    return { ok: true, message: `${opened.what}: ended after ${seconds(Date.now() - started)}${code === null ? '' : `, exit ${code}`}` };
  }

  /** Keys to the shell, its bytes to the terminal, the size with the terminal's, until it ends. */
  private async attach(session: ShellSession): Promise<number | null> {
    const { stdin, stdout } = this.d;
    this.session = session;
    // Read stdin the way Ink does ('readable'), so Ink takes it back as it left it.
    const onKeys = () => {
      let data: string | Buffer | null;
      while ((data = stdin.read() as string | Buffer | null) !== null) session.write(data);
    };
    const onOutput = (chunk: Buffer) => stdout.write(chunk);
    const onResize = () => session.resize(stdout.columns, stdout.rows);
    try {
      // A local shell (no output stream) has the terminal itself: nothing to pipe.
      if (session.output) {
        stdin.setRawMode(true);
        stdin.on('readable', onKeys);
        stdin.resume(); // reading again after the pause (run); in 'readable' mode this does not make it flow
        session.output.on('data', onOutput);
        session.output.resume(); // a hijacked HTTP socket comes paused
        stdout.on('resize', onResize);
      }
      return await session.exit;
    } finally {
      session.output?.off('data', onOutput);
      stdout.off('resize', onResize);
      stdin.off('readable', onKeys);
      if (session.output && stdin.isTTY) stdin.setRawMode(false);
      this.session = null;
    }
  }

  /** On quit: hang the open shell up. */
  close(): void {
    this.session?.close();
  }
}
