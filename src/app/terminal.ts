/**
 * The alternate screen keeps the operator's scrollback intact, and Ink 6 would
 * otherwise clear scrollback whenever a frame reaches the terminal height.
 */
let active = false;
let restoreOnExit = false;

const restore = () => {
  if (active) process.stdout.write('\x1b[?25h\x1b[?1049l');
};

/** Switches to the alternate screen, cleared; `then` (a first frame) goes out in the same write. */
export function enterAltScreen(out: NodeJS.WriteStream, then = ''): void {
  if (active) return;
  active = true;
  out.write(`\x1b[?1049h\x1b[H\x1b[2J${then}`);
  // Even on a crash, give the operator their terminal back.
  if (!restoreOnExit) process.once('exit', restore);
  restoreOnExit = true;
}

export function leaveAltScreen(out: NodeJS.WriteStream): void {
  if (!active) return;
  out.write('\x1b[?25h\x1b[?1049l');
  active = false;
}
