/**
 * The text a block's shell is started with, and the chunks it is fed.
 *
 * A block runs in its own shell (`bash` for ```bash, `sh` for ```sh), never
 * in the remote user's login shell: the login shell only runs `loaderCommand`,
 * which checks that the block's shell exists and `exec`s it with a small
 * loader. Nothing in the loader depends on a parameter's value, so a host's
 * process list never shows one.
 *
 * The loader reads chunks from stdin, each framed as its length (ten bytes)
 * then the chunk, both with `head -c` (a shell's `read` may read a terminal
 * ahead of the line it returns),
 * and evals each one in the same shell, so what one command sets (a variable,
 * `cd`) carries to the next. Before each read it puts the terminal in raw
 * mode without echo (the chunk arrives byte for byte, never shown, never
 * read as keys such as ^C) and prints READY; after it, `stty sane` gives the
 * command an ordinary terminal (where stdin is one: without a terminal there
 * is nothing to set). The runner sends one chunk per command and
 * waits for that command's end before sending the next, so it decides what
 * runs next (stop on failure) and can stop one command alone.
 *
 * A command chunk defines the command as a function, prints a begin marker,
 * calls it and prints an end marker with its exit status. The markers carry a
 * nonce that travels only in the chunks (stdin), so a command's output cannot
 * forge an exit code. Stopping a command sends SIGINT (then SIGTERM) to the
 * shell's process group: the command dies, and the shell's trap returns from
 * the command's function, so a loop (`for …; do …; sleep 60; done`) ends too
 * and the shell goes on to read the next chunk.
 */
import { shellQuote, isEnvName } from '../../../hosts/shellEnv';

/** The shells a block can ask for. */
export type ShellName = 'bash' | 'sh' | 'zsh';

/** A fence language → the shell that runs it: bash for bash, sh for sh and shell, zsh for zsh. */
export function shellFor(lang: string): ShellName {
  if (lang === 'bash') return 'bash';
  if (lang === 'zsh') return 'zsh';
  return 'sh';
}

/**
 * The loader, as the one line the remote login shell runs (POSIX syntax,
 * after the PID line of remoteCommand). `nonce` marks READY and NO-SHELL.
 */
export function loaderCommand(shell: ShellName, nonce: string): string {
  if (!/^[0-9a-f]+$/.test(nonce)) throw new Error('the nonce must be hex');
  const ready = `printf "\\n@@RISKCTL:${nonce}:READY\\n"`;
  const loader = [
    // A stop signal: the command's function returns (130 / 143); between commands, the read of a
    // chunk's length is retried; during the chunk itself the shell exits rather than run part of it.
    'trap "__rk_i=1; [ -n \\"\\$__rk_in\\" ] && return 130" INT',
    'trap "__rk_i=1; [ -n \\"\\$__rk_in\\" ] && return 143" TERM',
    // stty only on a terminal (a session without one spares two execs a command).
    `while :; do [ -t 0 ] && stty raw -echo 2>/dev/null; ${ready}; while :; do __rk_i=; __rk_n=$(head -c 10) && [ -n "$__rk_n" ] && break; [ -n "$__rk_i" ] || exit 0; done; __rk_s=$(head -c $__rk_n); [ -z "$__rk_i" ] || exit 1; [ -t 0 ] && stty sane 2>/dev/null; eval "$__rk_s"; done`,
  ].join('; ');
  if (loader.includes("'")) throw new Error('the loader must hold no single quote');
  return `stty raw -echo 2>/dev/null; if command -v ${shell} >/dev/null 2>&1; then exec ${shell} -c '${loader}' riskctl-${shell}; fi; printf '\\n@@RISKCTL:${nonce}:NO-SHELL\\n'; exit 127`;
}

/** A chunk framed for the loader: its length in bytes in ten characters (space-padded), then the chunk. */
export function framed(chunk: string): string {
  return `${String(Buffer.byteLength(chunk, 'utf8')).padStart(10)}${chunk}`;
}

/**
 * The first chunk: stderr joins stdout (one ordered stream where there is no
 * terminal), `sudo` becomes `sudo -n` (a password prompt is an error we name,
 * not a hang), the parameters' values are set as shell variables — not
 * exported, so no child's environment holds them unless a command passes one
 * on — and the working folder is entered.
 */
export function preludeChunk(vars: Record<string, string>, cwd?: string): string {
  const lines = ['exec 2>&1', 'sudo() { command sudo -n "$@"; }'];
  for (const name of Object.keys(vars).sort()) {
    if (!isEnvName(name)) throw new Error(`invalid variable name ${JSON.stringify(name)}`);
    lines.push(`${name}=${shellQuote(vars[name]!)}`);
  }
  // The platform folder when the host has one; otherwise the login folder, as an operator's ssh would.
  if (cwd) lines.push(`cd ${shellQuote(cwd)} 2>/dev/null || true`);
  return `${lines.join('\n')}\n`;
}

/** One command as a chunk: begin marker, the command as a function, its call, end marker with the status. */
export function commandChunk(text: string, index: number, nonce: string): string {
  return [
    `printf '\\n@@RISKCTL:${nonce}:B:${index}\\n'`,
    '__rk_c() {',
    text,
    '}',
    `__rk_in=1; __rk_c; __rk_rc=$?; __rk_in=; unset -f __rk_c; printf '\\n@@RISKCTL:${nonce}:E:${index}:%s\\n' "$__rk_rc"`,
    '',
  ].join('\n');
}

export type ShellLine =
  | { kind: 'ready' }
  | { kind: 'no-shell' }
  | { kind: 'begin'; index: number }
  | { kind: 'end'; index: number; code: number }
  | { kind: 'text'; text: string; newline: boolean };

/**
 * Splits the shell's output into lines (a pseudo-terminal's CR LF read as LF)
 * and tells markers from text. The blank line a marker's leading `\n` makes
 * is the marker's own: empty lines are held until the next line says whose
 * they are, so a command's own blank lines survive and ours never show.
 */
export class ShellLineReader {
  private partial = '';
  private blank = 0;
  private readonly command: RegExp;
  private readonly session: RegExp;

  constructor(
    sessionNonce: string,
    markNonce: string,
    private readonly onLine: (l: ShellLine) => void,
  ) {
    this.session = new RegExp(`^@@RISKCTL:${sessionNonce}:(READY|NO-SHELL)$`);
    this.command = new RegExp(`^@@RISKCTL:${markNonce}:(B|E):(\\d+)(?::(-?\\d+))?$`);
  }

  push(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line.endsWith('\r') ? line.slice(0, -1) : line, true);
  }

  /** At the end of the stream: a last line without its newline, and any held blank lines. */
  end(): void {
    if (this.partial) this.line(this.partial, false);
    this.partial = '';
    if (this.blank) this.onLine({ kind: 'text', text: '\n'.repeat(this.blank), newline: false });
    this.blank = 0;
  }

  private line(line: string, newline: boolean): void {
    const s = this.session.exec(line);
    const c = s ? null : this.command.exec(line);
    if (s || c) {
      // Of the held empty lines, the last is the marker's own; the others were the command's.
      if (this.blank > 1) this.onLine({ kind: 'text', text: '\n'.repeat(this.blank - 1), newline: false });
      this.blank = 0;
      if (s) this.onLine({ kind: s[1] === 'READY' ? 'ready' : 'no-shell' });
      else if (c![1] === 'B') this.onLine({ kind: 'begin', index: Number(c![2]) });
      else this.onLine({ kind: 'end', index: Number(c![2]), code: Number(c![3]) });
      return;
    }
    if (line === '' && newline) {
      this.blank++;
      return;
    }
    const text = '\n'.repeat(this.blank) + line;
    this.blank = 0;
    this.onLine({ kind: 'text', text: newline ? `${text}\n` : text, newline });
  }
}

/** A problem an operator can act on, read from a command's output. */
export function problemIn(output: string): string | undefined {
  if (/sudo: (a password is required|a terminal is required|no tty present)/.test(output)) return 'needs passwordless sudo (sudo -n asked for a password)';
  return undefined;
}
