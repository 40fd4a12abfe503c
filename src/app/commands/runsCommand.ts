/** `riskctl runs [RUN_ID] [--json]`: past procedure runs, or one run's Markdown report. */
import type { Args } from '../args';
import { UsageError } from '../args';
import { stateDir } from '../resolveConfig';
import { listRuns, readRun, type RunSummary } from '../../services/procedures/runner/journal';
import { renderReport } from '../../services/procedures/runner/report';
import { renderTable } from './renderTable';
import { printJson, printText, type CommandOutput } from './printOut';

export function runListJson(r: RunSummary): object {
  return {
    runId: r.header.runId,
    procedure: r.header.procedure.id,
    title: r.header.procedure.title,
    host: r.header.host,
    operator: r.header.operator,
    status: r.status,
    startedAt: r.header.startedAt,
    endedAt: r.end?.at ?? null,
    steps: r.steps.length,
    resumeAt: r.resumeAt,
  };
}

export async function runsCommand(args: Args, out: CommandOutput): Promise<number> {
  const state = stateDir();
  if (args.id) {
    let run: RunSummary;
    try {
      run = readRun(state, args.id);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (args.json) printJson(out, { ...runListJson(run), header: run.header, stepRecords: run.steps, checks: run.checks, end: run.end });
    else printText(out, renderReport(run));
    return 0;
  }
  const runs = listRuns(state);
  if (args.json) {
    printJson(out, { runs: runs.map(runListJson) });
    return 0;
  }
  printText(
    out,
    renderTable(
      ['RUN', 'PROCEDURE', 'HOST', 'STATUS', 'STARTED', 'STEPS'],
      runs.map((r) => [r.header.runId, r.header.procedure.id, r.header.host, r.status, r.header.startedAt, String(r.steps.length)]),
    ),
  );
  return 0;
}
