// A program in a pseudo-terminal of fixed size with a headless xterm reading
// its screen: the bench sees what an operator sees, for riskctl and its peers alike.
import { spawn } from 'node-pty';
import xterm from '@xterm/headless';

export const COLS = 120;
export const ROWS = 32;

/** `size`: the terminal's columns and rows, 120×32 unless given. */
export function startInTerm(cmd, args, env = {}, { cols = COLS, rows = ROWS } = {}) {
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  const cleanEnv = { ...process.env, TERM: 'xterm-256color', ...env };
  delete cleanEnv.CI; // Ink draws only the last frame under CI
  const t0 = performance.now();
  const pty = spawn(cmd, args, { name: 'xterm-256color', cols, rows, cwd: process.cwd(), env: cleanEnv });
  const s = { pty, term, t0, firstOutputAt: null, exited: false };
  pty.onData((d) => {
    s.firstOutputAt ??= performance.now();
    term.write(d);
  });
  pty.onExit(() => (s.exited = true));
  s.text = () => {
    const b = term.buffer.active;
    const out = [];
    for (let y = 0; y < rows; y++) out.push(b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
    return out.join('\n');
  };
  s.waitFor = async (pred, what, ms = 30_000) => {
    const start = performance.now();
    for (;;) {
      if (pred(s.text())) return performance.now();
      if (s.exited) throw new Error(`${cmd} exited while waiting for ${what}`);
      if (performance.now() - start > ms) throw new Error(`${cmd}: timed out waiting for ${what}:\n${s.text()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  s.stop = async () => {
    if (s.exited) return;
    try {
      pty.kill('SIGTERM');
    } catch {
      // already gone
    }
    for (let i = 0; i < 100 && !s.exited; i++) await new Promise((r) => setTimeout(r, 20));
    if (!s.exited) pty.kill('SIGKILL');
  };
  return s;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function median(xs) {
  const a = [...xs].sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

export function percentile(xs, p) {
  const a = [...xs].sort((x, y) => x - y);
  return a[Math.min(a.length - 1, Math.ceil((p / 100) * a.length) - 1)];
}
