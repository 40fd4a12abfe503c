/**
 * Send a signal to one process of a host, and write down what was done. The
 * operator has confirmed on screen (or said no, or --read-only refused):
 * every outcome is audited — who, host, PID, command line, signal, result —
 * before its result is shown.
 *
 * Over SSH one exec does it all: the PID, the signal and the start time the
 * screen read travel as environment values, never as command text. The
 * script checks that the PID still names the process the operator chose
 * (same start time: a PID reused since the reading is not signalled), runs
 * `kill` itself when the process is the SSH user's (or the user is root),
 * else `sudo -n kill`, which fails at once rather than asking for a password.
 * The local host uses process.kill after the same start-time check.
 */
import type { Host } from '../../hosts/Host';
import { refusal } from '../actionGuard';
import type { AuditLog, AuditResult } from '../AuditLog';
import { inertLine } from '../inertText';
import type { ProcessInfo } from './ProcessInfo';
import { parsePidStat } from './parsePidStat';
import { PROCESS_SIGNAL_RISK, type ProcessSignal } from './processSignals';

export interface ProcessSignalRequest {
  host: Host;
  pid: number;
  signal: ProcessSignal;
  /** The process as the screen showed it (user, command line, start time); null when not in the last reading. */
  shown: ProcessInfo | null;
  confirmed: boolean;
  readOnly: boolean;
  audit: AuditLog | null;
  timeoutMs?: number;
}

export interface ProcessSignalResult {
  ok: boolean;
  message: string;
}

/** What the script prints before it ends without signalling, or before it turns to sudo. */
export const SIGNAL_MARK = { gone: '@@riskctl-signal-gone', reused: '@@riskctl-signal-reused', sudo: '@@riskctl-signal-sudo' } as const;

/**
 * Plain POSIX sh (busybox too), one line (any login shell passes it on
 * whole), inside single quotes: no `'` in it. Fields of /proc/PID/stat after
 * the name's last `)`: state is the first, starttime the twentieth; a `shift`
 * past the end would end the shell, hence the count.
 */
const SCRIPT = [
  'p=/proc/$RISKCTL_PID',
  `stat=$(cat "$p/stat" 2>/dev/null) || { echo ${SIGNAL_MARK.gone}; exit 0; }`,
  `if [ -n "$RISKCTL_START" ]; then set -- \${stat##*)}; [ $# -ge 20 ] || { echo ${SIGNAL_MARK.gone}; exit 0; }; shift 19; [ "$1" = "$RISKCTL_START" ] || { echo ${SIGNAL_MARK.reused}; exit 0; }; fi`,
  'me=$(id -u)',
  'owner=$(stat -c %u "$p" 2>/dev/null)',
  `if [ "$me" = 0 ] || [ "$owner" = "$me" ]; then kill -s "$RISKCTL_SIGNAL" "$RISKCTL_PID"; else echo ${SIGNAL_MARK.sudo}; sudo -n kill -s "$RISKCTL_SIGNAL" "$RISKCTL_PID"; fi`,
].join('; ');

export const SIGNAL_COMMAND = `/bin/sh -c '${SCRIPT}'`;

/** Longest command line kept in the audit log: enough to tell the process, bounded per line. */
const AUDIT_COMMAND_CHARS = 400;

/** Who the process was, for the audit line and the messages: its user and command line. */
export function processDetail(p: ProcessInfo | null): string {
  if (!p) return 'not in the last reading';
  const cmd = p.command.length > AUDIT_COMMAND_CHARS ? `${p.command.slice(0, AUDIT_COMMAND_CHARS)}…` : p.command;
  return `${p.user}: ${cmd || '?'}`;
}

export type ScriptOutcome = { result: AuditResult; why: string | null };

/** The remote script's answer in words: null `why` means sent. */
export function scriptOutcome(
  r: { code: number | null; stdout: string; stderr: string; timedOut: boolean },
  at: { host: string; pid: number; user: string | null; timeoutMs: number },
): ScriptOutcome {
  const who = at.user ? ` (${at.user}'s)` : '';
  if (r.stdout.includes(SIGNAL_MARK.reused))
    return { result: 'refused', why: `PID ${at.pid} on ${at.host} is another process now (started after the reading): not signalled` };
  if (r.stdout.includes(SIGNAL_MARK.gone)) return { result: 'failed', why: `process ${at.pid} on ${at.host} is gone (it ended before the signal)` };
  if (r.code === 0) return { result: 'ok', why: null };
  if (r.timedOut) return { result: 'failed', why: `${at.host}: no answer within ${at.timeoutMs / 1000} s` };
  const err = inertLine(r.stderr.trim().split('\n')[0] ?? '');
  if (r.stdout.includes(SIGNAL_MARK.sudo)) {
    if (/password is required|terminal is required|askpass/i.test(r.stderr)) {
      return { result: 'failed', why: `${at.host}: process ${at.pid}${who} is not the SSH user's and sudo needs a password: not signalled` };
    }
    if (r.code === 127 || /sudo: (command )?not found/.test(r.stderr)) {
      return { result: 'failed', why: `${at.host}: process ${at.pid}${who} is not the SSH user's and there is no sudo: not signalled` };
    }
    return { result: 'failed', why: `${at.host}: sudo -n kill ${at.pid} failed: ${err || `exit ${r.code ?? 'killed'}`}` };
  }
  return { result: 'failed', why: `${at.host}: kill ${at.pid} failed: ${err || `exit ${r.code ?? 'killed'}`}` };
}

async function signalOverSsh(r: ProcessSignalRequest, timeoutMs: number): Promise<ScriptOutcome> {
  const env: Record<string, string> = {
    RISKCTL_PID: String(r.pid),
    RISKCTL_SIGNAL: r.signal,
    RISKCTL_START: r.shown?.startTicks === undefined ? '' : String(r.shown.startTicks),
  };
  const out = await r.host.exec(SIGNAL_COMMAND, { env, timeoutMs });
  return scriptOutcome(out, { host: r.host.name, pid: r.pid, user: r.shown?.user ?? null, timeoutMs });
}

async function signalHere(r: ProcessSignalRequest): Promise<ScriptOutcome> {
  if (r.pid === process.pid) return { result: 'refused', why: `process ${r.pid} is riskctl itself: not signalled` };
  const start = r.shown?.startTicks;
  if (start !== undefined) {
    let now: number | undefined;
    try {
      now = parsePidStat((await r.host.readFile(`/proc/${r.pid}/stat`)).toString('utf8')).get(r.pid)?.startTicks;
    } catch {
      now = undefined;
    }
    if (now === undefined) return { result: 'failed', why: `process ${r.pid} on ${r.host.name} is gone (it ended before the signal)` };
    if (now !== start) return { result: 'refused', why: `PID ${r.pid} on ${r.host.name} is another process now (started after the reading): not signalled` };
  }
  try {
    process.kill(r.pid, `SIG${r.signal}`);
    return { result: 'ok', why: null };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return { result: 'failed', why: `process ${r.pid} on ${r.host.name} is gone (it ended before the signal)` };
    if (code === 'EPERM') return { result: 'failed', why: `${r.host.name}: not permitted to signal process ${r.pid}${r.shown ? ` (${r.shown.user}'s)` : ''}` };
    return { result: 'failed', why: `${r.host.name}: kill ${r.pid} failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export async function signalProcess(r: ProcessSignalRequest): Promise<ProcessSignalResult> {
  const host = r.host.name;
  const what = `send ${r.signal} to process ${r.pid}`;
  const detail = processDetail(r.shown);
  const finish = async (ok: boolean, result: AuditResult, message: string, why: string | null = null): Promise<ProcessSignalResult> => {
    let auditFailure = '';
    try {
      await r.audit?.append({ host, target: `process ${r.pid}`, action: `signal ${r.signal}`, result, detail: why ? `${detail}; ${why}` : detail });
    } catch (e) {
      auditFailure = ` (audit log not written: ${e instanceof Error ? e.message : String(e)})`;
    }
    return { ok, message: message + auditFailure };
  };

  const refused = refusal(PROCESS_SIGNAL_RISK[r.signal], r.readOnly, what);
  if (refused) return finish(false, 'refused', refused);
  if (!r.confirmed) return finish(false, 'cancelled', `not done: ${what}`);
  // 0 is the caller's process group and -1 every process the user may signal: never a target.
  if (!Number.isSafeInteger(r.pid) || r.pid <= 1) return finish(false, 'refused', `refused: PID ${r.pid} is not a process riskctl signals`);
  const timeoutMs = r.timeoutMs ?? 10_000;
  try {
    const o = r.host.kind === 'local' ? await signalHere(r) : await signalOverSsh(r, timeoutMs);
    if (o.why === null) return finish(true, 'ok', `sent ${r.signal} to process ${r.pid} on ${host}${r.shown ? ` (${r.shown.user})` : ''}`);
    return finish(false, o.result, o.why, o.why);
  } catch (e) {
    const why = inertLine(e instanceof Error ? e.message : String(e));
    return finish(false, 'failed', `${what} on ${host} failed: ${why}`, why);
  }
}
