import { ConfigError } from '../hosts/ConfigError';
import { HostError } from '../hosts/Host';
import { inertText } from '../services/inertText';
import { parseCliArgs, usageFor, UsageError } from './args';
import type { CommandOutput } from './commands/printOut';

declare const __RISKCTL_VERSION__: string | undefined;
export const VERSION = typeof __RISKCTL_VERSION__ === 'string' ? __RISKCTL_VERSION__ : '0.0.0-dev';

/** Mistakes an operator can fix: one clear line, exit 2, never a stack trace. */
function isUsageProblem(e: unknown): e is Error {
  return e instanceof UsageError || e instanceof ConfigError || (e instanceof HostError && e.code === 'config');
}

async function runCommand(argv: string[], out: CommandOutput): Promise<number> {
  const args = parseCliArgs(argv);
  switch (args.command) {
    case 'help':
      out.stdout.write(usageFor(args.helpFor));
      return 0;
    case 'version':
      out.stdout.write(`riskctl ${VERSION}\n`);
      return 0;
    case 'hosts':
      return (await import('./commands/hostsCommand')).hostsCommand(args, out);
    case 'status':
      return (await import('./commands/statusCommand')).statusCommand(args, out);
    case 'alerts':
      return (await import('./commands/alertsCommand')).alertsCommand(args, out);
    case 'procedures':
      return (await import('./commands/proceduresCommand')).proceduresCommand(args, out);
    case 'run':
      return (await import('./commands/runCommand')).runCommand(args, out);
    case 'runs':
      return (await import('./commands/runsCommand')).runsCommand(args, out);
    case 'cockpit':
      // The cockpit owns the terminal: it draws on the process's own streams.
      return (await import('./startCockpit')).startCockpit(args, VERSION);
  }
}

/**
 * Runs one command line and resolves with its exit code: 0, 1 when the
 * command failed, 2 for a mistake the operator can fix (one line on stderr).
 * It never rejects. The bin (main.ts) gives it the process's streams; tests
 * give it buffers.
 */
export async function runCli(argv: string[], out: CommandOutput): Promise<number> {
  try {
    return await runCommand(argv, out);
  } catch (e) {
    if (isUsageProblem(e)) {
      out.stderr.write(`riskctl: ${inertText(e.message)}\n`);
      if (e instanceof UsageError) out.stderr.write(`Try 'riskctl ${e.command && e.command !== 'cockpit' ? `${e.command} ` : ''}--help'.\n`);
      return 2;
    }
    // An error may quote a host's or an engine's words.
    out.stderr.write(`riskctl: ${inertText(e instanceof Error ? e.message : String(e))}\n`);
    if (process.env.RISKCTL_DEBUG && e instanceof Error) out.stderr.write(`${e.stack}\n`);
    return 1;
  }
}
