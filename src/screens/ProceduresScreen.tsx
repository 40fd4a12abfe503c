/**
 * The Procedures screen: the library (ID, category, risk, title), one
 * procedure's steps, a run in progress, past runs, a run's report, the run's
 * links and a linked procedure. Draws what it is given; the procedures view
 * (src/app/useProceduresView.tsx) reads the UI store and the runs service.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { Procedure } from '../services/procedures/model';
import type { SessionState } from '../services/procedures/runner/RunSession';
import {
  detailLines,
  libraryLines,
  linksLines,
  pickItems,
  pickLines,
  reportLines,
  runLines,
  runsLines,
  type Line,
  type PastRun,
  type PickList,
  type Tone,
} from './procedureLines';
import type { ProceduresNav } from './proceduresNav';
import { truncate } from './format';
import { MultiSelect } from './widgets/MultiSelect';
import { SelectList } from './widgets/SelectList';

export type { ProceduresMode } from './proceduresNav';
export type { PastRun, PickList } from './procedureLines';

export interface ProceduresScreenProps {
  procedures: readonly Procedure[];
  /** The library is being parsed (the first time the screen is opened). */
  loading?: boolean;
  nav: ProceduresNav;
  session: SessionState | null;
  /** Runs started from links, under the one shown (outermost first). */
  parents: readonly string[];
  runs: readonly PastRun[];
  /** The report shown (Markdown), with its run id. */
  report: { runId: string; text: string } | null;
  /** The links of the run's procedure (links view) and the linked procedure opened. */
  links: Procedure['links'];
  linked: Procedure | null;
  /** A parameter being asked with a pick list (backup files), shown over the view. */
  pick: PickList | null;
  host: string | null;
  now: number;
  height: number;
  width: number;
  color: boolean;
  /** The alternatives the operator picked, when the run asks for a choice (the select list under the run). */
  onChoose?: (picked: number[]) => void;
}

/** The run's open choice of alternatives, when the run view shows it. */
function openChoice(p: ProceduresScreenProps) {
  const q = p.session?.question;
  return p.nav.mode === 'run' && !p.pick && q?.kind === 'choice' ? q : null;
}

/** Rows the choice list takes under the run view (its options and the item that runs them). */
export function choiceRows(p: ProceduresScreenProps): number {
  const q = openChoice(p);
  return q ? q.options.length + 1 : 0;
}

const COLORS: Record<Tone, string | undefined> = { normal: undefined, muted: 'gray', warning: 'yellow', critical: 'red', ok: 'green', title: 'cyan' };

/** The rows around the selection that fit. */
function windowed(lines: Line[], sel: number, height: number): { lines: Line[]; offset: number } {
  const h = Math.max(1, height);
  const offset = Math.max(0, Math.min(sel - Math.floor(h / 2), lines.length - h));
  return { lines: lines.slice(offset, offset + h), offset };
}

/** What the current view shows: a header, its lines, the selected row (-1: none) or the scroll offset. */
function view(p: ProceduresScreenProps, bodyH: number): { header: string; lines: Line[]; sel: number; scroll: number } {
  const n = p.nav;
  const w = p.width;
  if (p.pick) {
    const k = p.pick;
    return {
      header: `${k.procedure}: [${k.param}] — a file in ${k.dir} · ↑ ↓ put one on the line, or type it · Enter · Esc`,
      lines: pickLines(k, w),
      sel: -1,
      scroll: 0,
    };
  }
  const via = p.parents.length ? ` · started from ${p.parents.join(' → ')} (Esc back to it when done)` : '';
  if (n.mode === 'run' && p.session) {
    return {
      header: `run · y yes · n no/skip · A abort · S stop the command · t timer · L links · R report · O override a live tick${via}`,
      lines: runLines(p.session, p.now, w, bodyH - choiceRows(p)),
      sel: -1,
      scroll: 0,
    };
  }
  if (n.mode === 'runs') {
    const lines = runsLines(p.runs, w - 2);
    return {
      header: `past runs (${p.runs.length}) · Enter its report · Esc/v back`,
      lines: lines.length ? lines : [{ text: 'no runs yet', tone: 'muted' }],
      sel: lines.length ? n.runSel : -1,
      scroll: 0,
    };
  }
  if (n.mode === 'report') {
    return {
      header: `report of ${p.report?.runId ?? '?'} (as riskctl runs RUN_ID prints it) · j k PgDn PgUp g G scroll · Esc back`,
      lines: p.report ? reportLines(p.report.text, w) : [{ text: 'no report', tone: 'muted' }],
      sel: -1,
      scroll: n.scroll,
    };
  }
  if (n.mode === 'links') {
    const lines = linksLines(p.links, w - 2);
    return {
      header: `links of ${p.session?.procedure ?? 'the run'} · Enter open the linked procedure · Esc back to the run`,
      lines: lines.length ? lines : [{ text: 'this procedure has no links', tone: 'muted' }],
      sel: lines.length ? n.linkSel : -1,
      scroll: 0,
    };
  }
  if (n.mode === 'linked' && p.linked) {
    return {
      header: `linked from the run of ${p.session?.procedure ?? '?'} · x start it on ${p.session?.host ?? p.host ?? '(no host)'} · Esc back to the run`,
      lines: detailLines(p.linked, w),
      sel: -1,
      scroll: n.scroll,
    };
  }
  if (n.mode === 'detail' && p.procedures[n.sel]) {
    return { header: `x run on ${p.host ?? '(no host)'} · j k scroll · Enter back`, lines: detailLines(p.procedures[n.sel]!, w), sel: -1, scroll: n.scroll };
  }
  if (p.loading && p.procedures.length === 0) return { header: 'loading the procedures library…', lines: [], sel: -1, scroll: 0 };
  const run = p.session ? ` · run ${p.session.procedure}: ${p.session.status}${n.from.includes('run') ? ' (Esc back to it)' : ''}` : '';
  return {
    header: `${p.procedures.length} procedures · Enter details · x run on ${p.host ?? '(no host)'} · v past runs${run}`,
    lines: libraryLines(p.procedures, w - 2),
    sel: n.sel,
    scroll: 0,
  };
}

/** Lines past the window: how far a text view scrolls. */
export function scrollMax(lineCount: number, height: number): number {
  return Math.max(0, lineCount - Math.max(1, height - 1));
}

/**
 * How far the view's movement keys go: its rows for a list, the lines past
 * the window for a text (report, a procedure). The same lines the screen draws.
 */
export function viewExtent(p: ProceduresScreenProps): number {
  const bodyH = Math.max(0, p.height - 1);
  const v = view(p, bodyH);
  if (p.nav.mode === 'list' || p.nav.mode === 'runs' || p.nav.mode === 'links') return v.sel >= 0 ? v.lines.length : 0;
  return scrollMax(v.lines.length, p.height);
}

export function ProceduresScreen(p: ProceduresScreenProps): React.JSX.Element {
  if (p.height <= 0) return <></>;
  const choice = openChoice(p);
  // The backup files: a list the input line's ↑/↓ move (it does not read keys itself: typing goes to the line).
  const files = p.pick ? pickItems(p.pick, p.now, p.width) : [];
  const bodyH = Math.max(0, p.height - 1 - choiceRows(p));
  const v = view(p, bodyH);
  const sel = v.sel;
  const win =
    sel >= 0
      ? windowed(v.lines, sel, bodyH)
      : {
          lines: v.lines.slice(Math.min(v.scroll, scrollMax(v.lines.length, p.height)), Math.min(v.scroll, scrollMax(v.lines.length, p.height)) + bodyH),
          offset: 0,
        };
  return (
    <Box flexDirection="column" height={p.height} overflow="hidden">
      <Text color={p.color ? 'gray' : undefined} wrap="truncate">
        {truncate(v.header, p.width)}
      </Text>
      {win.lines.map((l, i) => {
        const selected = sel >= 0 && i + win.offset === sel;
        return (
          <Text key={i} wrap="truncate" inverse={selected} bold={l.tone === 'title'} color={p.color ? COLORS[l.tone] : undefined}>
            {sel >= 0 ? (selected ? '> ' : '  ') : ''}
            {/* An empty Text takes no row: a blank line of a report must still be one. */}
            {l.text || ' '}
          </Text>
        );
      })}
      {files.length && p.pick ? (
        <SelectList items={files} selected={p.pick.files[p.pick.sel]?.name ?? null} isFocused={false} limit={Math.max(1, bodyH)} />
      ) : null}
      {choice ? (
        <MultiSelect
          key={`${choice.step}:${choice.options.map((o) => o.label).join('|')}`}
          options={choice.options.map((o) =>
            truncate(
              `${o.label} — ${o.commands.length} command${o.commands.length === 1 ? '' : 's'}: ${o.commands.map((c) => c.split('\n')[0]).join(' ; ')}`,
              Math.max(10, p.width - 6),
            ),
          )}
          preselected={choice.preselected}
          submitLabel={(n) => (n ? `▶ run the ${n} ticked` : '▶ run none of them')}
          onSubmit={(picked) => p.onChoose?.(picked)}
        />
      ) : null}
    </Box>
  );
}
