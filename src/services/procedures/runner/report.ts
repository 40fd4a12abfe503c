/**
 * A run as a Markdown report: the "Documentation" the procedures ask for
 * (DO-001's daily check results, MO-001's maintenance report, the DR test
 * record). Pure: from the journal's summary.
 */
import type { RunSummary } from './journal';

const fence = (text: string) => {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const f = '`'.repeat(longest + 1);
  return `${f}\n${text}\n${f}`;
};

const mark: Record<string, string> = { done: '✔ done', failed: '✘ failed', refused: '⊘ refused', stopped: '■ stopped', declined: '■ declined', skipped: '↷ skipped' };

/** Start, stop and the time between: the DR test's recovery time (a timer still running says so). */
export function recoveryTime(timers: RunSummary['timers']): string | null {
  const start = timers.find((t) => t.action === 'start');
  if (!start) return null;
  const stop = timers.find((t) => t.action === 'stop' && t.at >= start.at);
  if (!stop) return `Started ${start.at}, not stopped.`;
  const s = Math.round((Date.parse(stop.at) - Date.parse(start.at)) / 1000);
  return `Started ${start.at}, stopped ${stop.at}: **${Math.floor(s / 60)} min ${s % 60} s**.`;
}

/** One checklist item: ticked or not, by whom, what a live check saw, an override's reason. */
export function checkLine(c: RunSummary['checks'][number]): string {
  const box = c.status === 'ticked' ? '[x]' : '[ ]';
  if (c.overridden) return `- ${box} ${c.text} — overridden by the operator: ${c.reason ?? ''}${c.live ? ` (the live check had ticked it: ${c.live})` : ''}`;
  if (c.by === 'live-check') return `- ${box} ${c.text} — ticked by live check: ${c.live ?? ''}`;
  const live = c.live ? ` (live check: ${c.live})` : '';
  if (c.status === 'ticked') return `- ${box} ${c.text}${c.by === 'operator' ? ' — ticked by the operator' : ''}${live}`;
  return `- ${box} ${c.text} — ${c.status}${c.reason ? `: ${c.reason}` : ''}${live}`;
}

/** A branch or alternative of a step: taken or passed over, by whom, when (or why it did not run although chosen). */
export function branchLine(b: NonNullable<RunSummary['steps'][number]['branches']>[number]): string {
  const kind = b.flow === 'alternative' ? 'Alternative' : 'Branch';
  const what = b.taken ? `taken by ${b.by}` : b.reason ? `chosen, not run: ${b.reason}` : `passed over (${b.by})`;
  return `- ${kind} "${b.label}" (${b.commands} command${b.commands === 1 ? '' : 's'}) — ${what} at ${b.at}`;
}

export function renderReport(run: RunSummary): string {
  const h = run.header;
  const out: string[] = [
    `# ${h.procedure.id}: ${h.procedure.title}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Run | ${h.runId} |`,
    `| Host | ${h.host}${h.production ? ' (**production**)' : ''} |`,
    `| Operator | ${h.operator} |`,
    `| Started | ${h.startedAt} |`,
    `| Ended | ${run.end?.at ?? '(not finished)'} |`,
    `| Status | **${run.status}**${run.end?.message ? ` — ${run.end.message}` : ''} |`,
    `| Mode | ${h.mode.headless ? 'headless' : 'interactive'}${h.mode.readOnly ? ', --read-only' : ''}${h.mode.yes ? ', --yes' : ''} |`,
    `| Procedure | ${h.procedure.source} (sha256 ${h.procedure.hash.slice(0, 12)}) |`,
  ];
  const params = Object.entries(h.params);
  if (params.length) {
    out.push('', '## Parameters', '');
    for (const [k, v] of params) out.push(`- \`${k}\`: ${v.includes('\n') ? `\n\n${fence(v)}\n` : `\`${v}\``}`);
  }
  out.push('', '## Steps');
  for (const s of run.steps) {
    out.push('', `### ${s.number}. ${s.title} — ${mark[s.status] ?? s.status}`, '');
    out.push(`Risk ${s.risk} · ${s.startedAt} → ${s.endedAt}${s.confirmedBy ? ` · confirmed by ${s.confirmedBy} at ${s.confirmedAt}` : ''}`);
    if (s.reason) out.push('', `> ${s.reason}`);
    const cut = run.resumes.find((r) => r.interrupted?.index === s.index)?.interrupted;
    if (cut) out.push('', `Attempt 1 interrupted while running \`${cut.text.split('\n')[0]}\` (started ${cut.startedAt}); ${cut.rerun ? `run again on resume (${cut.by}): the commands below are attempt 2` : `not run again (${cut.by})`}.`);
    if (s.attempts && s.attempts > (cut ? 2 : 1)) out.push('', `Attempts: ${s.attempts} (the failed command and the rest retried by the operator)`);
    if (s.branches?.length) {
      out.push('');
      for (const b of s.branches) out.push(branchLine(b));
    }
    for (const c of s.commands) {
      if (c.kind === 'manual') {
        out.push('', `- ${c.answer === 'done' ? '[x]' : '[ ]'} ${c.text.split('\n')[0]}${c.answer === 'skipped' ? ` — skipped: ${c.reason ?? ''}` : ''}`);
        continue;
      }
      const where = `${c.branch ? ` [${c.branch}]` : ''}${c.attempt ? ` (attempt ${c.attempt})` : ''}`;
      out.push('', `${c.kind === 'sql' ? 'SQL' : 'Command'}${where} (${c.risk}) — exit ${c.exitCode ?? 'none'}, ${(c.durationMs / 1000).toFixed(1)} s${c.problem ? ` — ${c.problem}` : ''}${c.note ? ` — ${c.note}` : ''}${c.onErrorContinue ? ' — failed; the block goes on (on-error=continue)' : ''}${c.noMatch ? ' — no match (found nothing: `no-match`)' : ''}`, '', fence(c.text));
      if (c.riskOverride !== undefined) out.push('', `Risk stated by the library (risk-override): ${c.riskOverride}`);
      if (c.output.trim()) out.push('', 'Output:', '', fence(c.output.trimEnd()));
      if (c.evidence) out.push('', `Evidence: \`${c.evidence}\``);
    }
  }
  // A step interrupted (a crash, a lost connection) has no record of its own: what it was running, and what became of it.
  const cuts = [...run.resumes.flatMap((r) => (r.interrupted && !r.interrupted.rerun ? [{ ...r.interrupted, what: `not run again (${r.interrupted.by})` }] : [])), ...(run.interrupted ? [{ number: run.interrupted.number, index: run.interrupted.index, text: run.interrupted.text, startedAt: run.interrupted.at, what: 'the run has not been resumed' }] : [])];
  for (const c of cuts) {
    if (run.steps.some((s) => s.index === c.index)) continue;
    out.push('', `### ${c.number}. ${h.procedure.id} step ${c.number} — interrupted`, '', `Interrupted while running \`${c.text.split('\n')[0]}\` (started ${c.startedAt}); ${c.what}.`);
  }
  const notRun = run.status === 'completed' || run.status === 'incomplete' ? [] : ['', `Steps after ${run.steps.at(-1)?.number ?? 'the start'} did not run.`];
  out.push(...notRun);
  const timer = recoveryTime(run.timers);
  if (timer) out.push('', '## Recovery timer', '', timer);
  if (h.links?.length) {
    out.push('', '## Links', '');
    for (const l of h.links) out.push(`- ${l.text} → ${l.procedure ?? `#${l.target} (unresolved: not in the library)`}`);
  }
  if (run.checks.length) {
    out.push('', '## Checklist', '');
    for (const c of run.checks) out.push(checkLine(c));
  }
  return `${out.join('\n')}\n`;
}
