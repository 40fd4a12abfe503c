/**
 * Runs for the procedures view: a RunSession started on a configured host
 * (with its live checks, platform folder and the App's confirmation modal).
 */
import { isProduction } from '../hosts/HostConfig';
import type { Procedure } from '../services/procedures/model';
import type { RunSummary } from '../services/procedures/runner/journal';
import { RunSession } from '../services/procedures/runner/RunSession';
import type { Confirm } from '../screens/confirm';
import type { ProceduresProps } from './proceduresProps';

/** A run of `p` on the named host, or why not. */
export function startSession(
  pr: ProceduresProps,
  hostName: string | null,
  p: Procedure,
  values: Record<string, string>,
  confirm: Confirm,
  resume?: RunSummary,
  hint?: { service?: string; alert?: string },
): RunSession | string {
  const cfg = pr.configs.find((c) => c.name === hostName);
  const host = hostName ? pr.hosts.get(hostName) : undefined;
  if (!cfg || !host) return 'no host selected';
  const production = isProduction(cfg);
  return new RunSession({
    procedure: p,
    host,
    production,
    postgres: cfg.postgres,
    values,
    stateDir: pr.stateDir,
    cwd: cfg.platformDir ?? pr.cwd,
    readOnly: pr.readOnly,
    resume,
    ...(hint ? { hint } : {}),
    ...(pr.library.files.length ? { library: pr.library.files } : {}),
    // The commands' terminal is as wide as the cockpit's, as the operator's own ssh session would be.
    terminal: { cols: process.stdout.columns || 80, rows: process.stdout.rows || 24 },
    ...(pr.liveFacts ? { live: pr.liveFacts(cfg.name) } : {}),
    confirm: (req) =>
      confirm({
        title: `Step ${req.step.number}. ${req.step.title}`,
        detail: [...req.commands.map((c) => c.split('\n')[0]), ...(req.overrides ?? []).map((o) => `(${o})`)].join(' ; '),
        risk: req.risk,
        host: req.host,
        production,
      }),
  });
}
