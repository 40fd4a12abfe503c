// The signal's script runs in this machine's /bin/sh behind a Host of kind
// 'ssh' (its exec is a LocalHost's): the PID, signal and start time reach it
// as environment values, as over SSH. The lab e2e sends one over real SSH.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../../src/hosts/Host';
import { LocalHost } from '../../../src/hosts/LocalHost';
import { AuditLog } from '../../../src/services/AuditLog';
import type { ProcessInfo } from '../../../src/services/processes/ProcessInfo';
import { parsePidStat } from '../../../src/services/processes/parsePidStat';
import { SIGNAL_MARK, scriptOutcome, signalProcess, type ProcessSignalRequest } from '../../../src/services/processes/signalProcess';

const local = new LocalHost('here');
/** A host that runs the remote path (the script) on this machine, counting its execs. */
function remoteHost(): Host & { execs: string[] } {
  const execs: string[] = [];
  return Object.assign(Object.create(local) as Host, {
    name: 'lab-x',
    kind: 'ssh' as const,
    execs,
    exec: (cmd: string, opts: Parameters<Host['exec']>[1]) => {
      execs.push(cmd);
      return local.exec(cmd, opts);
    },
  });
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function sleeper(): { child: ChildProcess; info: ProcessInfo; ended: Promise<NodeJS.Signals | null> } {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  const pid = child.pid!;
  const startTicks = parsePidStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).get(pid)!.startTicks;
  const info: ProcessInfo = {
    pid,
    ppid: process.pid,
    user: 'me',
    cpuPercent: 0,
    memPercent: 0,
    rssBytes: 0,
    state: 'S',
    elapsedSeconds: 0,
    command: 'sleep 60',
    startTicks,
  };
  const ended = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
  return { child, info, ended };
}

function audit(): { log: AuditLog; lines: () => Array<Record<string, string>> } {
  const file = join(mkdtempSync(join(tmpdir(), 'riskctl-signal-')), 'audit.jsonl');
  return {
    log: new AuditLog(file),
    lines: () =>
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, string>),
  };
}

const request = (host: Host, info: ProcessInfo, more: Partial<ProcessSignalRequest> = {}): ProcessSignalRequest => ({
  host,
  pid: info.pid,
  signal: 'TERM',
  shown: info,
  confirmed: true,
  readOnly: false,
  audit: null,
  ...more,
});

describe('signalProcess', () => {
  it('sends the signal through the script when the PID still names the process shown, and audits who, host, PID, command line, signal, result', async () => {
    const host = remoteHost();
    const a = audit();
    const s = sleeper();
    const r = await signalProcess(request(host, s.info, { audit: a.log }));
    expect(r).toEqual({ ok: true, message: `sent TERM to process ${s.info.pid} on lab-x (me)` });
    expect(await s.ended).toBe('SIGTERM');
    expect(a.lines()).toMatchObject([{ host: 'lab-x', target: `process ${s.info.pid}`, action: 'signal TERM', result: 'ok', detail: 'me: sleep 60' }]);
    expect(a.lines()[0]!.operator).toBeTruthy();
    // The values travel as environment, never in the command text.
    expect(host.execs).toHaveLength(1);
    expect(host.execs[0]).not.toContain(String(s.info.pid));
    expect(host.execs[0]).not.toContain('TERM');
  });

  it('sends KILL, HUP and INT by name', async () => {
    for (const signal of ['KILL', 'HUP', 'INT'] as const) {
      const s = sleeper();
      const r = await signalProcess(request(remoteHost(), s.info, { signal }));
      expect(r.ok, r.message).toBe(true);
      expect(await s.ended).toBe(`SIG${signal}`);
    }
  });

  it('refuses a PID that names another process now (other start time), and leaves it running', async () => {
    const a = audit();
    const s = sleeper();
    const r = await signalProcess(request(remoteHost(), { ...s.info, startTicks: s.info.startTicks! - 1 }, { audit: a.log }));
    expect(r.ok).toBe(false);
    expect(r.message).toBe(`PID ${s.info.pid} on lab-x is another process now (started after the reading): not signalled`);
    expect(s.child.exitCode === null && s.child.signalCode === null).toBe(true);
    expect(a.lines()[0]).toMatchObject({ result: 'refused', action: 'signal TERM' });
  });

  it('says a process that ended is gone', async () => {
    const s = sleeper();
    s.child.kill('SIGKILL');
    await s.ended;
    const r = await signalProcess(request(remoteHost(), s.info));
    expect(r).toEqual({ ok: false, message: `process ${s.info.pid} on lab-x is gone (it ended before the signal)` });
  });

  it('under --read-only refuses without running anything, and audits the refusal', async () => {
    const host = remoteHost();
    const a = audit();
    const s = sleeper();
    const r = await signalProcess(request(host, s.info, { readOnly: true, audit: a.log }));
    expect(r).toEqual({ ok: false, message: `--read-only: refused to send TERM to process ${s.info.pid} (mutating)` });
    expect(host.execs).toEqual([]);
    expect(a.lines()[0]).toMatchObject({ result: 'refused' });
  });

  it('a no at the confirmation is audited as cancelled and runs nothing', async () => {
    const host = remoteHost();
    const a = audit();
    const s = sleeper();
    const r = await signalProcess(request(host, s.info, { confirmed: false, audit: a.log }));
    expect(r.ok).toBe(false);
    expect(host.execs).toEqual([]);
    expect(a.lines()[0]).toMatchObject({ result: 'cancelled' });
  });

  it.each([0, 1, -1])('never signals PID %i', async (pid) => {
    const host = remoteHost();
    const s = sleeper();
    const r = await signalProcess(request(host, { ...s.info, pid }, { pid }));
    expect(r.message).toBe(`refused: PID ${pid} is not a process riskctl signals`);
    expect(host.execs).toEqual([]);
  });

  it('on the local host uses process.kill after the same start-time check', async () => {
    const s = sleeper();
    const reused = await signalProcess(request(local, { ...s.info, startTicks: s.info.startTicks! + 1 }));
    expect(reused.ok).toBe(false);
    const r = await signalProcess(request(local, s.info, { signal: 'INT' }));
    expect(r).toEqual({ ok: true, message: `sent INT to process ${s.info.pid} on here (me)` });
    expect(await s.ended).toBe('SIGINT');
    expect((await signalProcess(request(local, { ...s.info, pid: process.pid }, { pid: process.pid }))).message).toContain('riskctl itself');
  });
});

describe('scriptOutcome', () => {
  const at = { host: 'db-1', pid: 812, user: 'postgres', timeoutMs: 10_000 };
  const r = (code: number | null, stdout: string, stderr = '', timedOut = false) => ({ code, stdout, stderr, timedOut });

  it('names sudo needing a password in one line', () => {
    expect(scriptOutcome(r(1, `${SIGNAL_MARK.sudo}\n`, 'sudo: a password is required\n'), at)).toEqual({
      result: 'failed',
      why: "db-1: process 812 (postgres's) is not the SSH user's and sudo needs a password: not signalled",
    });
  });

  it('names a missing sudo', () => {
    expect(scriptOutcome(r(127, `${SIGNAL_MARK.sudo}\n`, 'sh: 1: sudo: not found\n'), at).why).toBe(
      "db-1: process 812 (postgres's) is not the SSH user's and there is no sudo: not signalled",
    );
  });

  it("gives kill's own words, made inert, else the exit", () => {
    expect(scriptOutcome(r(1, '', 'kill: (812) - Operation not permitted\x1b[2J\nmore'), at).why).toBe(
      'db-1: kill 812 failed: kill: (812) - Operation not permitted␛[2J',
    );
    expect(scriptOutcome(r(2, ''), at).why).toBe('db-1: kill 812 failed: exit 2');
    expect(scriptOutcome(r(null, '', '', true), at)).toEqual({ result: 'failed', why: 'db-1: no answer within 10 s' });
  });
});
