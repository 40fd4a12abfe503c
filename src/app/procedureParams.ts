/**
 * Starting a run from the procedures view: its parameters asked one by one
 * on the input line (checked as typed; a backup file offered from the host's
 * folder), a past run resumed with the values its journal kept, then the
 * RunSession started and put on the runs service's stack.
 */
import type { Procedure } from '../services/procedures/model';
import { isSecretParam } from '../services/procedures/paramTypes';
import { checkParams } from '../services/procedures/runner/params';
import type { RunSummary } from '../services/procedures/runner/journal';
import { REDACTED, redactText } from '../services/procedures/runner/redact';
import { go, proceduresUi, say, type ProceduresContext } from './proceduresContext';
import { startSession } from './procedureRuns';

/** Starts the run, or says why not. */
export function start(c: ProceduresContext, p: Procedure, values: Record<string, string>, resume?: RunSummary, onTopOf?: string): void {
  const pr = c.props;
  if (!pr) return say(c, 'no host selected', 'error');
  const u = c.getUi();
  const opened = u.procedures.alert;
  const alert = opened?.procedure === p.id ? opened.text : undefined;
  const s = startSession(pr, resume?.header.host ?? onTopOf ?? u.host, p, values, c.confirm, resume, {
    ...(values.service_name ? { service: values.service_name } : {}),
    ...(alert ? { alert } : {}),
  });
  if (typeof s === 'string') return say(c, s, 'error');
  c.runs.add(s, onTopOf !== undefined);
  go(c, { type: 'reset', mode: 'run' });
  void s.done.then(() => c.runs.listPast(pr.stateDir));
}

/** Asks the next parameter on the input line, with the host's backup files when it takes one. */
function askNext(c: ProceduresContext): void {
  const u = c.getUi();
  const a = u.procedures.asking!;
  const p = c.procs.find((x) => x.id === a.procedure)!;
  const name = a.left[0]!;
  const param = p.parameters.find((x) => x.name === name)!;
  const host = a.onTopOf ?? u.host;
  const pr = c.props;
  const choices = param.type === 'service' && host ? pr?.servicesOf?.(host) : undefined;
  const secret = isSecretParam(name, param.type);
  say(c, `${p.id}: [${name}] (${param.type}${secret ? ', masked as typed' : ''})${choices ? ` — one of: ${choices.join(', ')}` : ''}`);
  c.dispatch({ type: 'openInput', kind: 'param', secret });
  const dir = pr?.configs.find((x) => x.name === host)?.backups.dir;
  if (param.type === 'backup-file' && host && pr?.backupsOf && dir) {
    proceduresUi(c, { type: 'pick', pick: { procedure: p.id, param: name, dir, files: [], sel: -1, loading: true, error: null } });
    // A late answer for a parameter no longer asked is dropped (the reducer's 'picked').
    pr.backupsOf(host).then(
      (files) => proceduresUi(c, { type: 'picked', procedure: p.id, param: name, files }),
      (e: unknown) => proceduresUi(c, { type: 'picked', procedure: p.id, param: name, error: e instanceof Error ? e.message : String(e) }),
    );
  } else proceduresUi(c, { type: 'pick', pick: null });
}

/** A run of `p` (on top of the run shown when started from its links): its parameters first. */
export function begin(c: ProceduresContext, p: Procedure, onTopOf?: string): void {
  const cur = c.runs.running();
  if (!onTopOf && cur) return say(c, `a run of ${cur.procedure} is in progress`, 'error');
  if (p.parameters.length === 0) return start(c, p, {}, undefined, onTopOf);
  proceduresUi(c, { type: 'ask', asking: { procedure: p.id, left: p.parameters.map((x) => x.name), values: {}, ...(onTopOf ? { onTopOf } : {}) } });
  askNext(c);
}

/** `:resume RUN_ID`: the run's procedure again, its kept values carried over. */
export function resume(c: ProceduresContext, runId: string): void {
  const cur = c.runs.running();
  if (cur) return say(c, `a run of ${cur.procedure} is in progress`, 'error');
  const old = c.runs.readRun(c.props!.stateDir, runId);
  if (typeof old === 'string') return say(c, old, 'error');
  const p = c.procs.find((x) => x.id === old.header.procedure.id);
  if (!p) return say(c, `run ${old.header.runId} followed ${old.header.procedure.id}, which this library lacks`, 'error');
  go(c, { type: 'select', sel: c.procs.indexOf(p) });
  // Kept values carry over; secrets were never journalled, so they are asked again.
  const values = Object.fromEntries(Object.entries(old.header.params).filter(([, v]) => v !== REDACTED));
  const left = p.parameters.map((x) => x.name).filter((name) => values[name] === undefined);
  if (!left.length) return start(c, p, values, old);
  proceduresUi(c, { type: 'ask', asking: { procedure: p.id, left, values, resume: old } });
  askNext(c);
}

/** The value typed for the parameter asked: checked, then the next parameter, or the run. */
export function submitParam(c: ProceduresContext, text: string): void {
  const u = c.getUi();
  const a = u.procedures.asking;
  if (!a) return;
  const p = c.procs.find((x) => x.id === a.procedure)!;
  const name = a.left[0]!;
  const pr = c.props;
  const cfg = pr?.configs.find((x) => x.name === (a.onTopOf ?? u.host));
  const services = cfg ? pr?.servicesOf?.(cfg.name) : undefined;
  const check = checkParams(p, { [name]: text }, { backupsDir: cfg?.backups.dir, ...(services ? { services } : {}) });
  if (check.problems.length) {
    const param = p.parameters.find((x) => x.name === name);
    const secret = param ? isSecretParam(name, param.type) : false;
    // A secret's value never reaches the screen, even inside a problem.
    say(c, secret ? check.problems.map((m) => redactText(m, { [name]: text }, () => true)).join('; ') : check.problems.join('; '), 'error');
    return c.dispatch({ type: 'openInput', kind: 'param', secret });
  }
  proceduresUi(c, { type: 'answered', value: check.values[name]! });
  proceduresUi(c, { type: 'pick', pick: null });
  const next = c.getUi().procedures.asking!;
  if (next.left.length) return askNext(c);
  proceduresUi(c, { type: 'ask', asking: null });
  start(c, p, { ...next.values }, next.resume, next.onTopOf);
}

/** ↑/↓ on the input line of a backup-file parameter: the next file (by ±1), put on the line. */
export function movePick(c: ProceduresContext, by: number): void {
  const k = c.getUi().procedures.pick;
  if (!k || !k.files.length) return;
  const sel = Math.max(0, Math.min(k.files.length - 1, k.sel + by));
  c.dispatch([
    { type: 'procedures', event: { type: 'pick', pick: { ...k, sel } } },
    { type: 'edit', op: 'clear' },
    { type: 'edit', op: 'insert', text: k.files[sel]!.name },
  ]);
}
