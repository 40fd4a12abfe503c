/**
 * The procedures part of App (like useAlertsView): where the screen is
 * (the UI store's proceduresUi), the runs on the selected host (ProcedureRuns, a service of RunSessions; a procedure
 * opened from a run's links may be started on top of it, the run below kept
 * waiting), parameters asked one by one on the input line, confirmations
 * through the App's modal, the done / skip-because answers, past runs and
 * their reports (read from the journals: the I/O is here, not in the screen).
 */
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { inertStrings } from '../services/inertText';
import type { Procedure } from '../services/procedures/model';
import { checkParams } from '../services/procedures/runner/params';
import { readRun, type RunSummary } from '../services/procedures/runner/journal';
import { REDACTED, redactText } from '../services/procedures/runner/redact';
import { isSecretParam } from '../services/procedures/paramTypes';
import type { SessionState } from '../services/procedures/runner/RunSession';
import type { Confirm } from '../screens/confirm';
import { ProceduresScreen, viewExtent, type PastRun, type ProceduresScreenProps } from '../screens/ProceduresScreen';
import type { ProceduresProps } from './proceduresProps';
import { useBackupPick } from './useBackupPick';

export type { ProceduresProps };
import { pastRuns, reportOf, startSession } from './procedureRuns';
import { canGoBack, type NavEvent } from '../screens/proceduresNav';
import type { ReasonFor } from '../screens/proceduresUi';
import { ProcedureRuns } from '../services/procedures/runner/ProcedureRuns';
import { parseOverride } from '../screens/overrideInput';
import type { ProceduresEffect } from '../screens/proceduresIntents';
import type { UiEvent, UiState } from '../screens/uiStore';

export interface ProceduresView {
  run: (e: ProceduresEffect) => void;
  /** A select list on screen takes the keys itself (the run's choice of alternatives). */
  capturesKeys: () => boolean;
  /** Open the screen at a procedure (the alerts screen's P); the alert's words preselect the alternatives of a run of it. */
  show: (id: string, alert?: string) => boolean;
  screen: (p: { height: number; width: number }) => React.JSX.Element;
}

// Without a run the hook still needs a store to read.
const EMPTY: StoreApi<SessionState | null> = createStore<SessionState | null>()(() => null);

interface Asking {
  p: Procedure;
  left: string[];
  values: Record<string, string>;
  resume?: RunSummary;
  /** Started from a run's links: on that run's host, on top of it. */
  onTopOf?: string;
}

export function useProceduresView(
  props: ProceduresProps | undefined,
  ui: UiState,
  now: number,
  color: boolean,
  confirm: Confirm,
  dispatch: (e: UiEvent | readonly UiEvent[]) => void,
  /** The UI state as the last key left it (uiStore's get): two keys in one write (a paste, a fast typist) see each other's move. */
  getUi: () => UiState = () => ui,
): ProceduresView {
  const procs: readonly Procedure[] = props?.library.procedures ?? [];
  const nav = ui.procedures.nav;
  const nowNav = useCallback(() => getUiRef.current().procedures.nav, []);
  const go = useCallback((e: NavEvent) => dispatch({ type: 'procedures', event: { type: 'nav', event: e } }), [dispatch]);
  const setReasonFor = useCallback((what: ReasonFor) => dispatch({ type: 'procedures', event: { type: 'reasonFor', what } }), [dispatch]);
  // The runs, owned by their service (the wiring's; a view of its own when none is given): the one shown last,
  // those below wait where they were (a run started from a link sits on top).
  const [ownRuns] = useState(() => new ProcedureRuns());
  const procRuns = props?.runs ?? ownRuns;
  const sessions = useStore(procRuns.store, (st) => st.sessions);
  const session = sessions.at(-1) ?? null;
  const [runs, setRuns] = useState<PastRun[]>([]);
  const [report, setReport] = useState<{ runId: string; text: string } | null>(null);
  const [linked, setLinked] = useState<Procedure | null>(null);
  const bp = useBackupPick(dispatch);
  const asking = useRef<Asking | null>(null);
  const size = useRef({ height: 20, width: 80 });
  const state = useStore((session?.store ?? EMPTY) as StoreApi<SessionState | null>, (s) => s);
  const say = useCallback((text: string, level: 'info' | 'error' = 'info') => dispatch({ type: 'message', text, level }), [dispatch]);
  const loading = props?.loading ?? false;
  const wanted = ui.screen === 'procedures' || (ui.screen === 'alerts' && ui.alertView === 'procedure');
  useEffect(() => {
    if (wanted && props?.loading) props.load?.();
  }, [wanted, props]);
  const refs = useRef({ procs, ui, props, session, sessions, confirm, runs, report, linked });
  refs.current = { procs, ui, props, session, sessions, confirm, runs, report, linked };
  const getUiRef = useRef(getUi);
  getUiRef.current = getUi;

  const askNext = useCallback(() => {
    const a = asking.current!;
    const name = a.left[0]!;
    const param = a.p.parameters.find((x) => x.name === name)!;
    const host = a.onTopOf ?? refs.current.ui.host;
    const choices = param.type === 'service' && host ? refs.current.props?.servicesOf?.(host) : undefined;
    const secret = isSecretParam(name, param.type);
    say(`${a.p.id}: [${name}] (${param.type}${secret ? ', masked as typed' : ''})${choices ? ` — one of: ${choices.join(', ')}` : ''}`);
    dispatch({ type: 'openInput', kind: 'param', secret });
    const pr = refs.current.props;
    const dir = pr?.configs.find((c) => c.name === host)?.backups.dir;
    if (param.type === 'backup-file' && host && pr?.backupsOf && dir) bp.open(a.p.id, name, host, dir, pr.backupsOf);
    else bp.close();
  }, [dispatch, say, bp]);

  const start = useCallback(
    (p: Procedure, values: Record<string, string>, resume?: RunSummary, onTopOf?: string) => {
      const { props: pr, ui: u, confirm: ask } = refs.current;
      if (!pr) return say('no host selected', 'error');
      const opened = getUiRef.current().procedures.alert;
      const alert = opened?.procedure === p.id ? opened.text : undefined;
      const s = startSession(pr, resume?.header.host ?? onTopOf ?? u.host, p, values, ask, resume, {
        ...(values.service_name ? { service: values.service_name } : {}),
        ...(alert ? { alert } : {}),
      });
      if (typeof s === 'string') return say(s, 'error');
      procRuns.add(s, onTopOf !== undefined);
      go({ type: 'reset', mode: 'run' });
      void s.done.then(() => setRuns(pastRuns(pr.stateDir)));
    },
    [say, go, procRuns],
  );

  const begin = useCallback(
    (p: Procedure, onTopOf?: string) => {
      const cur = procRuns.running();
      if (!onTopOf && cur) return say(`a run of ${cur.procedure} is in progress`, 'error');
      if (p.parameters.length === 0) return start(p, {}, undefined, onTopOf);
      asking.current = { p, left: p.parameters.map((x) => x.name), values: {}, ...(onTopOf ? { onTopOf } : {}) };
      askNext();
    },
    [askNext, say, start],
  );

  const openReport = useCallback(
    (runId: string) => {
      try {
        setReport({ runId, text: reportOf(refs.current.props!.stateDir, runId) });
        go({ type: 'go', mode: 'report' });
      } catch (err) {
        say((err as Error).message, 'error');
      }
    },
    [say],
  );

  // How far the current view moves: the screen's props as last drawn: the movement keys move over what is on screen.
  const drawn = useRef<ProceduresScreenProps | null>(null);
  const extent = (): number => (drawn.current ? viewExtent({ ...drawn.current, nav: nowNav() }) : 0);

  const run = useCallback(
    (e: ProceduresEffect) => {
      const { procs: ps, props: pr, session: s, sessions: ss, runs: rs } = refs.current;
      const n = nowNav();
      const page = Math.max(1, size.current.height - 3);
      const runProc = s ? ps.find((x) => x.id === s.store.getState().procedure) : undefined;
      switch (e.action) {
        case 'down':
        case 'up':
          return go({ type: 'move', by: e.action === 'down' ? 1 : -1, count: extent(), page });
        case 'pageDown':
        case 'pageUp':
          return go({ type: 'move', by: e.action === 'pageDown' ? page : -page, count: extent(), page });
        case 'top':
        case 'bottom':
          return go({ type: 'move', by: e.action, count: extent(), page });
        case 'open':
          if (n.mode === 'list') return go({ type: 'go', mode: 'detail' });
          if (n.mode === 'runs') return rs[n.runSel] ? openReport(rs[n.runSel]!.runId) : undefined;
          if (n.mode === 'links') {
            const l = runProc?.links[n.linkSel];
            const target = l?.procedure ? ps.find((x) => x.id === l.procedure) : undefined;
            if (!l) return;
            if (!target) return say(`${l.text}: #${l.target} is not in the library (unresolved)`, 'error');
            setLinked(target);
            return go({ type: 'go', mode: 'linked' });
          }
          // The run view's Enter shows the library with the way back to the run (Esc).
          if (n.mode === 'run') return go({ type: 'go', mode: 'list' });
          return go(canGoBack(n) ? { type: 'back' } : { type: 'reset', mode: 'list' });
        case 'back':
          if (canGoBack(n)) return go({ type: 'back' });
          if (n.mode === 'run' && ss.length > 1) {
            const cur = s!.store.getState();
            if (cur.status === 'running')
              return say(
                `the run of ${cur.procedure} is in progress: finish it (answer or skip its questions), then Esc returns to ${ss.at(-2)!.store.getState().procedure}`,
                'error',
              );
            return procRuns.pop();
          }
          // Nowhere to return within the screen (the library, or a procedure opened from an alert): the previous screen.
          return dispatch({ type: 'back' });
        case 'showRuns':
          if (n.mode === 'runs') return go(canGoBack(n) ? { type: 'back' } : { type: 'reset', mode: 'list' });
          if (pr) setRuns(pastRuns(pr.stateDir));
          return go({ type: 'go', mode: 'runs' });
        case 'showReport': {
          if (n.mode === 'runs') return rs[n.runSel] ? openReport(rs[n.runSel]!.runId) : undefined;
          const id = s?.store.getState().runId;
          if (n.mode !== 'run' || !id) return say('R: the report of the run shown (none yet)', 'error');
          return openReport(id);
        }
        case 'showLinks':
          if (n.mode !== 'run' || !s) return;
          if (!runProc?.links.length) return say(`${s.store.getState().procedure} has no links`, 'error');
          return go({ type: 'go', mode: 'links' });
        case 'startRun': {
          if (n.mode === 'linked' && refs.current.linked && s) return begin(refs.current.linked, s.store.getState().host);
          const p = e.text ? ps.find((x) => x.id.toLowerCase() === e.text!.toLowerCase()) : ps[n.sel];
          if (!p) return say(`unknown procedure ${JSON.stringify(e.text)}`, 'error');
          go({ type: 'select', sel: ps.indexOf(p) });
          return begin(p);
        }
        case 'resume': {
          const cur = procRuns.running();
          if (cur) return say(`a run of ${cur.procedure} is in progress`, 'error');
          let old: RunSummary;
          try {
            old = readRun(pr!.stateDir, e.text ?? '');
          } catch (err) {
            return say((err as Error).message, 'error');
          }
          const p = ps.find((x) => x.id === old.header.procedure.id);
          if (!p) return say(`run ${old.header.runId} followed ${old.header.procedure.id}, which this library lacks`, 'error');
          go({ type: 'select', sel: ps.indexOf(p) });
          // Kept values carry over; secrets were never journalled, so they are asked again.
          const values = Object.fromEntries(Object.entries(old.header.params).filter(([, v]) => v !== REDACTED));
          const left = p.parameters.map((x) => x.name).filter((name) => values[name] === undefined);
          if (!left.length) return start(p, values, old);
          asking.current = { p, left, values, resume: old };
          return askNext();
        }
        case 'recoveryTimer':
          if (n.mode === 'run' && s) say(s.toggleTimer());
          return;
        case 'answerYes': {
          const q = n.mode === 'run' ? s?.store.getState().question : null;
          if (!s || !q) return;
          if (q.kind === 'branch' || q.kind === 'rerun') return void s.replyBranch(true);
          if (q.kind === 'failed') return void s.replyFailure({ action: 'retry' });
          if (q.kind === 'manual' || q.kind === 'check') return void s.reply({ done: true });
          return;
        }
        case 'answerNo': {
          const q = n.mode === 'run' ? s?.store.getState().question : null;
          if (!s || !q) return;
          if (q.kind === 'branch' || q.kind === 'rerun') return void s.replyBranch(false);
          if (q.kind === 'choice') return;
          setReasonFor(q.kind === 'failed' ? 'skipFailure' : 'answer');
          if (q.kind === 'failed') say(`skip step ${q.step}: why?`);
          return dispatch({ type: 'openInput', kind: 'reason' });
        }
        case 'abortRun':
          if (n.mode === 'run' && s?.store.getState().question?.kind === 'failed') s.replyFailure({ action: 'abort' });
          else say('A aborts the run when a step has failed', 'error');
          return;
        case 'stopCommand':
          if (n.mode === 'run' && s) say(s.stopCurrentCommand());
          return;
        case 'overrideCheck': {
          if (n.mode !== 'run' || !s) return;
          const live = s.store.getState().checks.filter((c) => c.by === 'live-check' && c.status === 'ticked');
          if (!live.length) return say('O overrides a checklist item a live check ticked: none so far', 'error');
          setReasonFor('override');
          say(
            live.length === 1
              ? `override "${live[0]!.text}": why?`
              : `override which live tick? type its number, then why: ${live.map((c) => `${c.index + 1} ${c.text}`).join(' · ')}`,
          );
          return dispatch({ type: 'openInput', kind: 'reason' });
        }
        case 'pick':
          return bp.move(Number(e.text ?? 1));
        case 'submit': {
          const reasonFor = getUiRef.current().procedures.reasonFor;
          if (e.input === 'reason' && reasonFor === 'override') {
            setReasonFor('answer');
            const live = s?.store.getState().checks.filter((c) => c.by === 'live-check' && c.status === 'ticked') ?? [];
            const o = parseOverride(e.text ?? '', live);
            if (!o.ok) return say(o.problem, 'error');
            const done = s!.override(o.index, o.reason);
            return say(done ?? `overridden: ${live.find((c) => c.index === o.index)?.text}`, done ? 'error' : 'info');
          }
          if (e.input === 'reason' && reasonFor === 'skipFailure') {
            setReasonFor('answer');
            if (!s?.replyFailure({ action: 'skip', reason: e.text ?? '' })) say('skipping a failed step needs a reason: n, then type why', 'error');
            return;
          }
          if (e.input === 'reason') {
            if (!s?.reply({ done: false, reason: e.text ?? '' })) say('a skip needs a reason: n, then type why', 'error');
            return;
          }
          const a = asking.current;
          if (!a) return;
          const name = a.left[0]!;
          const cfg = pr?.configs.find((c) => c.name === (a.onTopOf ?? refs.current.ui.host));
          const services = cfg ? pr?.servicesOf?.(cfg.name) : undefined;
          const check = checkParams(a.p, { [name]: e.text ?? '' }, { backupsDir: cfg?.backups.dir, ...(services ? { services } : {}) });
          if (check.problems.length) {
            const p = a.p.parameters.find((x) => x.name === name);
            const secret = p ? isSecretParam(name, p.type) : false;
            // A secret's value never reaches the screen, even inside a problem.
            say(secret ? check.problems.map((m) => redactText(m, { [name]: e.text ?? '' }, () => true)).join('; ') : check.problems.join('; '), 'error');
            return dispatch({ type: 'openInput', kind: 'param', secret });
          }
          a.values[name] = check.values[name]!;
          a.left.shift();
          bp.close();
          if (a.left.length) return askNext();
          asking.current = null;
          return start(a.p, a.values, a.resume, a.onTopOf);
        }
      }
    },
    [askNext, begin, bp, dispatch, openReport, say, start],
  );

  const show = useCallback((id: string, alert?: string) => {
    const i = refs.current.procs.findIndex((p) => p.id === id);
    if (i < 0) return false;
    dispatch({ type: 'procedures', event: { type: 'openedFrom', alert: alert ? { procedure: id, text: alert } : null } });
    go({ type: 'select', sel: i });
    go({ type: 'reset', mode: 'detail' });
    return true;
  }, []);

  // A run that finished while another screen was shown still says so.
  useEffect(() => {
    if (state && state.status !== 'running' && ui.screen !== 'procedures')
      say(`${state.procedure}: ${state.status} — ${state.message}`, state.status === 'completed' ? 'info' : 'error');
  }, [state?.status]); // eslint-disable-line react-hooks/exhaustive-deps

  const onChoose = useCallback((picked: number[]) => {
    refs.current.session?.replyChoice(picked);
  }, []);
  const parents = useMemo(() => sessions.slice(0, -1).map((x) => x.store.getState().procedure), [sessions]);
  const links = useMemo(() => (state ? (procs.find((x) => x.id === state.procedure)?.links ?? []) : []), [procs, state?.procedure]); // eslint-disable-line react-hooks/exhaustive-deps
  // The library's text and past runs' output, as drawn: inert (the procedures themselves stay as written: they run).
  const shownProcs = useMemo(() => inertStrings(procs), [procs]);
  const screen = useMemo(
    () => (p: { height: number; width: number }) => {
      size.current = p;
      const n = (nav.mode === 'run' || nav.mode === 'links' || nav.mode === 'linked') && !state ? { ...nav, mode: 'list' as const } : nav;
      const props: ProceduresScreenProps = {
        loading,
        procedures: procs,
        nav: n,
        session: state,
        parents,
        runs,
        report,
        links,
        linked,
        pick: ui.input?.kind === 'param' ? bp.pick : null,
        host: ui.host,
        now,
        height: p.height,
        width: p.width,
        color,
        onChoose,
      };
      drawn.current = props;
      const {
        runs: r,
        report: rep,
        links: l,
        linked: ln,
        pick,
      } = inertStrings({ runs: props.runs, report: props.report, links: props.links, linked: props.linked, pick: props.pick });
      return <ProceduresScreen {...props} procedures={shownProcs} runs={r} report={rep} links={l} linked={ln} pick={pick} />;
    },
    [loading, procs, shownProcs, nav, state, parents, runs, report, links, linked, bp.pick, ui.input?.kind, ui.host, now, color, onChoose],
  );
  const capturesKeys = useCallback(() => {
    const { ui: u, session: s } = refs.current;
    return u.screen === 'procedures' && !u.input && u.overlay !== 'help' && nowNav().mode === 'run' && s?.store.getState().question?.kind === 'choice';
  }, []);
  return { run, show, screen, capturesKeys };
}
