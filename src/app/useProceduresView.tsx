/**
 * The procedures part of App (like useAlertsView): the library selection,
 * which view is shown, the run on the selected host (RunSession), its
 * parameters asked one by one on the input line, confirmations through the
 * App's modal, and the done / skip-because answers.
 */
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Host } from '../hosts/Host';
import { isProduction, type HostConfig } from '../hosts/HostConfig';
import type { Library, Procedure } from '../services/procedures/model';
import { checkParams } from '../services/procedures/runner/params';
import { listRuns, readRun, type RunSummary } from '../services/procedures/runner/journal';
import { REDACTED } from '../services/procedures/runner/redact';
import { RunSession, type SessionState } from '../services/procedures/runner/RunSession';
import type { Confirm } from '../screens/confirm';
import { ProceduresScreen, type PastRun, type ProceduresMode } from '../screens/ProceduresScreen';
import type { ProceduresEffect } from '../screens/proceduresIntents';
import type { UiEvent, UiState } from '../screens/uiStore';

export interface ProceduresProps {
  library: Library;
  hosts: Map<string, Host>;
  configs: HostConfig[];
  stateDir: string;
  readOnly: boolean;
  /** The platform folder each step starts in. */
  cwd?: string;
  /** The host's compose services as last read (a `service` parameter is one of them); undefined when unknown. */
  servicesOf?: (host: string) => string[] | undefined;
}

export interface ProceduresView {
  run: (e: ProceduresEffect) => void;
  /** Open the screen at a procedure (the alerts screen's P). */
  show: (id: string) => boolean;
  screen: (p: { height: number; width: number }) => React.JSX.Element;
}

// Without a run the hook still needs a store to read.
const EMPTY: StoreApi<SessionState | null> = createStore<SessionState | null>()(() => null);

export function useProceduresView(props: ProceduresProps | undefined, ui: UiState, now: number, color: boolean, confirm: Confirm, dispatch: (e: UiEvent | readonly UiEvent[]) => void): ProceduresView {
  const procs: readonly Procedure[] = props?.library.procedures ?? [];
  const [sel, setSel] = useState(0);
  const [mode, setMode] = useState<ProceduresMode>('list');
  const [session, setSession] = useState<RunSession | null>(null);
  const [runs, setRuns] = useState<PastRun[]>([]);
  // Parameters being asked: the procedure, the names left, the values so far.
  const asking = useRef<{ p: Procedure; left: string[]; values: Record<string, string>; resume?: RunSummary } | null>(null);
  const state = useStore((session?.store ?? EMPTY) as StoreApi<SessionState | null>, (s) => s);
  const say = useCallback((text: string, level: 'info' | 'error' = 'info') => dispatch({ type: 'message', text, level }), [dispatch]);
  const refs = useRef({ procs, sel, ui, props, session, confirm, mode });
  refs.current = { procs, sel, ui, props, session, confirm, mode };

  const askNext = useCallback(() => {
    const a = asking.current!;
    const name = a.left[0]!;
    const param = a.p.parameters.find((x) => x.name === name)!;
    const host = refs.current.ui.host;
    const choices = param.type === 'service' && host ? refs.current.props?.servicesOf?.(host) : undefined;
    say(`${a.p.id}: [${name}] (${param.type})${choices ? ` — one of: ${choices.join(', ')}` : ''}`);
    dispatch({ type: 'openInput', kind: 'param' });
  }, [dispatch, say]);

  const start = useCallback(
    (p: Procedure, values: Record<string, string>, resume?: RunSummary) => {
      const { props: pr, ui: u, confirm: ask } = refs.current;
      const hostName = resume?.header.host ?? u.host;
      const cfg = pr?.configs.find((c) => c.name === hostName);
      const host = hostName ? pr?.hosts.get(hostName) : undefined;
      if (!pr || !cfg || !host) return say('no host selected', 'error');
      const production = isProduction(cfg);
      const s = new RunSession({
        procedure: p,
        host,
        production,
        postgres: cfg.postgres,
        values,
        stateDir: pr.stateDir,
        cwd: cfg.platformDir ?? pr.cwd,
        readOnly: pr.readOnly,
        resume,
        confirm: (req) => ask({ title: `Step ${req.step.number}. ${req.step.title}`, detail: req.commands.map((c) => c.split('\n')[0]).join(' ; '), risk: req.risk, host: req.host, production }),
      });
      setSession(s);
      setMode('run');
      void s.done.then(() => setRuns(listRuns(pr.stateDir).slice(0, 50).map((r) => ({ runId: r.header.runId, procedure: r.header.procedure.id, host: r.header.host, status: r.status, startedAt: r.header.startedAt }))));
    },
    [say],
  );

  const begin = useCallback(
    (p: Procedure) => {
      const cur = refs.current.session?.store.getState();
      if (cur && cur.status === 'running') return say(`a run of ${cur.procedure} is in progress`, 'error');
      if (p.parameters.length === 0) return start(p, {});
      asking.current = { p, left: p.parameters.map((x) => x.name), values: {} };
      askNext();
    },
    [askNext, say, start],
  );

  const run = useCallback(
    (e: ProceduresEffect) => {
      const { procs: ps, sel: i, props: pr, session: s, mode: m } = refs.current;
      const move = (to: number) => setSel(Math.max(0, Math.min(ps.length - 1, to)));
      switch (e.action) {
        case 'down':
        case 'up':
          return move(i + (e.action === 'down' ? 1 : -1));
        case 'pageDown':
        case 'pageUp':
          return move(i + (e.action === 'pageDown' ? 10 : -10));
        case 'top':
        case 'bottom':
          return move(e.action === 'top' ? 0 : ps.length - 1);
        case 'open':
          return setMode(m === 'list' ? 'detail' : 'list');
        case 'showRuns':
          if (m !== 'runs' && pr) setRuns(listRuns(pr.stateDir).slice(0, 50).map((r) => ({ runId: r.header.runId, procedure: r.header.procedure.id, host: r.header.host, status: r.status, startedAt: r.header.startedAt })));
          return setMode(m === 'runs' ? 'list' : 'runs');
        case 'startRun': {
          const p = e.text ? ps.find((x) => x.id.toLowerCase() === e.text!.toLowerCase()) : ps[i];
          if (!p) return say(`unknown procedure ${JSON.stringify(e.text)}`, 'error');
          setSel(ps.indexOf(p));
          return begin(p);
        }
        case 'resume': {
          const cur = s?.store.getState();
          if (cur && cur.status === 'running') return say(`a run of ${cur.procedure} is in progress`, 'error');
          let old: RunSummary;
          try {
            old = readRun(pr!.stateDir, e.text ?? '');
          } catch (err) {
            return say((err as Error).message, 'error');
          }
          const p = ps.find((x) => x.id === old.header.procedure.id);
          if (!p) return say(`run ${old.header.runId} followed ${old.header.procedure.id}, which this library lacks`, 'error');
          setSel(ps.indexOf(p));
          // Kept values carry over; secrets were never journalled, so they are asked again.
          const values = Object.fromEntries(Object.entries(old.header.params).filter(([, v]) => v !== REDACTED));
          const left = p.parameters.map((x) => x.name).filter((n) => values[n] === undefined);
          if (!left.length) return start(p, values, old);
          asking.current = { p, left, values, resume: old };
          return askNext();
        }
        case 'recoveryTimer':
          if (m === 'run' && s) say(s.toggleTimer());
          return;
        case 'answerYes':
          if (m === 'run' && s?.reply({ done: true })) return;
          return;
        case 'answerNo':
          if (m === 'run' && s?.store.getState().question) dispatch({ type: 'openInput', kind: 'reason' });
          return;
        case 'submit': {
          if (e.input === 'reason') {
            if (!s?.reply({ done: false, reason: e.text ?? '' })) say('a skip needs a reason: n, then type why', 'error');
            return;
          }
          const a = asking.current;
          if (!a) return;
          const name = a.left[0]!;
          const cfg = pr?.configs.find((c) => c.name === refs.current.ui.host);
          const services = cfg ? pr?.servicesOf?.(cfg.name) : undefined;
          const check = checkParams(a.p, { [name]: e.text ?? '' }, { backupsDir: cfg?.backups.dir, ...(services ? { services } : {}) });
          if (check.problems.length) {
            say(check.problems.join('; '), 'error');
            return dispatch({ type: 'openInput', kind: 'param' });
          }
          a.values[name] = check.values[name]!;
          a.left.shift();
          if (a.left.length) return askNext();
          asking.current = null;
          return start(a.p, a.values, a.resume);
        }
      }
    },
    [askNext, begin, dispatch, say, start],
  );

  const show = useCallback((id: string) => {
    const i = refs.current.procs.findIndex((p) => p.id === id);
    if (i < 0) return false;
    setSel(i);
    setMode('detail');
    return true;
  }, []);

  // A run that finished while another screen was shown still says so.
  useEffect(() => {
    if (state && state.status !== 'running' && ui.screen !== 'procedures') say(`${state.procedure}: ${state.status} — ${state.message}`, state.status === 'completed' ? 'info' : 'error');
  }, [state?.status]); // eslint-disable-line react-hooks/exhaustive-deps

  const screen = useMemo(
    () => (p: { height: number; width: number }) => <ProceduresScreen procedures={procs} selected={sel} mode={mode === 'run' && !state ? 'list' : mode} session={state} runs={runs} host={ui.host} now={now} height={p.height} width={p.width} color={color} />,
    [procs, sel, mode, state, runs, ui.host, now, color],
  );
  return { run, show, screen };
}
