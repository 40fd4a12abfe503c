// A block's shell: the loader and its chunks (pure), the marker reader, the
// terminal's text made plain, which commands run live — and the whole thing
// on this machine (LocalHost runs a real /bin/sh, no terminal): stop on
// failure, on-error=continue, a stop that ends one command and lets the next run.
import { describe, expect, it } from 'vitest';
import { LocalHost } from '../../../../src/hosts/LocalHost';
import type { CodeBlock, Command } from '../../../../src/services/procedures/model';
import { CommandControl, commandFailed, runShellBlock, spokenDuration, StepShells } from '../../../../src/services/procedures/runner/execShell';
import { liveCommand } from '../../../../src/services/procedures/runner/liveCommand';
import { commandChunk, framed, loaderCommand, preludeChunk, problemIn, shellFor, ShellLineReader, type ShellLine } from '../../../../src/services/procedures/runner/script';
import { ShellMissingError, ShellSession } from '../../../../src/services/procedures/runner/ShellSession';
import { terminalText } from '../../../../src/services/procedures/runner/terminalText';
import { parseJournal } from '../../../../src/services/procedures/runner/journal';

describe('the loader and its chunks', () => {
  it('runs the block shell by name, not the login shell, and names a missing one', () => {
    const l = loaderCommand('bash', 'abc123');
    expect(l).toMatch(/^stty raw -echo 2>\/dev\/null; if command -v bash >\/dev\/null 2>&1; then exec bash -c '[^']*' riskctl-bash; fi; printf '\\n@@RISKCTL:abc123:NO-SHELL\\n'; exit 127$/);
    expect(loaderCommand('sh', 'ff')).toContain('exec sh -c');
    expect(() => loaderCommand('bash', "x'; rm")).toThrow('hex');
  });
  it('maps fence languages to shells', () => {
    expect([shellFor('bash'), shellFor('sh'), shellFor('shell'), shellFor('zsh')]).toEqual(['bash', 'sh', 'sh', 'zsh']);
  });
  it('frames a chunk by its length in bytes, in ten characters', () => {
    expect(framed('é\n')).toBe('         3é\n');
  });
  it('sets values as unexported shell variables, quoted, in the prelude (sent over stdin, never on a command line)', () => {
    const p = preludeChunk({ RISKCTL_P_PASSWORD: "it's $(x)" }, '/opt/risk-platform');
    expect(p).toBe(["exec 2>&1", 'sudo() { command sudo -n "$@"; }', `RISKCTL_P_PASSWORD='it'\\''s $(x)'`, "cd '/opt/risk-platform' 2>/dev/null || true", ''].join('\n'));
    expect(p).not.toContain('export');
    expect(() => preludeChunk({ 'a b': 'x' })).toThrow('invalid variable name');
  });
  it('wraps a command as a function between markers carrying the nonce', () => {
    expect(commandChunk('cd /x\necho a', 2, 'n1')).toBe(
      ["printf '\\n@@RISKCTL:n1:B:2\\n'", '__rk_c() {', 'cd /x\necho a', '}', `__rk_in=1; __rk_c; __rk_rc=$?; __rk_in=; unset -f __rk_c; printf '\\n@@RISKCTL:n1:E:2:%s\\n' "$__rk_rc"`, ''].join('\n'),
    );
  });
});

describe('ShellLineReader', () => {
  const read = (stream: string, size: number): ShellLine[] => {
    const seen: ShellLine[] = [];
    const r = new ShellLineReader('s1', 'm1', (l) => seen.push(l));
    for (let i = 0; i < stream.length; i += size) r.push(stream.slice(i, i + size));
    r.end();
    return seen;
  };
  it('tells markers from text across any chunking, CR LF read as LF, the command’s own blank lines kept', () => {
    const stream = '\r\n@@RISKCTL:s1:READY\r\n\r\n@@RISKCTL:m1:B:0\r\nhello\r\n\r\n\r\n@@RISKCTL:m1:E:0:3\r\n\r\n@@RISKCTL:s1:READY\r\npartial';
    for (const size of [1, 4, stream.length]) {
      const lines = read(stream, size);
      const merged = lines.reduce<ShellLine[]>((acc, l) => {
        const last = acc.at(-1);
        if (l.kind === 'text' && last?.kind === 'text') acc[acc.length - 1] = { ...last, text: last.text + l.text, newline: l.newline };
        else acc.push(l);
        return acc;
      }, []);
      expect(merged).toEqual([
        { kind: 'ready' },
        { kind: 'begin', index: 0 },
        { kind: 'text', text: 'hello\n\n', newline: false },
        { kind: 'end', index: 0, code: 3 },
        { kind: 'ready' },
        { kind: 'text', text: 'partial', newline: false },
      ]);
    }
  });
  it('reads a marker with another nonce as text: a command cannot forge an exit code', () => {
    expect(read('@@RISKCTL:fake:E:0:0\n@@RISKCTL:s1:NO-SHELL\n', 5)).toEqual([{ kind: 'text', text: '@@RISKCTL:fake:E:0:0\n', newline: true }, { kind: 'no-shell' }]);
  });
  it('names a sudo password prompt', () => {
    expect(problemIn('sudo: a password is required\n')).toBe('needs passwordless sudo (sudo -n asked for a password)');
    expect(problemIn('ok')).toBeUndefined();
  });
});

describe('terminalText', () => {
  const cases: Array<[string, string, string]> = [
    ['colours dropped', '\x1b[1;31mred\x1b[0m plain\n', 'red plain\n'],
    ['CR LF', 'a\r\nb\r\n', 'a\nb\n'],
    ['a progress bar keeps its last state', '10%\r50%\r100%\n', '100%\n'],
    ['a trailing CR keeps the line', 'done\r', 'done'],
    ['a window title dropped', '\x1b]0;PWNED\x07after\n', 'after\n'],
    ['cursor moves and screen clears dropped', '\x1b[H\x1b[2J\x1b[?25ltop\n', 'top\n'],
    ['a charset switch dropped', '\x1b(Bx\n', 'x\n'],
    ['other controls made visible', 'bell\x07 nul\x00\n', 'bell␇ nul␀\n'],
    ['a lone ESC made visible', 'a\x1b\n', 'a␛\n'],
  ];
  it.each(cases)('%s', (_name, input, want) => {
    expect(terminalText(input)).toBe(want);
  });
});

describe('liveCommand: which commands run until ended', () => {
  const cases: Array<[string, 'follow' | 'loop' | null]> = [
    ['docker compose logs -f api', 'follow'],
    ['docker compose -f docker-compose.db.yml logs --follow postgres', 'follow'],
    ['docker compose -f docker-compose.db.yml logs postgres | tail -50', null],
    ['docker logs --tail 100 -f api', 'follow'],
    ['tail -F /var/log/app.log', 'follow'],
    ['tail -n 50 -f /var/log/syslog | grep error', 'follow'],
    ['tail -50 /var/log/syslog', null],
    ['sudo journalctl -u nginx -f', 'follow'],
    ['journalctl -u nginx -n 100', null],
    ['watch -n 5 docker ps', 'follow'],
    ['kubectl logs -f deploy/api', 'follow'],
    ['ping 10.0.0.1', 'follow'],
    ['ping -c 3 10.0.0.1', null],
    ['docker stats', 'follow'],
    ['docker stats --no-stream', null],
    ['curl -f http://localhost:3000/health', null],
    ['docker compose rm -f api', null],
    ['for i in {1..15}; do\n  curl -f http://localhost:3000/health || echo "API check failed"\n  sleep 60\ndone', 'loop'],
    ['while true; do date; sleep 5; done', 'loop'],
    ['for f in *.log; do gzip "$f"; done', null],
    ['sleep 30', null],
    ['echo "tail -f x"', null],
  ];
  it.each(cases)('%s', (text, want) => {
    expect(liveCommand(text)).toBe(want);
  });
});

it('spokenDuration', () => {
  expect([spokenDuration(4_400), spokenDuration(130_000), spokenDuration(3_900_000)]).toEqual(['4 s', '2 m 10 s', '1 h 5 m']);
});

const cmd = (text: string): Command => ({ kind: 'shell', text, source: { file: 't.md', line: 1 }, risk: 'read-only', classified: { risk: 'read-only', reasons: [] }, instructions: [], placeholders: [] });
const block = (texts: string[], attrs: Partial<CodeBlock['attributes']> = {}, lang = 'bash'): CodeBlock => ({
  kind: 'shell',
  label: null,
  flow: 'plain',
  choice: null,
  lang,
  source: { file: 't.md', line: 1 },
  attributes: { params: {}, interactive: false, ...attrs },
  commands: texts.map(cmd),
  notes: [],
});

describe('runShellBlock on this machine', () => {
  const withShells = async <T,>(fn: (s: StepShells) => Promise<T>): Promise<T> => {
    const shells = new StepShells({ host: new LocalHost('local'), vars: {} });
    try {
      return await fn(shells);
    } finally {
      await shells.close();
    }
  };
  const ctx = (shells: StepShells, extra: Partial<Parameters<typeof runShellBlock>[1]> = {}) => ({ shells, values: {}, headless: true, defaultTimeoutMs: 20_000, onOutput: () => {}, ...extra });

  it('a failing cd stops its block: nothing after it runs; `cmd || echo` handles its own failure', async () => {
    const recs = await withShells((s) => runShellBlock(block(['false || echo handled', 'cd /nonexistent/riskctl-dir', 'echo must-not-run']), ctx(s)));
    expect(recs.map((r) => [r.exitCode, r.notRun ?? false, r.problem ?? null, commandFailed(r)])).toEqual([
      [0, false, null, false],
      [1, false, null, true],
      [null, true, 'not run: an earlier command failed', true],
    ]);
    expect(recs[0]!.output).toBe('handled\n');
  });

  it('on-error=continue: the block goes on and the failure does not fail the step', async () => {
    const recs = await withShells((s) => runShellBlock(block(['exit_three() { return 3; }; exit_three', 'echo ran'], { onError: 'continue' }), ctx(s)));
    expect(recs.map((r) => [r.exitCode, r.onErrorContinue ?? false, commandFailed(r), r.output])).toEqual([
      [3, true, false, ''],
      [0, false, false, 'ran\n'],
    ]);
  });

  it('state carries from one command to the next, and bash syntax works in a bash block', async () => {
    const recs = await withShells((s) => runShellBlock(block(['cd /tmp && X=1', 'echo {1..3} $X; [[ -d . ]] && pwd']), ctx(s)));
    expect(recs.map((r) => r.output)).toEqual(['', '1 2 3 1\n/tmp\n']);
  });

  it('a command the shell cannot read fails without running, and stops its block', async () => {
    const recs = await withShells((s) => runShellBlock(block(['if then', 'echo no']), ctx(s)));
    expect(recs[0]!.problem).toBe('bash could not read the command (a syntax error): it did not run');
    expect(recs[1]!.notRun).toBe(true);
  });

  it('a timed-out command is exitCode null, timedOut, a failure; a following one at its timeout is stopped, not failed', async () => {
    const recs = await withShells((s) => runShellBlock(block(['sleep 30'], { timeoutMs: 300 }), ctx(s)));
    expect([recs[0]!.exitCode, recs[0]!.timedOut, commandFailed(recs[0]!), recs[0]!.problem]).toEqual([null, true, true, 'timed out after 0 s']);
    // The timeout is each command's: long enough for `echo next` on a busy machine.
    const live = await withShells((s) => runShellBlock(block(['tail -f /dev/null', 'echo next'], { timeoutMs: 1500 }), ctx(s)));
    expect(live.map((r) => [r.exitCode, r.timedOut ?? false, r.stopped ?? null, commandFailed(r), r.output])).toEqual([
      [null, true, 'timeout', false, ''],
      [0, false, null, false, 'next\n'],
    ]);
    expect(live[0]!.note).toMatch(/^stopped at its timeout after \d+ s \(it follows output\)$/);
  });

  it('the stop call ends the command in progress (a loop with sleeps too) and the block goes on', async () => {
    const control = new CommandControl();
    const starts: string[] = [];
    const recs = await withShells((s) =>
      runShellBlock(block(['for i in 1 2 3; do echo "tick $i"; sleep 20; done', 'echo after-the-loop']), ctx(s, { headless: false, control, onStart: (_i, text) => starts.push(text), onOutput: (i, t) => i === 0 && t.includes('tick 1') && setTimeout(() => control.stop(), 100) })),
    );
    expect(recs.map((r) => [r.exitCode, r.stopped ?? null, commandFailed(r), r.output])).toEqual([
      [null, 'operator', false, 'tick 1\n'],
      [0, null, false, 'after-the-loop\n'],
    ]);
    expect(recs[0]!.note).toMatch(/^stopped by the operator after \d+ s$/);
    expect(starts).toHaveLength(2);
    expect(control.stop()).toBe(false); // nothing runs now
  });

  it('an sh block runs in sh, and its stop works the same', async () => {
    const control = new CommandControl();
    const recs = await withShells((s) =>
      runShellBlock(block(['echo "$0"', 'while true; do echo tick; sleep 20; done', 'echo after'], {}, 'sh'), ctx(s, { headless: false, control, onOutput: (i, t) => i === 1 && t.includes('tick') && setTimeout(() => control.stop(), 100) })),
    );
    expect(recs.map((r) => [r.shell, r.exitCode, r.stopped ?? null, r.output])).toEqual([
      ['sh', 0, null, 'riskctl-sh\n'],
      ['sh', null, 'operator', 'tick\n'],
      ['sh', 0, null, 'after\n'],
    ]);
  });

  it('a stop asked for before the command began waits for it to begin (never lands while the shell reads the command)', async () => {
    const s = await ShellSession.open({ host: new LocalHost('local'), shell: 'bash', vars: { RISKCTL_P_X: 'v' } });
    try {
      const run = s.run('echo begun; sleep 20');
      expect(s.stopCurrent()).toBe(true);
      expect(s.stopCurrent()).toBe(false); // one stop at a time
      const r = await run;
      expect([r.end, r.output]).toEqual([{ kind: 'stopped', by: 'operator', killedShell: false }, 'begun\n']);
      expect((await s.run('echo "$RISKCTL_P_X"')).output).toBe('v\n');
    } finally {
      await s.close();
    }
  });

  it('a missing shell is refused before anything runs, naming the host', async () => {
    await expect(ShellSession.open({ host: new LocalHost('here'), shell: 'zsh-riskctl-none' as 'zsh', vars: {} })).rejects.toThrow(ShellMissingError);
    await expect(ShellSession.open({ host: new LocalHost('here'), shell: 'zsh-riskctl-none' as 'zsh', vars: {} })).rejects.toThrow('here has no zsh-riskctl-none');
  });
});

describe('the journal names the command an interrupted run was running', () => {
  const header = { type: 'run', runId: 'r1', procedure: { id: 'X', title: 'x', hash: 'h', source: 'x.md:1' }, host: 'lab-2', production: false, operator: 'op', params: {}, mode: { headless: true, readOnly: false, yes: true }, startedAt: 't0' };
  const start = (index: number, command: number, text: string) => ({ type: 'command-start', index, number: index + 1, command, text, at: 't' });
  const step = (index: number) => ({ type: 'step', index, number: index + 1, title: 's', phase: '', status: 'done', risk: 'read-only', startedAt: 't', endedAt: 't', commands: [] });
  const parse = (recs: object[]) => parseJournal(recs.map((r) => JSON.stringify(r)).join('\n'), 'r1.jsonl');
  it('the last command begun whose step has no record after it; none once the step ended or the run did', () => {
    expect(parse([header, start(0, 0, 'a'), step(0), start(1, 0, 'b'), start(1, 1, 'c')]).interrupted).toMatchObject({ index: 1, command: 1, text: 'c' });
    expect(parse([header, start(0, 0, 'a'), step(0)]).interrupted).toBeNull();
    expect(parse([header, start(0, 0, 'a'), { type: 'end', status: 'failed', message: 'm', at: 't' }]).interrupted).toBeNull();
    // Torn last line from a crash: what came before stands.
    expect(parseJournal(`${JSON.stringify(header)}\n${JSON.stringify(start(0, 2, 'sleep 20'))}\n{"type":"st`, 'r1.jsonl').interrupted).toMatchObject({ command: 2, text: 'sleep 20' });
  });
});
