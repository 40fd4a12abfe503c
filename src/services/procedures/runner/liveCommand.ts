/**
 * Commands that run until someone ends them: they follow output (`tail -f`,
 * `docker compose logs -f`, `journalctl -f`, `watch`, `kubectl logs -f`,
 * `dmesg -w`, `ping` without a count, `docker stats` without --no-stream,
 * `docker events`) or loop with sleeps (`for i in {1..15}; do …; sleep 60;
 * done`). The runner lets them run live: the operator ends them with a key;
 * headless they run for their timeout and are recorded stopped, not failed.
 *
 * Options are read per tool: `docker compose -f FILE` names a file and
 * `curl -f` fails quietly; neither follows anything.
 */
import { baseName, hasOption, scanArgs } from '../argScan';
import { lexShell } from '../shellLexer';
import { simpleCommands, type SimpleCommand } from '../simpleCommands';

export type LiveKind = 'follow' | 'loop';

/** Headless, a live command without `timeout=` runs this long, then is stopped. */
export const LIVE_TIMEOUT_MS = 30_000;

/** Wrappers whose arguments are another command. */
const WRAPPERS = new Set(['sudo', 'command', 'exec', 'nice', 'nohup', 'stdbuf', 'env']);

function argv(sc: SimpleCommand): string[] {
  const w = sc.words.map((x) => x.value);
  while (w.length && WRAPPERS.has(baseName(w[0]!))) {
    w.shift();
    while (w.length && (w[0]!.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0]!))) w.shift();
  }
  return w;
}

/** `logs` of docker, docker compose, podman, kubectl … with -f / --follow after it. */
function followsLogs(args: string[]): boolean {
  const at = args.indexOf('logs');
  if (at < 0) return false;
  const s = scanArgs(args.slice(at + 1), ['tail', 'n', 'since', 'until', 'c', 'container', 'l', 'selector', 'since-time', 'index']);
  return hasOption(s, 'f', 'follow');
}

function follows(a: string[]): boolean {
  if (!a.length) return false;
  const prog = baseName(a[0]!);
  const rest = a.slice(1);
  switch (prog) {
    case 'tail':
      return hasOption(scanArgs(rest, ['n', 'c', 's', 'lines', 'bytes', 'pid', 'sleep-interval', 'max-unchanged-stats']), 'f', 'F', 'follow');
    case 'journalctl':
      return hasOption(scanArgs(rest, ['u', 'unit', 'n', 'lines', 'p', 'priority', 'S', 'since', 'U', 'until', 't', 'identifier', 'o', 'output', 'b', 'boot']), 'f', 'follow');
    case 'dmesg':
      return hasOption(scanArgs(rest, ['l', 'level', 'f', 'facility']), 'w', 'follow', 'W', 'follow-new');
    case 'watch':
      return true;
    case 'less':
      return rest.includes('+F');
    case 'ping':
    case 'ping6':
      return !hasOption(scanArgs(rest, ['c', 'i', 'I', 's', 't', 'W', 'w', 'l', 'p', 'Q', 'S', 'M', 'm']), 'c', 'w');
    case 'docker':
    case 'podman': {
      if (followsLogs(rest)) return true;
      const s = scanArgs(rest, ['H', 'host', 'context', 'c', 'config', 'f', 'file', 'p', 'project-name', 'format', 'filter', 'since', 'until']);
      const sub = s.positional.filter((x) => x !== 'compose' && x !== 'container');
      if (sub[0] === 'stats') return !hasOption(s, 'no-stream');
      return sub[0] === 'events';
    }
    case 'docker-compose':
    case 'kubectl':
    case 'oc':
      return followsLogs(rest);
    default:
      return false;
  }
}

/** Whether (and how) a shell command runs until it is ended. */
export function liveCommand(text: string): LiveKind | null {
  const { tokens } = lexShell(text);
  const cmds = simpleCommands(tokens);
  if (cmds.some((c) => follows(argv(c)))) return 'follow';
  const loops = tokens.some((t) => t.t === 'word' && !t.quoted && (t.value === 'while' || t.value === 'until' || t.value === 'for'));
  if (loops && cmds.some((c) => argv(c)[0] === 'sleep')) return 'loop';
  return null;
}
