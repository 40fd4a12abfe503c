import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostError, type HostStatus, type StdinFeed } from '../../src/hosts/Host';
import { LocalHost } from '../../src/hosts/LocalHost';
import { tempDir } from './keys';

const host = new LocalHost('here');
const dir = tempDir();

beforeAll(() => host.connect());
afterAll(() => host.close());

/** True while the process runs. A zombie counts as dead: here nobody may reap orphans. */
function alive(pid: number): boolean {
  try {
    return !/^State:\s*Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

describe('LocalHost status', () => {
  it('is connected after connect() and idle after close(), telling listeners', async () => {
    const h = new LocalHost();
    const seen: HostStatus['state'][] = [];
    const off = h.onStatus((s) => seen.push(s.state));
    expect(h.status().state).toBe('idle');
    await h.connect();
    expect(h.status()).toMatchObject({ state: 'connected', error: null });
    await h.close();
    off();
    expect(seen).toEqual(['connected', 'idle']);
    expect(h.kind).toBe('local');
    expect(h.name).toBe('local');
  });
});

describe('LocalHost.exec', () => {
  it.each([
    ['stdout, stderr and exit code', 'echo out; echo err >&2; exit 7', { code: 7, stdout: 'out\n', stderr: 'err\n' }],
    ['a pipeline under /bin/sh', 'printf "b\\na\\n" | sort', { code: 0, stdout: 'a\nb\n', stderr: '' }],
    ['multi-byte output', "printf 'Grüße ☃'", { code: 0, stdout: 'Grüße ☃', stderr: '' }],
  ])('%s', async (_n, cmd, want) => {
    const r = await host.exec(cmd);
    expect(r).toMatchObject({ ...want, timedOut: false });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('feeds stdin and gives a command without stdin an immediate EOF', async () => {
    expect((await host.exec('tr a-z A-Z', { stdin: 'hello' })).stdout).toBe('HELLO');
    expect(await host.exec('cat')).toMatchObject({ code: 0, stdout: '' });
  });

  it('merges env into the environment, never into the command text', async () => {
    const v = `it's $(touch ${dir}/pwned) \`x\`\nline2`;
    const r = await host.exec('printf %s "$RISKCTL_V"; printf "|%s" "$HOME"', { env: { RISKCTL_V: v } });
    expect(r.stdout.startsWith(v)).toBe(true);
    expect(r.stdout).toContain(`|${process.env.HOME}`); // the parent environment is kept too
    expect((await host.exec(`test -e ${dir}/pwned`)).code).toBe(1);
    await expect(host.exec('true', { env: { 'A;B': '1' } })).rejects.toThrow(HostError);
  });

  it('times out: kills the whole process group and reports timedOut with code null', async () => {
    const pidFile = join(dir, 'bg.pid');
    const t0 = Date.now();
    const r = await host.exec(`sleep 30 & echo $! > ${pidFile}; sleep 30`, { timeoutMs: 300 });
    expect(r).toMatchObject({ code: null, timedOut: true });
    expect(Date.now() - t0).toBeLessThan(3000);
    const bg = Number((await host.readFile(pidFile)).toString().trim());
    await new Promise((res) => setTimeout(res, 100));
    expect(alive(bg)).toBe(false); // the background child died with the group
  });

  it('aborts via the signal (code null, not timed out), also when aborted before the start', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    expect(await host.exec('sleep 30', { signal: ac.signal })).toMatchObject({ code: null, timedOut: false });
    expect(await host.exec('echo never', { signal: AbortSignal.abort() })).toMatchObject({ code: null, stdout: '' });
  });
});

describe('LocalHost.stream', () => {
  it('delivers output as it comes and resolves with the exit code', async () => {
    const chunks: string[] = [];
    const errs: string[] = [];
    const code = await host.stream('for i in 1 2 3; do echo $i; sleep 0.05; done; echo e >&2; exit 4', {
      onStdout: (c) => chunks.push(c.toString()),
      onStderr: (c) => errs.push(c.toString()),
    });
    expect(code).toBe(4);
    expect(chunks.join('')).toBe('1\n2\n3\n');
    expect(chunks.length).toBeGreaterThanOrEqual(2); // really streamed, not collected at the end
    expect(errs.join('')).toBe('e\n');
  });

  it('stops on abort with null', async () => {
    const ac = new AbortController();
    const lines: string[] = [];
    const p = host.stream('while :; do echo tick; sleep 0.05; done', { signal: ac.signal, onStdout: (c) => lines.push(c.toString()) });
    await new Promise((r) => setTimeout(r, 200));
    ac.abort();
    expect(await p).toBeNull();
    expect(lines.join('')).toContain('tick');
  });
});

describe('LocalHost.readFile', () => {
  it('reads a file, refuses one over maxBytes, and names the path when missing', async () => {
    const f = join(dir, 'data.bin');
    writeFileSync(f, Buffer.from([0, 1, 2, 255]));
    expect([...(await host.readFile(f))]).toEqual([0, 1, 2, 255]);
    expect((await host.readFile(f, { maxBytes: 4 })).length).toBe(4);
    await expect(host.readFile(f, { maxBytes: 3 })).rejects.toThrow(/larger than 3 bytes/);
    await expect(host.readFile(join(dir, 'nope'))).rejects.toThrow(`here: cannot read ${join(dir, 'nope')} (no such file or directory)`);
  });

  it('reads /proc files, whose size stat reports as 0', async () => {
    const text = (await host.readFile('/proc/loadavg')).toString();
    expect(text).toMatch(/^\d+\.\d+ \d+\.\d+ \d+\.\d+ /);
  });
});

describe('LocalHost sockets', () => {
  it('opens TCP and unix sockets on this machine', async () => {
    const sockPath = join(dir, 's.sock');
    const servers = [createServer((c) => c.end('tcp-hello')), createServer((c) => c.end('unix-hello'))];
    await new Promise<void>((r) => servers[0]!.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => servers[1]!.listen(sockPath, r));
    const port = (servers[0]!.address() as { port: number }).port;
    const read = async (s: NodeJS.ReadableStream) => {
      let out = '';
      for await (const c of s) out += c.toString();
      return out;
    };
    expect(await read(await host.openTcp('127.0.0.1', port))).toBe('tcp-hello');
    expect(await read(await host.openUnix(sockPath))).toBe('unix-hello');
    servers.forEach((s) => s.close());
    await expect(host.openTcp('127.0.0.1', port)).rejects.toThrow(/connection refused/);
    await expect(host.openUnix(join(dir, 'none.sock'))).rejects.toThrow(/no such file/);
  });
});

describe('LocalHost stdin hang-up', () => {
  it('the command loses its stdout and ends on its own at its next write', async () => {
    let feed: StdinFeed | null = null;
    let printed = 0;
    // SIGPIPE ignored, as a shell may find it: the failed write ends the loop, and the exit status says so.
    const ended = host.stream('trap "" PIPE; while echo x; do sleep 0.05; done; exit 3', {
      onStdout: () => {
        if (++printed === 2) feed!.hangUp();
      },
      onStdin: (f) => (feed = f),
    });
    // Without the hang-up this never ends; it is not killed (that reads as code null): it ends by its failed write.
    expect(await ended).toBe(3);
    expect(printed).toBeGreaterThanOrEqual(2);
  });
});

describe('LocalHost.openShell', () => {
  const withShell = async <T>(shell: string, run: () => Promise<T>): Promise<T> => {
    const saved = process.env.SHELL;
    process.env.SHELL = shell;
    try {
      return await run();
    } finally {
      if (saved === undefined) delete process.env.SHELL;
      else process.env.SHELL = saved;
    }
  };

  it("runs the operator's $SHELL as a login shell on this terminal: nothing to pipe, its exit code", async () => {
    const dir = tempDir('riskctl-local-shell-');
    const script = join(dir, 'fake-shell');
    // Stands in for a shell: records its arguments and TERM, exits 7.
    writeFileSync(script, `#!/bin/sh\necho "$* $TERM" > "${join(dir, 'args')}"\nexit 7\n`, { mode: 0o755 });
    const s = await withShell(script, () => new LocalHost().openShell({ cols: 80, rows: 24, term: 'xterm-test' }));
    expect(s.output).toBeNull();
    expect(await s.exit).toBe(7);
    expect(readFileSync(join(dir, 'args'), 'utf8')).toBe('-l xterm-test\n');
  });

  it('a shell that cannot run is an error naming it', async () => {
    await expect(withShell('/nonexistent/shell', () => new LocalHost('here').openShell({ cols: 80, rows: 24, term: 'xterm' }))).rejects.toThrow(
      /here: cannot run \/nonexistent\/shell/,
    );
  });
});
