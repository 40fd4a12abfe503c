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
    for (const c of s.commands) {
      if (c.kind === 'manual') {
        out.push('', `- ${c.answer === 'done' ? '[x]' : '[ ]'} ${c.text.split('\n')[0]}${c.answer === 'skipped' ? ` — skipped: ${c.reason ?? ''}` : ''}`);
        continue;
      }
      out.push('', `${c.kind === 'sql' ? 'SQL' : 'Command'} (${c.risk}) — exit ${c.exitCode ?? 'none'}, ${(c.durationMs / 1000).toFixed(1)} s${c.problem ? ` — ${c.problem}` : ''}${c.note ? ` — ${c.note}` : ''}${c.onErrorContinue ? ' — failed; the block goes on (on-error=continue)' : ''}${c.noMatch ? ' — no match (found nothing: `no-match`)' : ''}`, '', fence(c.text));
      if (c.output.trim()) out.push('', 'Output:', '', fence(c.output.trimEnd()));
      if (c.evidence) out.push('', `Evidence: \`${c.evidence}\``);
    }
  }
  const notRun = run.status === 'completed' ? [] : ['', `Steps after ${run.steps.at(-1)?.number ?? 'the start'} did not run.`];
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
