/**
 * The Procedures screen: the library (ID, category, risk, title), one
 * procedure's steps, a run in progress, past runs. Draws what it is given;
 * the procedures view (src/app/useProceduresView.tsx) owns state and runs.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { Procedure } from '../services/procedures/model';
import type { SessionState } from '../services/procedures/runner/RunSession';
import { detailLines, libraryLines, runLines, type Line, type Tone } from './procedureLines';
import { truncate } from './format';

export type ProceduresMode = 'list' | 'detail' | 'run' | 'runs';

export interface PastRun {
  runId: string;
  procedure: string;
  host: string;
  status: string;
  startedAt: string;
}

export interface ProceduresScreenProps {
  procedures: readonly Procedure[];
  selected: number;
  mode: ProceduresMode;
  session: SessionState | null;
  runs: readonly PastRun[];
  host: string | null;
  now: number;
  height: number;
  width: number;
  color: boolean;
}

const COLORS: Record<Tone, string | undefined> = { normal: undefined, muted: 'gray', warning: 'yellow', critical: 'red', ok: 'green', title: 'cyan' };

/** The rows around the selection that fit. */
function windowed(lines: Line[], sel: number, height: number): { lines: Line[]; offset: number } {
  const h = Math.max(1, height);
  const offset = Math.max(0, Math.min(sel - Math.floor(h / 2), lines.length - h));
  return { lines: lines.slice(offset, offset + h), offset };
}

export function ProceduresScreen(p: ProceduresScreenProps): React.JSX.Element {
  if (p.height <= 0) return <></>;
  const bodyH = Math.max(0, p.height - 1);
  let header: string;
  let lines: Line[];
  let sel = -1;
  if (p.mode === 'run' && p.session) {
    header = 'run · y done/tick · n skip/refuse with a reason · Enter back to the library';
    lines = runLines(p.session, p.now, p.width, bodyH);
  } else if (p.mode === 'detail' && p.procedures[p.selected]) {
    header = `x run on ${p.host ?? '(no host)'} · Enter back`;
    lines = detailLines(p.procedures[p.selected]!, p.width);
  } else if (p.mode === 'runs') {
    header = 'past runs (riskctl runs RUN_ID for a report) · v back';
    lines = p.runs.length ? p.runs.map((r) => ({ text: truncate(`${r.startedAt.slice(0, 19)}  ${r.procedure.padEnd(7)} ${r.host.padEnd(12)} ${r.status.padEnd(11)} ${r.runId}`, p.width), tone: r.status === 'completed' ? 'ok' : r.status === 'failed' ? 'critical' : 'muted' })) : [{ text: 'no runs yet', tone: 'muted' }];
  } else {
    header = `${p.procedures.length} procedures · Enter details · x run on ${p.host ?? '(no host)'} · v past runs${p.session ? ` · run ${p.session.procedure}: ${p.session.status}` : ''}`;
    lines = libraryLines(p.procedures, p.width - 2);
    sel = p.selected;
  }
  const win = sel >= 0 ? windowed(lines, sel, bodyH) : { lines: lines.slice(0, bodyH), offset: 0 };
  return (
    <Box flexDirection="column" height={p.height} overflow="hidden">
      <Text color={p.color ? 'gray' : undefined} wrap="truncate">
        {truncate(header, p.width)}
      </Text>
      {win.lines.map((l, i) => {
        const selected = sel >= 0 && i + win.offset === sel;
        return (
          <Text key={i} wrap="truncate" inverse={selected} bold={l.tone === 'title'} color={p.color ? COLORS[l.tone] : undefined}>
            {sel >= 0 ? (selected ? '> ' : '  ') : ''}
            {l.text}
          </Text>
        );
      })}
    </Box>
  );
}
