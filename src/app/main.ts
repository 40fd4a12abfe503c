import { ConfigError } from '../hosts/ConfigError';
import { HostError } from '../hosts/Host';
import { inertText } from '../services/inertText';
import { parseCliArgs, usageFor, UsageError } from './args';

declare const __RISKCTL_VERSION__: string | undefined;
export const VERSION = typeof __RISKCTL_VERSION__ === 'string' ? __RISKCTL_VERSION__ : '0.0.0-dev';

/** Mistakes an operator can fix: one clear line, exit 2, never a stack trace. */
function isUsageProblem(e: unknown): e is Error {
  return e instanceof UsageError || e instanceof ConfigError || (e instanceof HostError && e.code === 'config');
}

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv);
  switch (args.command) {
    case 'help':
      process.stdout.write(usageFor(args.helpFor));
      return 0;
    case 'version':
      process.stdout.write(`riskctl ${VERSION}\n`);
      return 0;
    case 'hosts':
      return (await import('./commands/hostsCommand')).hostsCommand(args);
    case 'status':
      return (await import('./commands/statusCommand')).statusCommand(args);
    case 'alerts':
      return (await import('./commands/alertsCommand')).alertsCommand(args);
    case 'procedures':
      return (await import('./commands/proceduresCommand')).proceduresCommand(args);
    case 'run':
      return (await import('./commands/runCommand')).runCommand(args);
    case 'runs':
      return (await import('./commands/runsCommand')).runsCommand(args);
    case 'cockpit': {
      const code = await (await import('./startCockpit')).startCockpit(args, VERSION);
      // Lingering handles (a half-open socket of an unreachable host) must not keep a quit cockpit alive.
      process.stdout.write('', () => process.exit(code));
      return code;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (isUsageProblem(e)) {
      process.stderr.write(`riskctl: ${inertText(e.message)}\n`);
      if (e instanceof UsageError) process.stderr.write(`Try 'riskctl ${e.command && e.command !== 'cockpit' ? `${e.command} ` : ''}--help'.\n`);
      process.exitCode = 2;
      return;
    }
    // An error may quote a host's or an engine's words.
    process.stderr.write(`riskctl: ${inertText(e instanceof Error ? e.message : String(e))}\n`);
    if (process.env.RISKCTL_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 1;
  },
);
