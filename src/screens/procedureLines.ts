/**
 * What the Procedures screen shows, as plain lines (pure, testable without
 * Ink): the library list, a procedure's detail, a run in progress, past runs.
 */
import type { Procedure } from '../services/procedures/model';
import type { SessionState } from '../services/procedures/runner/RunSession';
import type { PastRun } from '../services/procedures/runner/ProcedureRuns';
import { formatAge, formatBytes, truncate } from './format';
import type { SelectItem } from './widgets/SelectList';

export type Tone = 'normal' | 'muted' | 'warning' | 'critical' | 'ok' | 'title';
export interface Line {
  text: string;
  tone: Tone;
}

const riskTone = (r: string): Tone => (r === 'destructive' ? 'critical' : r === 'mutating' ? 'warning' : 'normal');

export function libraryLines(ps: readonly Procedure[], width: number): Line[] {
  const idW = Math.max(6, ...ps.map((p) => p.id.length));
  const catW = Math.min(24, Math.max(8, ...ps.map((p) => p.category.length)));
  return ps.map((p) => ({
    text: truncate(`${p.id.padEnd(idW)}  ${p.category.padEnd(catW).slice(0, catW)}  ${p.maxRisk.padEnd(11)}  ${p.title}`, width),
    tone: riskTone(p.maxRisk),
  }));
}

export function detailLines(p: Procedure, width: number): Line[] {
  const out: Line[] = [
    { text: `Procedure ${p.id}: ${p.title}`, tone: 'title' },
    { text: `${p.category} · highest risk ${p.maxRisk} · ${p.source.file}:${p.source.line}`, tone: 'muted' },
  ];
  const purpose = p.sections.find((s) => s.kind === 'purpose')?.text;
  if (purpose) out.push({ text: `Purpose: ${purpose}`, tone: 'normal' });
  for (const s of p.steps) {
    out.push({ text: `${s.number}. ${s.title}`, tone: 'normal' });
    for (const b of s.blocks) {
      if (b.kind === 'manual') for (const i of b.instructions) out.push({ text: `   · ${i.text.split('\n')[0]}`, tone: 'muted' });
      else for (const c of b.commands) out.push({ text: `   [${c.risk}] ${c.text.split('\n')[0]}`, tone: riskTone(c.risk) });
    }
  }
  if (p.parameters.length) out.push({ text: `Parameters: ${p.parameters.map((x) => `[${x.name}] ${x.type}`).join(', ')}`, tone: 'normal' });
  for (const l of p.links)
    out.push({ text: `Link: ${l.text} → ${l.procedure ?? `#${l.target} (unresolved: not in the library)`}`, tone: l.procedure ? 'muted' : 'warning' });
  return out.map((l) => ({ ...l, text: truncate(l.text, width) }));
}

/** A past run as the runs list shows it (from the journal's summary). */
export type { PastRun };

const runTone = (status: string): Tone => (status === 'completed' ? 'ok' : status === 'failed' ? 'critical' : status === 'running' ? 'title' : 'warning');

/** The runs list: started, procedure, host, status, operator, run id. */
export function runsLines(runs: readonly PastRun[], width: number): Line[] {
  if (!runs.length) return [];
  const hostW = Math.max(4, ...runs.map((r) => r.host.length));
  const opW = Math.max(8, ...runs.map((r) => r.operator.length));
  return runs.map((r) => ({
    text: truncate(
      `${r.startedAt.slice(0, 19).replace('T', ' ')}  ${r.procedure.padEnd(7)} ${r.host.padEnd(hostW)}  ${r.status.padEnd(11)} ${r.operator.padEnd(opW)}  ${r.runId}`,
      width,
    ),
    tone: runTone(r.status),
  }));
}

/** A procedure's links, each with where it leads (or that the library lacks it). */
export function linksLines(links: Procedure['links'], width: number): Line[] {
  return links.map((l) => ({
    text: truncate(`${l.text} → ${l.procedure ?? `#${l.target} (unresolved: not in the library)`}`, width),
    tone: l.procedure ? 'normal' : 'warning',
  }));
}

/** A Markdown report as screen lines, long ones wrapped (nothing is cut off); headings stand out, nothing else is interpreted. */
export function reportLines(markdown: string, width: number): Line[] {
  const w = Math.max(1, width);
  const out: Line[] = [];
  for (const t of markdown.replace(/\n$/, '').split('\n')) {
    const tone: Tone = t.startsWith('#') ? 'title' : /\u2718|failed|overridden/.test(t) ? 'warning' : 'normal';
    const chars = [...t];
    if (chars.length <= w) out.push({ text: t, tone });
    else for (let i = 0; i < chars.length; i += w) out.push({ text: chars.slice(i, i + w).join(''), tone });
  }
  return out;
}

/** A parameter's pick list (backup files, newest first): name, age, size; the chosen one marked. */
export interface PickList {
  procedure: string;
  param: string;
  dir: string;
  files: ReadonlyArray<{ name: string; mtime: number | null; size: number | null }>;
  /** The chosen row, -1 before ↑/↓. */
  sel: number;
  /** Still listing, or why the list could not be read. */
  loading: boolean;
  error: string | null;
}

export function pickLines(p: PickList, width: number): Line[] {
  if (p.loading) return [{ text: `listing ${p.dir} …`, tone: 'muted' }];
  if (p.error) return [{ text: truncate(`cannot list ${p.dir}: ${p.error} — type the file name`, width), tone: 'warning' }];
  if (!p.files.length) return [{ text: truncate(`${p.dir} has no files — type the file name`, width), tone: 'warning' }];
  return [];
}

/** The listed files as pick-list rows: name, age, size (the list's marker takes two columns). */
export function pickItems(p: PickList, now: number, width: number): SelectItem[] {
  if (p.loading || p.error) return [];
  const nameW = Math.min(Math.max(0, ...p.files.map((f) => f.name.length)), Math.max(20, width - 24));
  return p.files.map((f) => ({
    key: f.name,
    label: truncate(
      `${f.name.padEnd(nameW)}  ${(f.mtime === null ? '' : `${formatAge(now - f.mtime)} ago`).padStart(10)}  ${f.size === null ? '' : formatBytes(f.size).padStart(8)}`.trimEnd(),
      Math.max(1, width - 2),
    ),
  }));
}

/** The open question of a run, as the lines under its output (a choice's list is drawn by the select widget below them). */
export function questionLines(q: NonNullable<SessionState['question']>, width: number): Line[] {
  const out: Line[] = [];
  const line = (text: string, tone: Tone) => out.push({ text: truncate(text, width), tone });
  switch (q.kind) {
    case 'check':
      line(`Check (${q.section}): ${q.text}`, 'warning');
      if (q.live) line(`live check ${q.live.ok ? '✔' : '✘'} ${q.live.detail} — your call`, q.live.ok ? 'ok' : 'critical');
      line('y tick · n refuse (type why, Enter)', 'muted');
      break;
    case 'manual':
      line(`${q.interactive ? 'Run by hand' : 'Do'} (step ${q.step}): ${q.text.split('\n')[0]}`, 'warning');
      line('y done · n skip (type why, Enter)', 'muted');
      break;
    case 'branch':
      line(`Step ${q.step}: ${q.text} y / n`, 'warning');
      for (const c of q.commands) line(`    ${c.split('\n')[0]}`, 'muted');
      line('y run it · n pass it over (the default)', 'muted');
      break;
    case 'choice':
      line(
        `Step ${q.step}: which of these? (one or more; ${q.preselected.length ? 'preselected from the parameter or alert' : 'none preselected'})`,
        'warning',
      );
      line('↑ ↓ move · Enter or 1–9 tick / untick · Enter on "run" to go on', 'muted');
      break;
    case 'rerun':
      line(`Step ${q.step} was interrupted while running: ${q.command.split('\n')[0]} (started ${q.startedAt})`, 'critical');
      line('It may have done part of its work. Run the step again? y / n (n stops the run here)', 'muted');
      break;
    case 'failed':
      line(`Step ${q.step} failed: ${q.problem}`, 'critical');
      line(`    ${q.command.split('\n')[0]}`, 'muted');
      line('y retry (the failed command and the rest) · n skip the step (type why, Enter) · A abort the run', 'muted');
      break;
  }
  return out;
}

const mark: Record<string, string> = { pending: ' ', running: '▶', done: '✔', failed: '✘', refused: '⊘', stopped: '■', declined: '■', skipped: '↷' };
const stateTone: Record<string, Tone> = { done: 'ok', failed: 'critical', refused: 'warning', stopped: 'warning', declined: 'warning', running: 'title' };

/**
 * The runner view: step list with states, then the tail of the output that
 * fits. Elapsed time comes from `now`, which the App ticks about once a
 * second — no spinner timer of our own.
 */
export function runLines(s: SessionState, now: number, width: number, height: number): Line[] {
  const head: Line[] = [
    {
      text: truncate(
        `${s.procedure} on ${s.host} · ${s.status}${s.runId ? ` · run ${s.runId}` : ''} · ${formatAge(now - s.startedAt)}${s.stepStartedAt ? ` (step ${formatAge(now - s.stepStartedAt)})` : ''}${s.timer ? ` · recovery ${formatAge((s.timer.stoppedAt ?? now) - s.timer.startedAt)}${s.timer.stoppedAt ? ' (stopped)' : ''}` : ''}`,
        width,
      ),
      tone: s.status === 'failed' || s.status === 'error' ? 'critical' : 'title',
    },
  ];
  const steps: Line[] = s.steps.map((x) => ({
    text: truncate(` ${mark[x.state] ?? '?'} ${x.number}. ${x.title}${x.reason ? ` — ${x.reason}` : ''}`, width),
    tone: stateTone[x.state] ?? 'muted',
  }));
  // Keep the current step in view when the list is long: a window around it.
  const maxSteps = Math.max(1, Math.floor(height / 3));
  const cur = s.current ?? s.steps.findIndex((x) => x.state === 'pending');
  const from = Math.max(0, Math.min((cur < 0 ? s.steps.length : cur) - Math.floor(maxSteps / 2), s.steps.length - maxSteps));
  const shownSteps = steps.slice(from, from + maxSteps);
  const tail: Line[] = [];
  if (s.message) tail.push({ text: truncate(s.message, width), tone: s.status === 'completed' ? 'ok' : 'warning' });
  if (s.question) tail.push(...questionLines(s.question, width));
  const room = Math.max(0, height - head.length - shownSteps.length - tail.length - 1);
  const out: Line[] = s.lines.slice(-room).map((t) => ({ text: truncate(`  ${t}`, width), tone: 'muted' as Tone }));
  return [...head, ...shownSteps, { text: '─'.repeat(Math.min(width, 40)), tone: 'muted' }, ...out, ...tail];
}
