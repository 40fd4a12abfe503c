/**
 * The command line, read with node:util parseArgs: each command has its own
 * options (a table below, which `riskctl COMMAND --help` prints whole), so an
 * option a command does not take is a usage error naming it, one line, exit 2.
 */
import { parseArgs } from 'node:util';

export type Command = 'cockpit' | 'hosts' | 'status' | 'alerts' | 'procedures' | 'run' | 'runs' | 'help' | 'version';

export interface Args {
  command: Command;
  config?: string;
  host?: string;
  readOnly: boolean;
  json: boolean;
  acceptNewHostKeys: boolean;
  /** `procedures`: --library files (repeatable), and the procedure ID. */
  library: string[];
  id?: string;
  /** `run`: --param NAME=VALUE (repeatable), --yes, --resume RUN_ID. `runs`: the RUN_ID is `id`. */
  param: string[];
  yes: boolean;
  resume?: string;
  /** `run`: --branch STEP:LABEL (repeatable): the branches and alternatives a headless run takes. */
  branch: string[];
  /** `run`: --confirm-host NAME, the production host's name, needed with --yes there. */
  confirmHost?: string;
  /** `run --resume`: run the step the run was interrupted in again. */
  rerunInterrupted: boolean;
  /** `--help` (or `help COMMAND`): whose usage to print. */
  helpFor?: Command;
}

/** A mistake on the command line: printed alone, exit code 2; `command` says whose --help to suggest. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}

type OptionName =
  | 'config'
  | 'host'
  | 'read-only'
  | 'json'
  | 'accept-new-host-keys'
  | 'library'
  | 'param'
  | 'yes'
  | 'resume'
  | 'branch'
  | 'confirm-host'
  | 'rerun-interrupted'
  | 'help'
  | 'version';

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** The value's name in the usage (strings). */
  value?: string;
  help: string;
}

const OPTIONS: Record<OptionName, OptionSpec> = {
  config: { type: 'string', short: 'c', value: 'FILE', help: 'config file (default: $RISKCTL_CONFIG, else ~/.config/riskctl/config.yaml, else this machine)' },
  host: { type: 'string', short: 'H', value: 'NAME', help: 'the host (cockpit: start on it; status, alerts: only it; run: where the procedure runs)' },
  'read-only': { type: 'boolean', help: 'refuse every mutating or destructive action (a run: such steps are refused, the run ends incomplete)' },
  json: { type: 'boolean', help: 'machine-readable output' },
  'accept-new-host-keys': { type: 'boolean', help: 'accept and remember unknown SSH host keys (a changed key is always refused)' },
  library: { type: 'string', multiple: true, value: 'FILE', help: 'read only this procedures library file (repeatable)' },
  param: { type: 'string', multiple: true, value: 'NAME=VALUE', help: 'a procedure parameter (repeatable; each name once)' },
  yes: { type: 'boolean', help: 'run mutating steps headless (destructive ones never run headless)' },
  resume: { type: 'string', value: 'RUN_ID', help: 'continue a run from its first unfinished step (its library and host are journalled)' },
  branch: {
    type: 'string',
    multiple: true,
    value: 'STEP:LABEL',
    help: "take this branch or alternative of step STEP (repeatable; the label's start, any case); headless runs take no other",
  },
  'confirm-host': { type: 'string', value: 'NAME', help: "a production host's name: needed with --yes to run risky steps on it headless" },
  'rerun-interrupted': { type: 'boolean', help: 'with --resume: run the step the run was interrupted in again (else the run stops there)' },
  help: { type: 'boolean', short: 'h', help: "print this command's usage" },
  version: { type: 'boolean', short: 'V', help: 'print the version' },
};

interface CommandSpec {
  usage: string[];
  what: string;
  options: OptionName[];
  /** How many arguments after the command word it takes. */
  positionals: number;
}

const COMMANDS: Record<Exclude<Command, 'help' | 'version'>, CommandSpec> = {
  cockpit: {
    usage: ['riskctl [--config FILE] [--host NAME] [--read-only] [--library FILE]...'],
    what: 'the live cockpit',
    options: ['config', 'host', 'read-only', 'library', 'accept-new-host-keys'],
    positionals: 0,
  },
  hosts: {
    usage: ['riskctl hosts [--config FILE] [--host NAME] [--json]'],
    what: 'the inventory, without connecting',
    options: ['config', 'host', 'json'],
    positionals: 0,
  },
  status: {
    usage: ['riskctl status [--config FILE] [--host NAME] [--json]'],
    what: 'one reading of every host (exit 1: a host unreadable or a CRITICAL alert)',
    options: ['config', 'host', 'json', 'accept-new-host-keys'],
    positionals: 0,
  },
  alerts: {
    usage: ['riskctl alerts [--config FILE] [--host NAME] [--json]'],
    what: 'what fires now (one evaluation; exit 1 while a CRITICAL fires)',
    options: ['config', 'host', 'json', 'accept-new-host-keys'],
    positionals: 0,
  },
  procedures: {
    usage: ['riskctl procedures [ID] [--library FILE]... [--config FILE] [--json]'],
    what: 'the procedures library, or one procedure in full',
    options: ['config', 'library', 'json'],
    positionals: 1,
  },
  run: {
    usage: [
      'riskctl run ID --host NAME [--param NAME=VALUE]... [--branch STEP:LABEL]... [--yes] [--confirm-host NAME] [--read-only] [--json]',
      'riskctl run --resume RUN_ID [--param NAME=VALUE]... [--rerun-interrupted] [--yes] [--confirm-host NAME] [--json]',
    ],
    what: 'run a procedure headless: read-only steps run; mutating ones with --yes (and --confirm-host on a production host); destructive ones never. Exit 0 completed, 1 failed, stopped or incomplete, 2 usage',
    options: [
      'config',
      'host',
      'param',
      'branch',
      'yes',
      'confirm-host',
      'read-only',
      'json',
      'resume',
      'rerun-interrupted',
      'library',
      'accept-new-host-keys',
    ],
    positionals: 1,
  },
  runs: { usage: ['riskctl runs [RUN_ID] [--json]'], what: "past runs, or one run's Markdown report", options: ['json'], positionals: 1 },
};

const WORDS: Record<string, Command> = { hosts: 'hosts', status: 'status', alerts: 'alerts', procedures: 'procedures', run: 'run', runs: 'runs', help: 'help' };
const COMMAND_LIST = 'hosts, status, alerts, procedures, run, runs, help';

function nodeOptions(names: readonly OptionName[]) {
  return Object.fromEntries(
    names.map((n) => [
      n,
      { type: OPTIONS[n].type, ...(OPTIONS[n].short ? { short: OPTIONS[n].short } : {}), ...(OPTIONS[n].multiple ? { multiple: true } : {}) },
    ]),
  );
}

const ALL = Object.keys(OPTIONS) as OptionName[];

export function parseCliArgs(argv: string[]): Args {
  // First pass, lenient: which command, and which options were written.
  const loose = parseArgs({ args: argv, allowPositionals: true, strict: false, tokens: true, options: nodeOptions(ALL) });
  const word = loose.positionals[0];
  let command: Command = 'cockpit';
  if (word !== undefined) {
    const c = WORDS[word];
    if (!c) throw new UsageError(`unknown command '${word}' (commands: ${COMMAND_LIST})`);
    command = c;
  }
  if (command === 'help') {
    const about = loose.positionals[1];
    if (about !== undefined && !(about in COMMANDS)) throw new UsageError(`help: unknown command '${about}' (commands: ${COMMAND_LIST})`);
    return { ...defaults('help'), helpFor: about as Command | undefined };
  }
  const spec = COMMANDS[command as keyof typeof COMMANDS];
  const allowed: OptionName[] = [...spec.options, 'help', ...(command === 'cockpit' ? (['version'] as const) : [])];
  for (const t of loose.tokens ?? []) {
    if (t.kind !== 'option') continue;
    const known = (ALL as string[]).includes(t.name) ? (t.name as OptionName) : null;
    if (known && !allowed.includes(known)) {
      if (known === 'version') continue; // --version anywhere prints the version
      throw new UsageError(`${command === 'cockpit' ? 'the cockpit' : `riskctl ${command}`} does not take --${known}`, command);
    }
  }
  if (loose.values.version) return defaults('version');
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: nodeOptions(allowed) });
  } catch (e) {
    // node's messages are precise ("Unknown option '--hots'"); keep them, drop the code.
    throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, ''), command);
  }
  const { values: v, positionals } = parsed as { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
  if (v.help) return { ...defaults('help'), helpFor: command };
  const rest = positionals.slice(word === undefined ? 0 : 1);
  if (rest.length > spec.positionals) throw new UsageError(`unexpected argument '${rest[rest.length - 1]}'`, command);
  if (v.config === '') throw new UsageError('--config needs a file', command);
  const str = (k: OptionName) => v[k] as string | undefined;
  const list = (k: OptionName) => (v[k] as string[] | undefined) ?? [];
  const flag = (k: OptionName) => (v[k] as boolean | undefined) ?? false;
  return {
    command,
    config: str('config'),
    host: str('host'),
    readOnly: flag('read-only'),
    json: flag('json'),
    acceptNewHostKeys: flag('accept-new-host-keys'),
    library: list('library'),
    id: rest[0],
    param: list('param'),
    yes: flag('yes'),
    resume: str('resume'),
    branch: list('branch'),
    confirmHost: str('confirm-host'),
    rerunInterrupted: flag('rerun-interrupted'),
  };
}

function defaults(command: Command): Args {
  return { command, readOnly: false, json: false, acceptNewHostKeys: false, library: [], param: [], yes: false, branch: [], rerunInterrupted: false };
}

function optionLines(names: readonly OptionName[]): string[] {
  const left = (n: OptionName) => `${OPTIONS[n].short ? `-${OPTIONS[n].short}, ` : '    '}--${n}${OPTIONS[n].value ? ` ${OPTIONS[n].value}` : ''}`;
  const w = Math.max(...names.map((n) => left(n).length)) + 2;
  return names.map((n) => `  ${left(n).padEnd(w)}${OPTIONS[n].help}`);
}

/** One command's usage: its forms, what it does, every option it takes. */
export function commandUsage(command: Exclude<Command, 'help' | 'version'>): string {
  const s = COMMANDS[command];
  const opts: OptionName[] = [...s.options, 'help'];
  return `Usage:\n${s.usage.map((u) => `  ${u}`).join('\n')}\n\n${s.what.charAt(0).toUpperCase()}${s.what.slice(1)}.\n\nOptions:\n${optionLines(opts).join('\n')}\n`;
}

export const USAGE = `riskctl — terminal ops cockpit for the Risk Platform

Usage:
  riskctl [--config FILE] [--host NAME] [--read-only]   the live cockpit
  riskctl hosts  [--config FILE] [--json]               the inventory
  riskctl status [--config FILE] [--host NAME] [--json] one poll of every host
  riskctl alerts [--config FILE] [--host NAME] [--json] what fires now (one evaluation)
  riskctl procedures [ID] [--library FILE]... [--json]  the procedures library, or one in full
  riskctl run ID --host NAME [--param K=V]... [--branch STEP:LABEL]... [--yes] [--confirm-host NAME] [--json]
                                                        run a procedure headless (read-only steps;
                                                        mutating ones with --yes; never destructive)
  riskctl run --resume RUN_ID [--param K=V]... [--rerun-interrupted] [--yes]
                                                        continue an interrupted run
  riskctl runs [RUN_ID] [--json]                        past runs, or one run's Markdown report
  riskctl COMMAND --help | riskctl help COMMAND         a command's usage, with all its options
  riskctl --help | --version

Options:
  -c, --config FILE          config file (default: $RISKCTL_CONFIG, else
                             ~/.config/riskctl/config.yaml, else this machine)
  -H, --host NAME            start on / limit to this host
      --read-only            refuse every mutating or destructive action
      --json                 machine-readable output (headless commands)
      --library FILE         procedures: read only this library file (repeatable)
      --accept-new-host-keys accept and remember unknown SSH host keys
                             (a changed key is always refused)

Exit codes: 0 ok, 1 a check failed or a CRITICAL alert fires, 2 usage or config error.
State: $XDG_STATE_HOME/riskctl (default ~/.local/state/riskctl).
`;

/** What `--help` prints for a command (the whole usage for the cockpit and `riskctl help`). */
export function usageFor(command: Command | undefined): string {
  if (command === undefined || command === 'cockpit' || command === 'help' || command === 'version') return USAGE;
  return commandUsage(command);
}
