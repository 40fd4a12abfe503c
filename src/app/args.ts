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
}

/** A mistake on the command line: printed alone, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const COMMANDS: Record<string, Command> = { hosts: 'hosts', status: 'status', alerts: 'alerts', procedures: 'procedures', run: 'run', runs: 'runs', help: 'help' };

export function parseCliArgs(argv: string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        host: { type: 'string', short: 'H' },
        'read-only': { type: 'boolean' },
        json: { type: 'boolean' },
        'accept-new-host-keys': { type: 'boolean' },
        library: { type: 'string', multiple: true },
        param: { type: 'string', multiple: true },
        yes: { type: 'boolean' },
        resume: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'V' },
      },
    });
  } catch (e) {
    // node's messages are precise ("Unknown option '--hots'"); keep them, drop the code.
    throw new UsageError((e as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
  const { values: v, positionals } = parsed;
  // Only `procedures`, `run` (the procedure ID) and `runs` (a run ID) take an argument.
  if (positionals.length > (['procedures', 'run', 'runs'].includes(positionals[0] ?? '') ? 2 : 1)) throw new UsageError(`unexpected argument '${positionals[positionals.length - 1]}'`);
  const word = positionals[0];
  let command: Command = 'cockpit';
  if (v.help) command = 'help';
  else if (v.version) command = 'version';
  else if (word !== undefined) {
    const c = COMMANDS[word];
    if (!c) throw new UsageError(`unknown command '${word}' (commands: hosts, status, alerts, procedures, run, runs, help)`);
    command = c;
  }
  if (v.config === '') throw new UsageError('--config needs a file');
  return {
    command,
    config: v.config,
    host: v.host,
    readOnly: v['read-only'] ?? false,
    json: v.json ?? false,
    acceptNewHostKeys: v['accept-new-host-keys'] ?? false,
    library: v.library ?? [],
    id: command === 'procedures' || command === 'run' || command === 'runs' ? positionals[1] : undefined,
    param: v.param ?? [],
    yes: v.yes ?? false,
    resume: v.resume,
  };
}

export const USAGE = `riskctl — terminal ops cockpit for the Risk Platform

Usage:
  riskctl [--config FILE] [--host NAME] [--read-only]   the live cockpit
  riskctl hosts  [--config FILE] [--json]               the inventory
  riskctl status [--config FILE] [--host NAME] [--json] one poll of every host
  riskctl alerts [--config FILE] [--host NAME] [--json] what fires now (one evaluation)
  riskctl procedures [ID] [--library FILE]... [--json]  the procedures library, or one in full
  riskctl run ID --host NAME [--param K=V]... [--yes] [--json]
                                                        run a procedure headless (read-only steps;
                                                        mutating ones with --yes; never destructive)
  riskctl run --resume RUN_ID [--param K=V]... [--yes]  continue an interrupted run
  riskctl runs [RUN_ID] [--json]                        past runs, or one run's Markdown report
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
