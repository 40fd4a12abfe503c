/**
 * `riskctl run ID --host NAME [--param K=V]... [--yes] [--json]` and
 * `riskctl run --resume RUN_ID`: a procedure headless. Read-only steps run;
 * a mutating step needs --yes, else the run stops there naming the step;
 * destructive steps never run headless; instructions are recorded as
 * "skipped (headless)", and so are checklist items — except those a live
 * check backs (liveChecks.ts), which are checked on the host and ticked when
 * it passes (what it saw is journalled either way). Exit 0 completed, 1 a step failed or the
 * run stopped or ended incomplete, 2 usage (unknown procedure / host / run, a bad parameter, a --branch naming no label, --yes without --confirm-host on a production host).
 */
import type { Args } from '../args';
import { UsageError } from '../args';
import { resolveConfig, stateDir } from '../resolveConfig';
import { createHosts } from '../../hosts/createHosts';
import { isProduction } from '../../hosts/HostConfig';
import { loadLibrary } from '../../services/procedures/loadLibrary';
import { existsSync } from 'node:fs';
import { checkParams, parseParamArgs } from '../../services/procedures/runner/params';
import { productionRefusal } from '../../services/procedures/runner/gate';
import { parseBranchArgs } from '../../services/procedures/runner/stepFlow';
import { readContainersOnce } from '../../services/docker/readOnce';
import type { Procedure } from '../../services/procedures/model';
import { commandFailed } from '../../services/procedures/runner/execShell';
import { readRun, type RunSummary } from '../../services/procedures/runner/journal';
import { REDACTED } from '../../services/procedures/runner/redact';
import { headlessLiveFacts } from '../../services/procedures/runner/hostLiveFacts';
import { runProcedure, type RunResult } from '../../services/procedures/runner/Runner';
import type { RunEvent, StepRecord } from '../../services/procedures/runner/types';
import { find, libraryFiles } from './proceduresCommand';
import { inertText } from '../../services/inertText';
import { printJson, printText, type CommandOutput } from './printOut';

/** The platform folder every step starts in (when the host has it). */
export const PLATFORM_DIR = '/opt/risk-platform';

/**
 * The exit code of a step's failed command (null when it timed out, was
 * killed or never ran — never 0), 0 when none failed, null when none ran.
 */
function stepExit(s: StepRecord): { exitCode: number | null; timedOut?: true } {
  const ran = s.commands.filter((c) => c.kind !== 'manual');
  if (!ran.length) return { exitCode: null };
  const bad = ran.find(commandFailed);
  if (!bad) return { exitCode: 0 };
  return { exitCode: bad.exitCode, ...(bad.timedOut ? { timedOut: true as const } : {}) };
}

/** Each command the runner ran (or did not): how it ended. */
function commandsJson(s: StepRecord): object[] {
  return s.commands
    .filter((c) => c.kind !== 'manual')
    .map((c) => ({
      text: c.text,
      exitCode: c.exitCode,
      ...(c.timedOut ? { timedOut: true } : {}),
      ...(c.stopped ? { stopped: c.stopped } : {}),
      ...(c.notRun ? { notRun: true } : {}),
      ...(c.onErrorContinue ? { onErrorContinue: true } : {}),
      ...(c.note ? { note: c.note } : {}),
      ...(c.problem ? { problem: c.problem } : {}),
      durationMs: c.durationMs,
    }));
}

export function runJson(r: RunResult, procedure: string, host: string): object {
  return {
    runId: r.runId,
    procedure,
    host,
    status: r.status,
    message: r.message,
    journal: r.file,
    steps: r.steps.map((s) => ({
      number: s.number,
      title: s.title,
      status: s.status,
      risk: s.risk,
      ...stepExit(s),
      ...(s.reason ? { reason: s.reason } : {}),
      commands: commandsJson(s),
      ...(s.branches?.length
        ? { branches: s.branches.map((b) => ({ label: b.label, flow: b.flow, taken: b.taken, by: b.by, at: b.at, ...(b.reason ? { reason: b.reason } : {}) })) }
        : {}),
    })),
  };
}

function printer(out: CommandOutput, json: boolean, title: string): (e: RunEvent) => void {
  if (json) return () => {};
  printText(out, `${title}\n`);
  return (e) => {
    if (e.type === 'step-started') printText(out, `\n▶ ${e.number}. ${e.title} [${e.risk}]\n`);
    else if (e.type === 'output')
      printText(out, inertText(e.chunk).replace(/^(?=.)/gm, '  ')); // inert first: a CR is not a line start
    else if (e.type === 'branch')
      printText(
        out,
        `  ↳ ${e.record.label} — ${e.record.taken ? 'taken (--branch)' : e.record.reason ? `not run: ${e.record.reason}` : 'passed over (name it with --branch to take it)'}\n`,
      );
    else if (e.type === 'command-finished' && (e.record.note || e.record.notRun))
      printText(out, `  (${e.record.note ?? `${e.record.problem ?? 'not run'}: ${e.record.text.split('\n')[0]}`})\n`);
    else if (e.type === 'step-finished' && e.record.status !== 'done')
      printText(out, `  → ${e.record.status}${e.record.reason ? `: ${e.record.reason}` : ''}\n`);
    else if (e.type === 'check') {
      const c = e.record;
      const how =
        c.by === 'live-check'
          ? ` — ticked by live check: ${c.live ?? ''}`
          : ` — ${c.status}${c.reason ? ` (${c.reason})` : ''}${c.live ? `; live check: ${c.live}` : ''}`;
      printText(out, `${c.index === 0 ? '\n' : ''}${c.status === 'ticked' ? '[x]' : '[ ]'} ${c.text}${how}\n`);
    } else if (e.type === 'finished') printText(out, `\n${e.status}: ${e.message}\n`);
  };
}

/** Service parameters checked against the host's compose services (when they can be read). */
async function checkServices(p: Procedure, values: Record<string, string>, services: () => Promise<string[] | undefined>): Promise<string[]> {
  const named = p.parameters.filter((x) => x.type === 'service' && values[x.name] !== undefined);
  if (!named.length) return [];
  const list = await services().catch(() => undefined);
  if (!list) return [];
  return named.flatMap((x) =>
    list.includes(values[x.name]!)
      ? []
      : [`parameter ${x.name} (service): no service ${JSON.stringify(values[x.name])} on this host (services: ${list.join(', ') || 'none'})`],
  );
}

export async function runCommand(args: Args, out: CommandOutput): Promise<number> {
  const state = stateDir();
  let resume: RunSummary | undefined;
  if (args.resume) {
    if (args.id) throw new UsageError('--resume continues a run: give the run id, not a procedure id');
    try {
      resume = readRun(state, args.resume);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  } else if (!args.id) throw new UsageError('run needs a procedure ID (riskctl procedures lists them)', 'run');
  if (args.rerunInterrupted && !resume) throw new UsageError('--rerun-interrupted goes with --resume RUN_ID', 'run');
  // A resume reads the library its run came from (journalled), unless --library says otherwise.
  const journalled = resume?.header.library;
  const files = !args.library.length && journalled?.length && journalled.every((f) => existsSync(f)) ? journalled : await libraryFiles(args);
  const lib = loadLibrary(files);
  const procedure = find(lib, resume?.header.procedure.id ?? args.id!);
  const { config } = await resolveConfig({ config: args.config });
  const hostName = resume?.header.host ?? args.host;
  if (!hostName) throw new UsageError(`run needs --host NAME (hosts: ${config.hosts.map((h) => h.name).join(', ')})`, 'run');
  const cfg = config.hosts.find((h) => h.name === hostName);
  if (!cfg) throw new UsageError(`unknown host ${JSON.stringify(hostName)} (hosts: ${config.hosts.map((h) => h.name).join(', ')})`, 'run');
  const production = isProduction(cfg);
  if (args.confirmHost !== undefined && args.confirmHost !== cfg.name)
    throw new UsageError(`--confirm-host ${JSON.stringify(args.confirmHost)} does not name the host the run is on (${cfg.name})`, 'run');
  if (production && args.yes && args.confirmHost === undefined && procedure.maxRisk !== 'read-only') throw new UsageError(productionRefusal(cfg.name), 'run');
  const given = parseParamArgs(args.param);
  // A resumed run keeps its values; secrets were never journalled, so they are given again.
  const kept = Object.fromEntries(Object.entries(resume?.header.params ?? {}).filter(([, v]) => v !== REDACTED));
  const checked = checkParams(procedure, { ...kept, ...given.values }, { backupsDir: cfg.backups.dir });
  const branchArgs = [...(resume?.header.mode.branches ?? []), ...args.branch];
  const named = parseBranchArgs(procedure, branchArgs);
  const problems = [...given.problems, ...checked.problems, ...named.problems];
  if (problems.length) throw new UsageError(problems.join('; '), 'run');
  const hosts = createHosts([cfg], { stateDir: state, onUnknownHostKey: async () => args.acceptNewHostKeys });
  const host = hosts.get(cfg.name)!;
  try {
    await host.connect();
    // A service parameter names a compose service the host runs (read once, now); unknown when Docker cannot be read.
    const serviceProblems = await checkServices(procedure, checked.values, async () => {
      const r = await readContainersOnce(host, cfg, AbortSignal.timeout(15_000));
      return r.containers ? [...new Set(r.containers.flatMap((c) => (c.service ? [c.service] : [])))].sort() : undefined;
    });
    if (serviceProblems.length) throw new UsageError(serviceProblems.join('; '), 'run');
    const result = await runProcedure({
      procedure,
      host,
      production: isProduction(cfg),
      postgres: cfg.postgres,
      live: headlessLiveFacts(host, cfg),
      values: checked.values,
      mode: {
        headless: true,
        readOnly: args.readOnly,
        yes: args.yes,
        ...(args.confirmHost !== undefined ? { confirmHost: args.confirmHost } : {}),
        ...(branchArgs.length ? { branches: branchArgs } : {}),
      },
      branches: named.branches,
      rerunInterrupted: args.rerunInterrupted,
      library: files,
      ...(checked.values.service_name ? { hint: { service: checked.values.service_name } } : {}),
      stateDir: state,
      cwd: cfg.platformDir ?? PLATFORM_DIR,
      onEvent: printer(
        out,
        args.json,
        `${procedure.id}: ${procedure.title} on ${cfg.name}${isProduction(cfg) ? ' (PRODUCTION)' : ''}${args.readOnly ? ' --read-only' : ''}`,
      ),
      resume,
    });
    if (args.json) printJson(out, runJson(result, procedure.id, cfg.name));
    else printText(out, `run ${result.runId} (riskctl runs ${result.runId} for the report)\n`);
    return result.status === 'completed' ? 0 : 1;
  } finally {
    await Promise.allSettled([...hosts.values()].map((h) => h.close()));
  }
}
